"""Demo data of the portal core: the Probolinggo office, the three service standards, officers.

The standards are the seed documents' own words (shared/seeds). Every loader here is
idempotent: it looks rows up by a natural key and creates only what is missing.
"""

from django.contrib.auth import get_user_model

from . import roles
from .models import Office, ServiceStandard
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
}

COMPLAINT_CHANNELS = "\n".join(
    [
        "Petugas penerima pengaduan di kantor Dinas (datang langsung, pengaduan disampaikan secara tertulis)",
        "Telepon Dinas (0335) 422121",
        "E-mail pentalasker@yahoo.co.id (pengadu menerima notifikasi melalui e-mail)",
        "Radio Suara Kota Probolinggo, acara “Laporo Rek”",
        "Formulir pengaduan di portal ini",
    ]
)

STANDARDS = [
    {
        "service": "bkol",
        "order": 1,
        "title": "Pelayanan Bursa Kerja On Line",
        "summary": "Pendaftaran pencari kerja dan pemberi kerja, aktivasi oleh Petugas Antar Kerja, dan informasi lowongan kerja.",
        "requirements": "Membawa Foto Copy Kartu AK/I 1 lembar.\nMembawa Foto Copy KTP 1 lembar.\nMembawa Informasi Lowongan Kerja yang sudah ditandatangani oleh Pimpinan Perusahaan (bagi pengguna tenaga kerja).",
        "procedure": "Meregister Data (bagi Pencari Kerja).\nSelanjutnya akan tampil form aplikasi pendaftaran yang harus diisi oleh Pencari Kerja.\nMengaktivasi Bursa Kerja On Line (bagi Petugas Antar Kerja).\nPencari Kerja menggunakan fasilitas Bursa Kerja On Line.\nMeregister Data Pencari Kerja (bagi Perusahaan / Pemberi Kerja).\nMenyimpan Data Pencari Kerja (bagi Perusahaan / Pemberi Kerja).\nMemasukkan Info Lowongan Kerja (bagi Perusahaan / Pemberi Kerja).",
        "completion_time": "20 Menit",
        "completion_time_details": "± 15 menit untuk melakukan registrasi bagi pencari kerja dan pemberi kerja.\n± 5 menit untuk melakukan pengecekan data dan aktivasi.",
        "fee": "Tidak dipungut biaya",
        "product": "Adanya Data Pencari Kerja yang terdaftar.\nAdanya Informasi Lowongan Pekerjaan yang ada di Bursa Kerja On Line.",
        "complaint_channels": COMPLAINT_CHANNELS,
    },
    {
        "service": "akad",
        "order": 2,
        "title": "Ijin Pelayanan Antar Kerja Antar Daerah (AKAD)",
        "summary": "Ijin bagi perusahaan atau pengerah tenaga kerja untuk merekrut tenaga kerja antar daerah.",
        "requirements": "Rekomendasi Rekrutmen AKAD.\nSurat Tugas Pengerahan Tenaga Kerja.\nData Jumlah Kebutuhan Rekrutmen Tenaga Kerja.\nData Lowongan Kerja, pengguna tenaga kerja dan pengerah tenaga kerja.",
        "procedure": "Pemohon mengajukan permohonan kepada Kepala Dinas Tenaga Kerja dilampiri dengan: Data Lowongan Kerja, pengguna tenaga kerja dan pengerah tenaga kerja; Rekomendasi rekrutmen AKAD; Surat Tugas Pengerah Tenaga Kerja; Data jumlah kebutuhan rekrutmen tenaga kerja.\nSekretariat memproses surat masuk.\nDisposisi Kepala Dinas untuk didistribusikan ke Bidang Penempatan dan Pelatihan.\nKonsultasi kepada Kepala Dinas.\nPerintah kepada Seksi Penempatan dan Pemagangan untuk proses penerbitan ijin.\nPenerbitan ijin setelah ditandatangani oleh Kepala Dinas.",
        "completion_time": "1 Hari",
        "completion_time_details": "Berkas lengkap.",
        "fee": "Tidak dipungut biaya (gratis)",
        "product": "Dokumen Ijin Pelayanan AKAD.",
        "complaint_channels": COMPLAINT_CHANNELS,
    },
    {
        "service": "pengaduan",
        "order": 3,
        "title": "Penanganan Pengaduan, Saran dan Masukan",
        "summary": "Pengaduan dapat disampaikan melalui petugas, telepon, e-mail, radio, atau formulir di portal ini, dan dijawab secara tertulis.",
        "requirements": "Nama, instansi, alamat dan nomor telepon yang bisa dihubungi.\nIsi pengaduan disampaikan secara tertulis.",
        "procedure": "Semua pengaduan yang masuk melalui berbagai sarana pengaduan direkam dalam buku pengaduan maupun e-mail oleh petugas penerima pengaduan, selanjutnya dilaporkan kepada Kepala Seksi Penempatan Kerja dan disampaikan kepada Kepala Bidang.\nKepala Bidang menindaklanjuti pengaduan dengan mengkoordinasikan kepada Kepala Seksi Penempatan Tenaga Kerja.\nKepala Seksi Penempatan Tenaga Kerja menyampaikan tindak lanjut pengaduan kepada petugas penerima pengaduan untuk disampaikan kepada pengadu secara tertulis.",
        "completion_time": "Dijawab secara tertulis",
        "completion_time_details": "",
        "fee": "Tidak dipungut biaya",
        "product": "Jawaban tertulis atas pengaduan.",
        "complaint_channels": COMPLAINT_CHANNELS,
    },
]

