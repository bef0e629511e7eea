"""Factories of the job exchange's own models, one function per model (state by argument)."""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.conftest import PDF_BYTES
from tests.factories import make_employer, make_jobseeker

_seq = itertools.count(1)


def make_vacancy(employer=None, *, status="published", **fields):
    from jobboard.models import Vacancy

    n = next(_seq)
    employer = employer or make_employer(status="active")
    vacancy = Vacancy(
        employer=employer,
        status=status,
        title=fields.pop("title", f"Operator produksi {n}"),
        position=fields.pop("position", "Operator mesin"),
        openings_any=fields.pop("openings_any", 2),
        min_education=fields.pop("min_education", "SMK"),
        skills=fields.pop("skills", "membaca gambar teknik"),
        place=fields.pop("place", "Kota Probolinggo"),
        work_type=fields.pop("work_type", "full_time"),
        salary_min=fields.pop("salary_min", 2_500_000),
        salary_max=fields.pop("salary_max", 3_000_000),
        description=fields.pop("description", "Menjalankan mesin produksi di pabrik."),
        closing_date=fields.pop("closing_date", timezone.localdate() + datetime.timedelta(days=30)),
        published_at=timezone.now() if status == "published" else None,
        **fields,
    )
    vacancy.vacancy_letter.save("surat.pdf", ContentFile(PDF_BYTES), save=False)
    vacancy.save()
    return vacancy


FIXED_IN_SHARED_FACTORY = {
    "birth_place",
    "marital_status",
    "religion",
    "address",
    "kelurahan",
    "kecamatan",
    "phone",
    "education_major",
    "education_institution",
    "graduation_year",
    "desired_job",
}


def make_seeker(*, status="active", **fields):
    """tests.factories.make_jobseeker, plus the fields it fixes."""
    extra = {k: fields.pop(k) for k in list(fields) if k in FIXED_IN_SHARED_FACTORY}
    seeker = make_jobseeker(status=status, **fields)
    if extra:
        for name, value in extra.items():
            setattr(seeker, name, value)
        seeker.save()
    return seeker


def make_application(vacancy=None, jobseeker=None, *, status="applied", **fields):
    from jobboard.models import Application

    return Application.objects.create(
        vacancy=vacancy or make_vacancy(),
        jobseeker=jobseeker or make_jobseeker(status="active"),
        status=status,
        **fields,
    )


__all__ = ["make_application", "make_employer", "make_jobseeker", "make_seeker", "make_vacancy"]


def make_profile_change(profile=None, *, status="waiting", **values):
    """A change of checked data in ``status`` (no step rows), by default a new full name."""
    from jobboard.models import ProfileChange, checked_json

    profile = profile or make_jobseeker(status="active")
    values = values or {"full_name": f"{profile} (baru)"}
    return ProfileChange.objects.create(
        **{profile._meta.model_name: profile},
        status=status,
        values=values,
        previous={name: checked_json(profile, name) for name in values},
    )
