"""The national holidays and joint leave days of 2025-2027 from the ``holidays`` package, so
every clock counts them from the start (``manage.py load_holidays`` adds later years)."""

from django.db import migrations


def load(apps, schema_editor):
    from portal.working_time import LOADED_YEARS, load_national_days

    load_national_days(LOADED_YEARS, model=apps.get_model("portal", "NonWorkingDay"))


def unload(apps, schema_editor):
    apps.get_model("portal", "NonWorkingDay").objects.filter(office__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0012_working_calendar")]
    operations = [migrations.RunPython(load, unload)]
