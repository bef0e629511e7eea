"""Search by Indonesian stems (issue 19 item 5): a stored column of the words' stems, searched
with the words. A generated column's expression cannot be altered, so the search columns (and
the indexes over them) are dropped and made again with the stems in; then every existing row
gets its stems, which fills the new search columns."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions
from django.db import migrations, models

import jobboard.stemming
from jobboard.stemming import stems_of

BATCH = 2000


def stem_existing(apps, schema_editor):
    for model_name in ("Vacancy", "JobSeeker"):
        model = apps.get_model("jobboard", model_name)
        sources = model._meta.get_field("stems").sources
        batch = []
        for row in model.objects.only("pk", *sources).order_by("pk").iterator(chunk_size=BATCH):
            row.stems = stems_of(*(getattr(row, name) for name in sources))
            batch.append(row)
            if len(batch) == BATCH:
                model.objects.bulk_update(batch, ["stems"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["stems"])


class Migration(migrations.Migration):
    dependencies = [
        ("jobboard", "0022_province_reader"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="jobseeker",
            name="jobseeker_search_idx",
        ),
        migrations.RemoveIndex(
            model_name="vacancy",
            name="vacancy_filter_idx",
        ),
        migrations.RemoveIndex(
            model_name="vacancy",
            name="vacancy_search_idx",
        ),
        migrations.AddField(
            model_name="jobseeker",
            name="stems",
            field=jobboard.stemming.StemsField(
                sources=("desired_job", "skills", "education_major", "work_experience")
            ),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="stems",
            field=jobboard.stemming.StemsField(
                sources=("title", "position", "skills", "description")
            ),
        ),
        migrations.RemoveField(
            model_name="jobseeker",
            name="search",
        ),
        migrations.RemoveField(
            model_name="vacancy",
            name="search",
        ),
        migrations.AddField(
            model_name="jobseeker",
            name="search",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            "desired_job", "skills", config="simple", weight="A"
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "education_major",
                            "work_experience",
                            "kecamatan",
                            "city",
                            config="simple",
                            weight="B",
                        ),
                        django.contrib.postgres.search.SearchConfig("simple"),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "stems", config="simple", weight="D"
                    ),
                    django.contrib.postgres.search.SearchConfig("simple"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="search",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "title", "position", config="simple", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "skills", "place", config="simple", weight="B"
                            ),
                            django.contrib.postgres.search.SearchConfig("simple"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "description", config="simple", weight="C"
                        ),
                        django.contrib.postgres.search.SearchConfig("simple"),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "stems", config="simple", weight="D"
                    ),
                    django.contrib.postgres.search.SearchConfig("simple"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="jobseeker",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search"], name="jobseeker_search_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["work_type", "min_education", "closing_date"],
                include=("published_at", "id", "search"),
                name="vacancy_filter_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status", "published")),
                fields=["search"],
                name="vacancy_search_idx",
            ),
        ),
        migrations.RunPython(stem_existing, migrations.RunPython.noop, elidable=True),
    ]
