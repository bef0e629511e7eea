"""Vacancy rows stay whole in the table, and a long description no longer stops a vacancy from
being published (issue 19: the search's speed with the stems).

With the stems (0023) a vacancy's row grew past PostgreSQL's 2 kB TOAST threshold, so for two
vacancies in five the search vector was compressed and moved to the TOAST table: a search that
filters and ranks a thousand candidates then read two pages per candidate instead of one, and
decompressed each vector twice (10,335 buffers against 4,845 for the same query,
docs/performance.md). The threshold is raised to the page's limit.

``vacancy_filter_idx`` includes the search vector, and an index row holds at most 2,704 bytes:
a vacancy with a long description of varied words (the form allows 5,000 characters) could not
be published ("index row size 4864 exceeds btree version 4 maximum 2704"). ``search_fits``
tells the vectors that fit; the index holds only those, and the others have an index of their
own (jobboard.search.best_matches searches both).

Then the table is rewritten once, so that the rows already moved come back (VACUUM FULL: a few
seconds at 100,000 vacancies; outside a transaction, as VACUUM must be).
"""

import django.contrib.postgres.indexes
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models.functions import Cast, Length
from django.db.models.lookups import LessThanOrEqual

# The vector as jobboard.models.Vacancy.search computes it (as of 0023), and whether it fits in
# an index row: its text form's length plus 4 bytes a word, at most 2,400 (see the model).
SEARCH_VECTOR = (
    SearchVector("title", "position", weight="A", config="simple")
    + SearchVector("skills", "place", weight="B", config="simple")
    + SearchVector("description", weight="C", config="simple")
    + SearchVector("stems", weight="D", config="simple")
)


def fits_in_an_index_row(vector):
    words = models.Func(vector, function="length", output_field=models.IntegerField())
    return LessThanOrEqual(Length(Cast(vector, models.TextField())) + 4 * words, 2400)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("jobboard", "0023_search_by_stems"),
        ("portal", "0021_head_grade_and_izin_spelling"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE jobboard_vacancy SET (toast_tuple_target = 4080)",
            "ALTER TABLE jobboard_vacancy RESET (toast_tuple_target)",
        ),
        migrations.RemoveIndex(
            model_name="vacancy",
            name="vacancy_filter_idx",
        ),
        migrations.AddField(
            model_name="vacancy",
            name="search_fits",
            field=models.GeneratedField(
                db_persist=True,
                expression=fits_in_an_index_row(SEARCH_VECTOR),
                output_field=models.BooleanField(),
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                condition=models.Q(("search_fits", True), ("status", "published")),
                fields=["work_type", "min_education", "closing_date"],
                include=("published_at", "id", "search"),
                name="vacancy_filter_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("search_fits", False), ("status", "published")),
                fields=["search"],
                name="vacancy_long_search_idx",
            ),
        ),
        migrations.RunSQL("VACUUM FULL jobboard_vacancy", migrations.RunSQL.noop),
    ]