OFFICERS = [
    ("antarkerja", "Petugas", "Antar Kerja", roles.JOB_PLACEMENT_OFFICER),
    ("pengaduan", "Petugas", "Pengaduan", roles.COMPLAINT_OFFICER),
    ("sekretariat", "Staf", "Sekretariat", roles.SECRETARIAT),
    ("kasi", "Kepala Seksi", "Penempatan", roles.SECTION_HEAD),
    ("kabid", "Kepala Bidang", "Penempatan", roles.DIVISION_HEAD),
    ("kadis", "Kepala", "Dinas", roles.HEAD_OF_OFFICE),
]


def ensure_user(username, *, password=DEMO_PASSWORD, **fields):
    """Create a demo user once; a second run leaves the existing one (and its password) alone."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def demo_office():
    """The demo's office (Kota Probolinggo), made on the first load; on a portal whose first
    office came from the one-office profile, that office."""
    office = Office.objects.filter(slug=OFFICE["slug"]).first()
    return office or Office.objects.order_by("pk").first() or Office.objects.create(**OFFICE)


def load():
    office = demo_office()
    for standard in STANDARDS:
        ServiceStandard.objects.get_or_create(service=standard["service"], defaults=standard)
    accounts = [("Administrator", "admin", DEMO_PASSWORD)]
    admin = ensure_user(
        "admin", email="admin@disnaker.example.go.id", is_staff=True, is_superuser=True
    )
    ensure_demo_second_factor(admin)
    for username, first, last, role in OFFICERS:
        user = ensure_user(
            username,
            first_name=first,
            last_name=last,
            is_staff=True,
            email=f"{username}@disnaker.example.go.id",
        )
        give_role(user, office, role)  # the demo's officers serve its first office
        ensure_demo_second_factor(user)
        accounts.append((role, username, DEMO_PASSWORD))
    province = Office.objects.filter(level=Office.Level.PROVINCE).order_by("pk").first()
    if province is not None:  # the province's reader sees the figures of its offices
        reader = ensure_user(
            "pembaca-provinsi",
            first_name="Pembaca",
            last_name="Provinsi",
            is_staff=True,
            email="pembaca-provinsi@disnaker.example.go.id",
        )
        give_role(reader, province, roles.PROVINCE_READER)
        ensure_demo_second_factor(reader)
        accounts.append((roles.PROVINCE_READER, "pembaca-provinsi", DEMO_PASSWORD))
    return accounts
