"""Demo complaints: in Kota Probolinggo's book one per channel, at different steps of the
chain; in Kabupaten Lumajang's book two of its own. Safe to load twice.

Complaints are found again by their complainant and text, so a second run adds nothing.
They are moved through the same services an officer uses, by the demo officers of the office
whose book they are in.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.demo import OFFICER_PREFIXES, demo_lumajang, demo_office

from . import services
from .models import Channel, Complaint
from .workflows import WORKFLOW

DEMO = [
    {
        "channel": Channel.COUNTER,
        "steps": ["report", "pass", "coordinate", "hand_back", "answer"],
        "data": {
            "complainant_name": "Siti Aminah",
            "complainant_institution": "",
            "complainant_address": "Jl. Panglima Sudirman No. 12, Kota Probolinggo",
            "complainant_phone": "081233344455",
            "complainant_email": "siti.aminah@example.com",
            "subject": "Kartu AK/I belum jadi",
            "text": "Saya mendaftar kartu AK/I dua minggu lalu tetapi kartu belum dapat diambil.",
        },
    },
    {
        "channel": Channel.TELEPHONE,
        "steps": ["report", "pass"],
        "data": {
            "complainant_name": "Bambang Setiawan",
            "complainant_institution": "Serikat Pekerja PT Contoh Makmur",
            "complainant_address": "Jl. Raya Bromo No. 5, Kota Probolinggo",
            "complainant_phone": "0335 421 999",
            "complainant_email": "",
            "subject": "Lowongan tidak sesuai",
            "text": "Lowongan di BKOL menyebut gaji di atas UMK, ternyata di bawah UMK saat wawancara.",
        },
    },
    {
        "channel": Channel.RADIO,
        "steps": [],
        "radio": {"radio_forwarded_by": "Rina (penyiar)", "days_ago": 1},
        "data": {
            "complainant_name": "Pak Hadi",
            "complainant_institution": "",
            "complainant_address": "Kelurahan Mangunharjo",
            "complainant_phone": "085712345678",
            "complainant_email": "",
            "subject": "",
            "text": "Pendengar menanyakan kapan bursa kerja (job fair) tahun ini diadakan.",
        },
    },
    {
        "channel": Channel.WEB,
        "steps": [],
        "data": {
            "complainant_name": "Dewi Lestari",
            "complainant_institution": "",
            "complainant_address": "Jl. Suroyo No. 3, Kota Probolinggo",
            "complainant_phone": "082199887766",
            "complainant_email": "dewi.lestari@example.com",
            "subject": "Akun BKOL belum aktif",
            "text": "Akun pencari kerja saya belum diaktifkan sejak tiga hari lalu.",
        },
    },
]

# Kabupaten Lumajang's book (demo values).
LUMAJANG_DEMO = [
    {
        "channel": Channel.COUNTER,
        "steps": ["report"],
        "data": {
            "complainant_name": "Suparman",
            "complainant_institution": "",
            "complainant_address": "Desa Klakah, Kabupaten Lumajang",
            "complainant_phone": "081336677889",
            "complainant_email": "",
            "subject": "Upah di bawah UMK",
            "text": "Upah saya di penggilingan padi Klakah di bawah UMK Lumajang sejak tiga bulan.",
        },
    },
    {
        "channel": Channel.TELEPHONE,
        "steps": [],
        "data": {
            "complainant_name": "Ika Puspitasari",
            "complainant_institution": "",
            "complainant_address": "Jl. Kyai Ghozali No. 4, Lumajang",
            "complainant_phone": "0334 885 123",
            "complainant_email": "ika.puspita@example.com",
            "subject": "Jadwal pelatihan kerja",
            "text": "Kapan pelatihan menjahit di balai latihan kerja Lumajang dibuka lagi?",
        },
    },
]

STEP_INPUT = {
    "coordinate": {"instruction": "Mohon dicek status pencetakan kartu dan hubungi pengadu."},
    "hand_back": {"follow_up": "Kartu sudah dicetak dan dapat diambil di loket 2."},
    "answer": {
        "answer": "Kartu AK/I Ibu sudah selesai dicetak dan dapat diambil di loket 2 pada jam kerja.",
        "letter_number": "560/015/425.110/2026",
    },
}

STEP_ACTORS = {
    "report": "pengaduan",
    "pass": "kasi",
    "coordinate": "kabid",
    "hand_back": "kasi",
    "answer": "pengaduan",
    "close": "pengaduan",
}


def load():
    _load_book(demo_office(), DEMO)
    _load_book(demo_lumajang(), LUMAJANG_DEMO)
    return []


def _load_book(office, items):
    prefix = OFFICER_PREFIXES.get(office.region_code, f"{office.slug}-")
    by_name = get_user_model().objects.in_bulk(
        [f"{prefix}{name}" for name in STEP_ACTORS.values()], field_name="username"
    )
    users = {action: by_name.get(f"{prefix}{name}") for action, name in STEP_ACTORS.items()}
    officer = users["report"]
    if officer is None:
        return
    for item in items:
        data = dict(item["data"])
        if Complaint.objects.filter(
            complainant_name=data["complainant_name"], text=data["text"]
        ).exists():
            continue
        if "radio" in item:
            data["radio_forwarded_by"] = item["radio"]["radio_forwarded_by"]
            data["radio_broadcast_date"] = timezone.localdate() - datetime.timedelta(
                days=item["radio"]["days_ago"]
            )
        actor = None if item["channel"] == Channel.WEB else officer
        complaint = services.record_complaint(
            office=office, actor=actor, channel=item["channel"], data=data
        )
        for action in item["steps"]:
            WORKFLOW.move(action).service_function()(
                complaint=complaint, actor=users[action], **STEP_INPUT.get(action, {})
            )
