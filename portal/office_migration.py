"""The data step of the migrations that give every record an office (issue 15).

The one-office portal's records all belonged to its one office, which portal 0008 made the
first ``Office``. Each app's migration adds a nullable ``office``, sets every existing row
(and every history row) to that first office here, then makes the field required.
"""

import contextlib


class NoOfficeError(RuntimeError):
    pass


def first_office(apps, label):
    """The first office (pk order), or an error naming what to do when records exist without
    any office to put them under: an office cannot be made up from nothing."""
    Office = apps.get_model("portal", "Office")
    office = Office.objects.order_by("pk").first()
    if office is None:
        raise NoOfficeError(
            f"{label} has records but the portal has no office to put them under. Create the "
            "office first (a portal.Office row with its name, region code and letterhead), "
            "then run the migrations again."
        )
    return office


def to_first_office(app_label, *model_names):
    """A RunPython function that puts every row of ``model_names`` (and their history rows,
    where the model has them) under the first office, in one UPDATE per table."""

    def forwards(apps, schema_editor):
        models = []
        for name in model_names:
            models.append(apps.get_model(app_label, name))
            with contextlib.suppress(LookupError):  # a model without history
                models.append(apps.get_model(app_label, f"Historical{name}"))
        waiting = [m for m in models if m.objects.filter(office__isnull=True).exists()]
        if not waiting:
            return  # an empty database needs no office
        office = first_office(apps, ", ".join(m._meta.label for m in waiting))
        for model in waiting:
            model.objects.filter(office__isnull=True).update(office=office)

    return forwards


def counters_to_first_office(app_label, old_name, new_name):
    """A RunPython function that copies the one-office portal's year counters (one row per
    year) into the per-office counter model as the first office's rows."""

    def forwards(apps, schema_editor):
        old = apps.get_model(app_label, old_name)
        new = apps.get_model(app_label, new_name)
        rows = list(old.objects.order_by("year"))
        if not rows:
            return
        office = first_office(apps, old._meta.label)
        new.objects.bulk_create([new(office=office, year=row.year, last=row.last) for row in rows])

    return forwards
