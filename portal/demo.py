"""Demo data of the portal core: the two seed offices under their province, their service
standards, officers of each role in each office.

The standards are the seed documents' own words (portal.standards). Every loader here is
idempotent: it looks rows up by a natural key and creates only what is missing.
"""

import datetime

from django.contrib.auth import get_user_model

from . import roles, standards, working_time
from .models import NonWorkingDay, Office
from .offices import give_role

DEMO_PASSWORD = "Disnaker2026!"
# Officers confirm each log-in with a code from an authenticator app (portal.second_factor).
# The demo officers and the demo administrator share this key, printed by load_demo beside
# their passwords: demo data only, as known as the demo password.
DEMO_TOTP_KEY = b"disnaker-demo-2026!!"


def demo_totp_key_text():
    import base64

    return base64.b32encode(DEMO_TOTP_KEY).decode()


def ensure_demo_second_factor(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(user=user, name="demo", key=DEMO_TOTP_KEY.hex(), confirmed=True)


OFFICE = {
    "slug": "kota-probolinggo",
    "region_code": "3574",
    "level": "kota",
    "government": "Pemerintah Kota Probolinggo",
    "name": "Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo",
    "short_name": "Disperinaker",
    "address": "Jalan Slamet Riyadi No.20, Kanigaran, Kota Probolinggo, Jawa Timur 67213",
    "region": "Kota Probolinggo",
    "province": "Jawa Timur",
    "phone": "(0335) 422121",
    "complaint_email": "pentalasker@yahoo.co.id",
    "website": "https://disperinaker.probolinggokota.go.id",
    "radio_station": "Radio Suara Kota Probolinggo",
    "radio_programme": "Laporo Rek",
    "head_title": "Kepala Dinas Perindustrian dan Tenaga Kerja",
    "head_name": "Drs. Contoh Kepala Dinas, M.Si.",
    "head_nip": "196801011990031001",
    "head_rank": "Pembina Tingkat I",  # demo value
    "head_grade": "IV/b",  # demo value
}

# The regulations the demo permits name in their "Dasar". The seed document names none (its
# "No. SK" is empty): these are the national law and the minister's regulation on placing
# workers, as an office would list them; each office keeps its own list in its profile.
DEMO_PERMIT_LEGAL_BASIS = (
    "Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah diubah "
    "dengan Undang-Undang Nomor 6 Tahun 2023\n"
    "Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016 tentang Penempatan Tenaga Kerja"
)

# The province office above both seed offices (it offers no counter service of its own here).
PROVINCE = {
    "slug": "prov-jawa-timur",
    "region_code": "35",
    "level": "provinsi",
    "government": "Pemerintah Provinsi Jawa Timur",
    "name": "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Timur",
    "short_name": "Disnakertrans",
    "letterhead": "PEMERINTAH PROVINSI JAWA TIMUR\nDINAS TENAGA KERJA DAN TRANSMIGRASI",
    "address": "Jalan Dukuh Menanggal No. 124-126, Surabaya, Jawa Timur 60234",
    "region": "Provinsi Jawa Timur",
    "province": "Jawa Timur",
    "phone": "(031) 8290000",  # demo value
    "email": "disnakertrans@jatim.example.go.id",  # demo value
    "head_title": "Kepala Dinas Tenaga Kerja dan Transmigrasi",
    "head_name": "Dr. Contoh Kepala Dinas Provinsi, M.M.",  # demo value
    "head_nip": "196903031992031003",  # demo value
    "head_rank": "Pembina Utama Madya",
    "head_grade": "IV/d",
    "offers_job_exchange": False,
    "offers_akad": False,
    "offers_complaints": False,
}

OFFICE_LETTERHEAD = "PEMERINTAH KOTA PROBOLINGGO\nDINAS PERINDUSTRIAN DAN TENAGA KERJA"

# Kabupaten Lumajang, from its seed document (002): "Jl. Veteran No.53 Lumajang 67311
# 0334881546", disnaker.lumajangkab.go.id, "Pemerintah Kab. Lumajang / Dinas Tenaga Kerja".
# The head, NIP, e-mail and number formats are demo values.
LUMAJANG = {
    "slug": "kab-lumajang",
    "region_code": "3508",
    "level": "kabupaten",
    "government": "Pemerintah Kabupaten Lumajang",
    "name": "Dinas Tenaga Kerja Kabupaten Lumajang",
    "short_name": "Disnaker",
    "letterhead": "PEMERINTAH KABUPATEN LUMAJANG\nDINAS TENAGA KERJA",
    "address": "Jl. Veteran No.53 Lumajang 67311",
    "region": "Kabupaten Lumajang",
    "province": "Jawa Timur",
    "phone": "(0334) 881546",
    "email": "disnaker@lumajang.example.go.id",  # demo value
    "website": "http://disnaker.lumajangkab.go.id",
    "complaint_phone": "(0334) 881546",
    "complaint_email": "pengaduan@lumajang.example.go.id",  # demo value
    "head_title": "Kepala Dinas Tenaga Kerja",
    "head_name": "Contoh Kepala Dinas Lumajang, S.H., M.M.",  # demo value
    "head_nip": "197005052000121002",  # demo value
    "head_rank": "Pembina Utama Muda",
    "head_grade": "IV/c",
    "permit_legal_basis": DEMO_PERMIT_LEGAL_BASIS,
    "permit_number_format": "560/{seq:04d}/427.57/AKAD/{year}",
    "ak1_number_format": "AK1-LMJ/{seq:06d}/{year}",
    "complaint_number_format": "{seq}/PGD-LMJ/{year}",
    # demo values: a Friday that ends at 11:00, so the two offices' clocks differ
    "friday_opens_at": datetime.time(7, 30),
    "friday_closes_at": datetime.time(11, 0),
}

# The demo's own day off of the second office (besides the national days): the regency's
# anniversary, as an example of a day an office adds in the admin.
LUMAJANG_DAYS_OFF = [(datetime.date(2026, 12, 15), "Hari Jadi Lumajang")]

COMPLAINT_CHANNELS = standards.PROBOLINGGO_COMPLAINT_CHANNELS

# The three standards as the first office carries them (test fixtures create them with
# ``ServiceStandard.objects.create(office=office, **s)``).
STANDARDS = [
    {**text, "complaint_channels": COMPLAINT_CHANNELS} for text in standards.SEED_TEXTS.values()
]

OFFICERS = [
    ("antarkerja", "Petugas", "Antar Kerja", roles.JOB_PLACEMENT_OFFICER),
    ("pengaduan", "Petugas", "Pengaduan", roles.COMPLAINT_OFFICER),
    ("sekretariat", "Staf", "Sekretariat", roles.SECRETARIAT),
    ("kasi", "Kepala Seksi", "Penempatan", roles.SECTION_HEAD),
    ("kabid", "Kepala Bidang", "Penempatan", roles.DIVISION_HEAD),
    ("kadis", "Kepala", "Dinas", roles.HEAD_OF_OFFICE),
]

# What the documents an officer signs print under the name (demo values): position, rank.
OFFICER_DETAILS = {
    "antarkerja": ("Pengantar Kerja Ahli Pertama", "Penata Muda (III/a)"),
    "pengaduan": ("Petugas Penerima Pengaduan", "Penata Muda Tingkat I (III/b)"),
    "sekretariat": ("Staf Sekretariat", "Pengatur (II/c)"),
    "kasi": ("Kepala Seksi Penempatan Tenaga Kerja", "Penata Tingkat I (III/d)"),
    "kabid": ("Kepala Bidang Penempatan dan Pelatihan", "Pembina (IV/a)"),
    "kadis": ("Kepala Dinas", "Pembina Tingkat I (IV/b)"),
}


def demo_nip(office, index):
    """An 18-digit NIP of the demo's officers (birth date, appointment month, sex, number)."""
    day = int(office.region_code) % 28 + 1
    return f"1985{index + 1:02d}{day:02d}201003{index % 2 + 1}{index + 1:03d}"


# The officers' user names per office: Probolinggo keeps the one-office portal's names,
# every other office prefixes them ("lmj-kasi").
OFFICER_PREFIXES = {"3574": "", "3508": "lmj-"}


def ensure_user(username, *, password=DEMO_PASSWORD, **fields):
    """Create a demo user once; a second run leaves the existing one (and its password) alone."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _office(values, *, parent=None, **extra):
    office = Office.objects.filter(region_code=values["region_code"]).first()
    if office is None:
        office = Office.objects.create(**values, parent=parent, **extra)
    elif parent is not None and office.parent_id is None:
        office.parent = parent
        office.save(update_fields=["parent"])
    return office


def load_offices():
    """The two seed offices under their province, Probolinggo first (the first office of the
    one-office portal, whose pk the older records point to)."""
    first = Office.objects.order_by("pk").first()
    if first is None:
        first = Office.objects.create(
            **OFFICE, letterhead=OFFICE_LETTERHEAD, permit_legal_basis=DEMO_PERMIT_LEGAL_BASIS
        )
    province = _office(PROVINCE)
    if first.parent_id is None and first.level != Office.Level.PROVINCE:
        first.parent = province
        first.save(update_fields=["parent"])
    lumajang = _office(LUMAJANG, parent=province)
    return first, province, lumajang


def demo_office():
    """The demo's first office (Kota Probolinggo); on a portal whose first office came from
    the one-office profile, that office."""
    office = Office.objects.filter(slug=OFFICE["slug"]).first()
    return office or Office.objects.order_by("pk").first() or load_offices()[0]


def demo_lumajang():
    """The demo's second office (Kabupaten Lumajang)."""
    return Office.objects.filter(region_code=LUMAJANG["region_code"]).first() or load_offices()[2]


def load():
    first, province, lumajang = load_offices()
    # the working calendar every clock reads: national days, then the office's own
    working_time.load_national_days(working_time.LOADED_YEARS)
    for day, name in LUMAJANG_DAYS_OFF:
        NonWorkingDay.objects.get_or_create(
            office=lumajang, date=day, defaults={"name": name, "kind": NonWorkingDay.Kind.OFFICE}
        )
    # Each office's own seed texts first, so the other office's copies credit their author.
    for office in (lumajang, first):
        standards.standards_from_template(office=office)
    accounts = [("Administrator", "admin", DEMO_PASSWORD)]
    admin = ensure_user(
        "admin", email="admin@disnaker.example.go.id", is_staff=True, is_superuser=True
    )
    ensure_demo_second_factor(admin)
    for office in (first, lumajang):
        prefix = OFFICER_PREFIXES.get(office.region_code, f"{office.slug}-")
        for index, (username, first_name, last_name, role) in enumerate(OFFICERS):
            position, rank = OFFICER_DETAILS[username]
            username = f"{prefix}{username}"
            user = ensure_user(
                username,
                first_name=first_name,
                last_name=last_name,
                is_staff=True,
                email=f"{username}@disnaker.example.go.id",
                position=position,
                rank=rank,
                nip=demo_nip(office, index),
            )
            give_role(user, office, role)
            ensure_demo_second_factor(user)
            accounts.append((role, username, DEMO_PASSWORD, office.name))
    # the province's reader sees the figures of its offices, and changes nothing
    reader = ensure_user(
        "pembaca-provinsi",
        first_name="Pembaca",
        last_name="Provinsi",
        is_staff=True,
        email="pembaca-provinsi@disnaker.example.go.id",
    )
    give_role(reader, province, roles.PROVINCE_READER)
    ensure_demo_second_factor(reader)
    accounts.append((roles.PROVINCE_READER, "pembaca-provinsi", DEMO_PASSWORD, province.name))
    return accounts
