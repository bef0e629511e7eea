"""quality_working_minutes without a row per day: a closed form, same results.

0002 summed each day of the span (generate_series), which made a dashboard over years of open
complaints slow. Here each moment is turned into "working seconds since Monday 5 January
1970" (whole weeks x 5 days x 8 hours, plus the days and the clamped time of the current
week), and the minutes between two moments are the difference, floored. Exact numeric
arithmetic (PostgreSQL 14+ returns numeric from extract), so the results equal
akad_permits.standards.working_minutes; tests/quality/test_sql.py checks it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION quality_working_seconds_at(t timestamptz)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (floor(d / 7.0) * 5 + least(d - 7 * floor(d / 7.0), 5)) * 28800
         + CASE WHEN d - 7 * floor(d / 7.0) < 5
                THEN least(greatest(extract(epoch FROM l::time) - 28800, 0), 28800)
                ELSE 0 END
  FROM (SELECT t AT TIME ZONE 'Asia/Jakarta' AS l) AS local_time,
       LATERAL (SELECT (l::date - date '1970-01-05') AS d) AS days
$$;

CREATE OR REPLACE FUNCTION quality_working_minutes(s timestamptz, e timestamptz)
RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s IS NULL OR e IS NULL OR e <= s THEN 0
              ELSE floor((quality_working_seconds_at(e) - quality_working_seconds_at(s)) / 60)::integer
         END
$$;
"""

# Back to 0002's version.
DROP = """
CREATE OR REPLACE FUNCTION quality_working_minutes(s timestamptz, e timestamptz)
RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s IS NULL OR e IS NULL OR e <= s THEN 0 ELSE COALESCE((
    SELECT floor(sum(extract(epoch FROM greatest(interval '0',
             least(e AT TIME ZONE 'Asia/Jakarta', d::date + time '16:00')
             - greatest(s AT TIME ZONE 'Asia/Jakarta', d::date + time '08:00')))) / 60)::integer
    FROM generate_series((s AT TIME ZONE 'Asia/Jakarta')::date::timestamp,
                         (e AT TIME ZONE 'Asia/Jakarta')::date::timestamp,
                         interval '1 day') AS d
    WHERE extract(isodow FROM d) <= 5), 0) END
$$;
DROP FUNCTION IF EXISTS quality_working_seconds_at(timestamptz);
"""


class Migration(migrations.Migration):
    dependencies = [("quality", "0003_roles")]
    operations = [migrations.RunSQL(CREATE, DROP)]
