"""Demo data: an employer's AKAD application waiting on the Kadis's disposition, and one
recommendation across offices (issue 15 item 6): the workers go to Kota Probolinggo, whose
Kadis issues the recruitment recommendation in the portal; they are recruited in Kabupaten
Lumajang, whose officers issue the permit that names it.

Idempotent: the application is found again by its recommendation number, the cross-office
recommendation by its user company. It uses an active employer of the job-board demo when
there is one, otherwise an employer account of its own.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo import DEMO_PASSWORD, OFFICER_PREFIXES, demo_lumajang, demo_office, ensure_user

from . import services
from .models import PermitApplication, PermitPosition, Recommendation
from .workflows import WORKFLOW

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
            npwp="013456785012000",
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
    if not Recommendation.objects.filter(user_company=CROSS_OFFICE_USER).exists():
        _cross_office_permit(employer)
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


CROSS_OFFICE_USER = "PT Industri Pangan Probolinggo"


def _officer(office, username):
    prefix = OFFICER_PREFIXES.get(office.region_code, f"{office.slug}-")
    return get_user_model().objects.filter(username=f"{prefix}{username}").first()


def _cross_office_permit(employer):
    """Probolinggo (where the workers go) recommends; Lumajang (where they are recruited)
    issues the permit that names the recommendation."""
    probolinggo, lumajang = demo_office(), demo_lumajang()
    kadis = _officer(probolinggo, "kadis")
    if kadis is None or probolinggo.pk == lumajang.pk:
        return
    today = timezone.localdate()
    recommendation = services.request_recommendation(
        actor=employer.user,
        office=probolinggo,
        recruiting_office=lumajang,
        user_company=CROSS_OFFICE_USER,
        positions="Operator produksi\nPengemas",
        male_count=12,
        female_count=18,
    )
    services.issue_recommendation(
        recommendation=recommendation,
        actor=kadis,
        valid_until=today + datetime.timedelta(days=180),
    )
    application = PermitApplication(
        employer=employer,
        office=lumajang,
        recommendation=recommendation,
        recruiter_name=employer.company_name,
        user_company=CROSS_OFFICE_USER,
        destination_province="Jawa Timur",
        destination_city="Kota Probolinggo",
        recruitment_start=today,
        recruitment_end=today + datetime.timedelta(days=60),
        assignment_number="ST/021/SKM/2026",
        assignment_date=today - datetime.timedelta(days=2),
        assignment_person="Agus Wibowo",
    )
    for field in ("vacancy_file", "assignment_file", "workforce_file"):
        getattr(application, field).save(f"{field}.pdf", ContentFile(BLANK_PDF), save=False)
    application.save()
    PermitPosition.objects.create(
        application=application, title="Operator produksi", male_count=12, female_count=8
    )
    PermitPosition.objects.create(
        application=application, title="Pengemas", male_count=0, female_count=10
    )
    services.submit(application=application, actor=employer.user)
    # Lumajang's officers walk it, each with the role they hold in Lumajang.
    steps = [
        (
            "sekretariat",
            "register",
            {"agenda_number": "005/0077/427.57/2026", "agenda_date": today},
        ),
        ("kadis", "dispose", {"instruction": "Proses sesuai ketentuan."}),
        ("kabid", "consult", {"outcome": "Kadis menyetujui penerbitan izin."}),
        (
            "kasi",
            "draft",
            {
                "valid_from": today,
                "valid_until": today + datetime.timedelta(days=60),
                "coverage": "rekrutmen 30 (tiga puluh) orang tenaga kerja, 12 laki-laki dan "
                "18 perempuan, untuk 2 (dua) jabatan sebagaimana tercantum dalam tabel di atas, "
                "dengan daerah tujuan penempatan Kota Probolinggo, Jawa Timur",
            },
        ),
        ("kadis", "sign", {}),
    ]
    for username, action, kwargs in steps:
        officer = _officer(lumajang, username)
        if officer is None:
            break
        WORKFLOW.move(action).service_function()(application=application, actor=officer, **kwargs)
