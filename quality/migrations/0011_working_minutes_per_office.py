"""quality_working_minutes(office, start, end): each office's hours and working calendar.

Replaces 0004's two-argument function (Monday-Friday 08:00-16:00 for everyone, no holidays).
The same closed form, now with the office's hours (portal_office.opens_at ... friday_closes_at,
Friday apart): each moment becomes "working seconds since Monday 5 January 1970" as if no day
were off; then the office hours of the non-working weekdays between the two moments
(portal_nonworkingday: national rows, office empty, and the office's own), clamped to the span,
are taken away. Exact numeric arithmetic, so the figures equal portal.working_time's;
tests/quality/test_sql.py checks it. STABLE, not IMMUTABLE: it reads two tables.
"""

from django.db import migrations

CREATE = """
DROP FUNCTION IF EXISTS quality_working_minutes(timestamptz, timestamptz);
DROP FUNCTION IF EXISTS quality_working_seconds_at(timestamptz);

CREATE OR REPLACE FUNCTION quality_clock_seconds(
    t timestamptz, wo time, wc time, fo time, fc time
) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(d / 7.0) * (4 * wl + fl)
         + least(r, 4) * wl + CASE WHEN r >= 5 THEN fl ELSE 0 END
         + CASE WHEN r < 4 THEN least(greatest(sec - extract(epoch FROM wo), 0), wl)
                WHEN r = 4 THEN least(greatest(sec - extract(epoch FROM fo), 0), fl)
                ELSE 0 END
  FROM (SELECT t AT TIME ZONE 'Asia/Jakarta' AS l) AS local_time,
       LATERAL (SELECT (l::date - date '1970-01-05') AS d,
                       extract(epoch FROM l::time) AS sec) AS days,
       LATERAL (SELECT d - 7 * floor(d / 7.0) AS r,
                       extract(epoch FROM wc - wo) AS wl,
                       extract(epoch FROM fc - fo) AS fl) AS lengths
$$;

CREATE OR REPLACE FUNCTION quality_working_minutes(o bigint, s timestamptz, e timestamptz)
RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s IS NULL OR e IS NULL OR e <= s THEN 0 ELSE (
    SELECT floor((
        quality_clock_seconds(e, h.opens_at, h.closes_at, h.friday_opens_at, h.friday_closes_at)
      - quality_clock_seconds(s, h.opens_at, h.closes_at, h.friday_opens_at, h.friday_closes_at)
      - COALESCE((
          SELECT sum(extract(epoch FROM greatest(interval '0',
                   least(e AT TIME ZONE 'Asia/Jakarta', off.day + off.closes)
                   - greatest(s AT TIME ZONE 'Asia/Jakarta', off.day + off.opens))))
          FROM (
            SELECT DISTINCT n.date AS day,
                   CASE WHEN extract(isodow FROM n.date) = 5
                        THEN h.friday_opens_at ELSE h.opens_at END AS opens,
                   CASE WHEN extract(isodow FROM n.date) = 5
                        THEN h.friday_closes_at ELSE h.closes_at END AS closes
            FROM portal_nonworkingday AS n
            WHERE (n.office_id IS NULL OR n.office_id = o)
              AND n.date BETWEEN (s AT TIME ZONE 'Asia/Jakarta')::date
                             AND (e AT TIME ZONE 'Asia/Jakarta')::date
              AND extract(isodow FROM n.date) <= 5
          ) AS off), 0)
    ) / 60)::integer
    FROM portal_office AS h WHERE h.id = o
  ) END
$$;
"""

DROP = """
DROP FUNCTION IF EXISTS quality_working_minutes(bigint, timestamptz, timestamptz);
DROP FUNCTION IF EXISTS quality_clock_seconds(timestamptz, time, time, time, time);

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


class Migration(migrations.Migration):
    dependencies = [("quality", "0010_escalations_and_morning_digest"), ("portal", "0013_national_days_2025_2027")]
    operations = [migrations.RunSQL(CREATE, DROP)]
