"""Demo data: an employer's AKAD application waiting on the Kadis's disposition.

Idempotent: the application is found again by its recommendation number. It uses an active
employer of the job-board demo when there is one, otherwise an employer account of its own.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo import DEMO_PASSWORD, demo_office, ensure_user

from . import services
from .models import PermitApplication, PermitPosition

DEMO_RECOMMENDATION = "562/145/AKAD/DEMO"
DEMO_EMPLOYER_USERNAME = "pemohon.akad"

# A one-page blank PDF: enough to stand for a scanned letter.
BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _employer():
    """An active employer: the job board's demo one, or ours (created once)."""
    from django.contrib.auth import get_user_model

    from jobboard import services as jobboard_services
    from jobboard.models import Employer

    employer = (
        Employer.objects.active()
        .exclude(user__username=DEMO_EMPLOYER_USERNAME)
        .order_by("pk")
        .first()
    )
    if employer:
        return employer, None
    user = ensure_user(
        DEMO_EMPLOYER_USERNAME,
        first_name="Rina",
        last_name="Pengerah",
        email="akad@pt-sumber-karya.example.co.id",
    )
    employer = Employer.objects.filter(user=user).first()
    if employer is None:
        employer = Employer.objects.create(
            user=user,
            office=demo_office(),
            company_name="PT Sumber Karya Mandiri",
            legal_form="PT",
            nib="8120000000451",
            npwp="013456789012000",
            sector="Penempatan tenaga kerja",
            address="Jl. Panglima Sudirman No. 12",
            city="Kota Probolinggo",
            contact_person="Rina Pengerah",
            phone="0335421555",
            email=user.email,
        )
        # Activated as a real one is: by the placement officer, through the job board's service.
        officer = get_user_model().objects.get(username="antarkerja")
        employer = jobboard_services.activate_registration(employer, actor=officer)
    return employer, (
        "Pemberi kerja (AKAD)",
        DEMO_EMPLOYER_USERNAME,
        DEMO_PASSWORD,
    )


def load():
    accounts = []
    employer, account = _employer()
    if account:
        accounts.append(account)
    if PermitApplication.objects.filter(recommendation_number=DEMO_RECOMMENDATION).exists():
        return accounts

    today = timezone.localdate()
    application = PermitApplication(
        employer=employer,
        office=demo_office(),
        recruiter_name=employer.company_name,
        user_company="PT Kebun Sawit Nusantara",
        destination_province="Kalimantan Timur",
        destination_city="Kabupaten Kutai Kartanegara",
        recruitment_start=today,
        recruitment_end=today + datetime.timedelta(days=90),
        recommendation_number=DEMO_RECOMMENDATION,
        recommendation_date=today - datetime.timedelta(days=7),
        recommendation_issuer="Disnakertrans Provinsi Kalimantan Timur",
        assignment_number="ST/017/SKM/2026",
        assignment_date=today - datetime.timedelta(days=5),
        assignment_person="Agus Wibowo",
    )
    for field in ("vacancy_file", "recommendation_file", "assignment_file", "workforce_file"):
        getattr(application, field).save(f"{field}.pdf", ContentFile(BLANK_PDF), save=False)
    application.save()
    PermitPosition.objects.create(
        application=application, title="Pemanen kelapa sawit", male_count=20, female_count=0
    )
    PermitPosition.objects.create(
        application=application, title="Perawat tanaman", male_count=5, female_count=10
    )
    services.submit(application=application, actor=employer.user)
    secretariat = get_user_model().objects.filter(username="sekretariat").first()
    if secretariat:
        services.register(
            application=application,
            actor=secretariat,
            agenda_number="005/0412/2026",
            agenda_date=today,
            note="Berkas lengkap.",
        )
    return accounts
