"""quality_working_minutes(start, end): working minutes between two moments, in PostgreSQL.

The same rule as akad_permits.standards.working_minutes (Monday-Friday, 08:00-16:00
Asia/Jakarta, whole minutes), so the dashboard measures time in the database instead of
loading every row into Python. tests/quality/test_sql.py checks both give the same figures.
"""

from django.db import migrations

CREATE = """
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
"""
DROP = "DROP FUNCTION IF EXISTS quality_working_minutes(timestamptz, timestamptz);"


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]
    operations = [migrations.RunSQL(CREATE, DROP)]
