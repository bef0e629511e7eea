"""Model factories shared between the apps' tests. One function per model and state."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from tests.conftest import PDF_BYTES, make_nik

_seq = itertools.count(1)


def default_office():
    """The office a test's records belong to when it names none: the first, made if missing."""
    from portal.demo import OFFICE
    from portal.models import Office

    return Office.objects.order_by("pk").first() or Office.objects.create(**OFFICE)


def make_account(prefix="user", **fields):
    n = next(_seq)
    return get_user_model().objects.create_user(
        username=f"{prefix}{n}",
        email=f"{prefix}{n}@example.com",
        password="pw-Secret-123",
        **fields,
    )


def make_jobseeker(user=None, *, status="waiting", **fields):
    from jobboard.models import JobSeeker

    n = next(_seq)
    user = user or make_account("seeker")
    birth = fields.pop("birth_date", datetime.date(1995, 1, 1) + datetime.timedelta(days=n))
    sex = fields.pop("sex", "L")
    seeker = JobSeeker(
        user=user,
        office=fields.pop("office", None) or default_office(),
        status=status,
        nik=fields.pop("nik", make_nik(birth, sex, seq=n % 9999 + 1)),
        full_name=fields.pop("full_name", f"Pencari Kerja {n}"),
        birth_place="Probolinggo",
        birth_date=birth,
        sex=sex,
        marital_status="belum_kawin",
        religion="islam",
        address="Jl. Mawar No. 1 RT 01/RW 02",
        kelurahan="Kanigaran",
        kecamatan="Kanigaran",
        city=fields.pop("city", "Kota Probolinggo"),
        phone="081234567890",
        email=user.email,
        education_level=fields.pop("education_level", "SMK"),
        education_major="Teknik Mesin",
        education_institution="SMKN 1 Probolinggo",
        graduation_year=2015,
        skills=fields.pop("skills", "las listrik, bubut"),
        desired_job="Operator produksi",
        **fields,
    )
    seeker.ktp_scan.save("ktp.pdf", ContentFile(PDF_BYTES), save=False)
    seeker.ak1_scan.save("ak1.pdf", ContentFile(PDF_BYTES), save=False)
    seeker.save()
    return seeker


def make_employer(user=None, *, status="waiting", **fields):
    from jobboard.models import Employer

    n = next(_seq)
    user = user or make_account("employer")
    return Employer.objects.create(
        user=user,
        office=fields.pop("office", None) or default_office(),
        status=status,
        company_name=fields.pop("company_name", f"PT Contoh Makmur {n}"),
        legal_form="PT",
        nib=fields.pop("nib", f"{9120000000000 + n}"),
        npwp="012345678901000",
        sector=fields.pop("sector", "Industri pengolahan"),
        address="Jl. Raya Bromo No. 5",
        city="Kota Probolinggo",
        contact_person="Budi Santoso",
        phone="0335421000",
        email=user.email,
        **fields,
    )
