"""Vacancy rows stay whole in the table, and the filters' index leaves the search vector out
(issue 19: the search's speed with the stems, and a vacancy that could not be published).

With the stems (0023) a vacancy's row grew past PostgreSQL's 2 kB TOAST threshold, so for two
vacancies in five the search vector was compressed and moved to the TOAST table: a search that
filters and ranks a thousand candidates then read two pages per candidate instead of one, and
decompressed each vector twice (10,335 buffers against 4,845 for the same query,
docs/performance.md). The threshold is raised to the page's limit.

``vacancy_filter_idx`` included the search vector, and an index row holds at most 2,704 bytes:
a vacancy with a long description of varied words (the form allows 5,000 characters) could not
be published ("index row size exceeds btree maximum"). It is made again without it.

Then the table is rewritten once, so that the rows already moved come back (VACUUM FULL: a few
seconds at 100,000 vacancies; outside a transaction, as VACUUM must be).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("jobboard", "0023_search_by_stems")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE jobboard_vacancy SET (toast_tuple_target = 4080)",
            "ALTER TABLE jobboard_vacancy RESET (toast_tuple_target)",
        ),
        migrations.RemoveIndex(model_name="vacancy", name="vacancy_filter_idx"),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["work_type", "min_education", "closing_date"],
                include=("published_at", "id"),
                name="vacancy_filter_idx",
            ),
        ),
        migrations.RunSQL("VACUUM FULL jobboard_vacancy", migrations.RunSQL.noop),
    ]
