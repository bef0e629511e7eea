"""Each office numbers its own complaint book: the running number is unique per office and
year, and each entry keeps its number as the office's format wrote it (the one-office
portal wrote "n/year", which every existing entry gets)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat


def label_existing(apps, schema_editor):
    for name in ("Complaint", "HistoricalComplaint"):
        model = apps.get_model("complaints", name)
        model.objects.update(
            book_label=Concat(Cast("book_number", CharField()), Value("/"), Cast("book_year", CharField()))
        )


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0010_counters_per_office'),
        ('portal', '0008_offices'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='complaint',
            name='complaint_book_number_unique',
        ),
        migrations.AddField(
            model_name='complaint',
            name='book_label',
            field=models.CharField(default='', editable=False, max_length=100, verbose_name='book number'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalcomplaint',
            name='book_label',
            field=models.CharField(default='', editable=False, max_length=100, verbose_name='book number'),
            preserve_default=False,
        ),
        migrations.RunPython(label_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='complaint',
            name='book_number',
            field=models.PositiveIntegerField(editable=False, verbose_name='running number'),
        ),
        migrations.AlterField(
            model_name='historicalcomplaint',
            name='book_number',
            field=models.PositiveIntegerField(editable=False, verbose_name='running number'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.UniqueConstraint(fields=('office', 'book_year', 'book_number'), name='complaint_book_number_unique'),
        ),
    ]
