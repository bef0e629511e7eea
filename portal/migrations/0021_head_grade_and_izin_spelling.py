"""Data of issue 18 item 3, without loss:

- an office's head rank typed with its grade ("Pembina Utama Muda (IV/c)") keeps the rank
  and moves the grade to ``head_grade``; a rank without a grade in brackets stays as it is;
- the service standards stored from the seed documents spell "izin" (the standard
  dictionary's word), not "ijin": the word alone is replaced, in its case, nothing else.

Going back puts the grade into the rank again; the spelling stays (both are the same word).
"""

import re

from django.db import migrations

GRADE = re.compile(r"^(?P<rank>.*?)\s*\((?P<grade>[IV]{1,3}/[a-e])\)\s*$")
IJIN = re.compile(r"\b(ijin|Ijin|IJIN)\b")
SPELLING = {"ijin": "izin", "Ijin": "Izin", "IJIN": "IZIN"}
STANDARD_TEXTS = (
    "title",
    "summary",
    "requirements",
    "procedure",
    "completion_time",
    "completion_time_details",
    "fee",
    "product",
    "complaint_channels",
)


def izin(text):
    return IJIN.sub(lambda m: SPELLING[m.group(1)], text or "")


def forwards(apps, schema_editor):
    Office = apps.get_model("portal", "Office")
    for office in Office.objects.exclude(head_rank="").filter(head_grade=""):
        found = GRADE.match(office.head_rank)
        if found:
            office.head_rank, office.head_grade = found["rank"], found["grade"]
            office.save(update_fields=["head_rank", "head_grade"])
    ServiceStandard = apps.get_model("portal", "ServiceStandard")
    for standard in ServiceStandard.objects.all():
        changed = [
            name
            for name in STANDARD_TEXTS
            if izin(getattr(standard, name)) != (getattr(standard, name) or "")
        ]
        for name in changed:
            setattr(standard, name, izin(getattr(standard, name)))
        if changed:
            standard.save(update_fields=changed)


def backwards(apps, schema_editor):
    Office = apps.get_model("portal", "Office")
    for office in Office.objects.exclude(head_grade=""):
        office.head_rank = f"{office.head_rank} ({office.head_grade})".strip()
        office.head_grade = ""
        office.save(update_fields=["head_rank", "head_grade"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0020_office_documents")]

    operations = [migrations.RunPython(forwards, backwards)]
