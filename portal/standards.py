"""Service standards per office: the seed documents' texts, marked copies, the page's lookup.

Each office publishes its own "Standar Pelayanan". The portal carries two offices' documents
(shared/seeds): Kota Probolinggo wrote the online job exchange and complaint handling
(``000_f4bf9f517db7f2f2.txt``), Kabupaten Lumajang the AKAD permit
(``002_5ee323b673946494.txt``). Their words are kept here as the documents give them. An
office that has not written a service's standard starts with a *marked copy* of another
office's text (``ServiceStandard.copied_from``): the public page says whose text it is until
an officer of that office adapts it and confirms it in the admin.
"""

from django.db import transaction

from .models import ServiceStandard

PROBOLINGGO = "3574"
LUMAJANG = "3508"

# The complaint channels are the office's own facts, not the standard's wording: a copy gets
# the channels of the office it is copied to (complaint_channels_for).
PROBOLINGGO_COMPLAINT_CHANNELS = "\n".join(
    [
        "Petugas penerima pengaduan di kantor Dinas (datang langsung, pengaduan disampaikan secara tertulis)",
        "Telepon Dinas (0335) 422121",
        "E-mail pentalasker@yahoo.co.id (pengadu menerima notifikasi melalui e-mail)",
        "Radio Suara Kota Probolinggo, acara “Laporo Rek”",
        "Formulir pengaduan di portal ini",
    ]
)

JOB_EXCHANGE = {
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
}

# Lumajang's document: the requirements list and the six-step procedure (printed under
# "Pengaduan Layanan" in the document, where its layout slipped); the applicant's
# attachments of step 1 include the vacancy data, which the requirements therefore name too.
AKAD_PERMIT = {
    "service": "akad",
    "order": 2,
    "title": "Izin Pelayanan Antar Kerja Antar Daerah (AKAD)",
    "summary": "Izin bagi perusahaan atau pengerah tenaga kerja untuk merekrut tenaga kerja antar daerah.",
    "requirements": "Rekomendasi Rekrutmen AKAD.\nSurat Tugas Pengerahan Tenaga Kerja.\nData Jumlah Kebutuhan Rekrutmen Tenaga Kerja.\nData Lowongan Kerja, pengguna tenaga kerja dan pengerah tenaga kerja.",
    "procedure": "Pemohon mengajukan permohonan kepada Kepala Dinas Tenaga Kerja dan Transmigrasi Kabupaten Lumajang dilampiri dengan: Data Lowongan Kerja, pengguna tenaga kerja dan pengerah tenaga kerja; Rekomendasi rekrutmen AKAD; Surat Tugas Pengerah Tenaga Kerja; Data jumlah kebutuhan rekrutmen tenaga kerja.\nSekretariat memproses surat masuk.\nDisposisi Kepala Dinas untuk didistribusikan ke Bidang Penempatan dan Pelatihan.\nKonsultasi kepada Kepala Dinas.\nPerintah kepada Seksi Penempatan dan Pemagangan untuk proses penerbitan izin.\nPenerbitan izin setelah ditandatangani oleh Kepala Dinas.",
    "completion_time": "1 Hari",
    "completion_time_details": "Berkas lengkap.",
    "fee": "Tidak dipungut biaya (gratis)",
    "product": "Dokumen Izin Pelayanan AKAD.",
}

COMPLAINTS = {
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
}

# Which office wrote which service's standard: region code -> the office's name as its
# document prints it, and its texts.
SEED_AUTHORS = {
    "bkol": (PROBOLINGGO, "Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo"),
    "pengaduan": (PROBOLINGGO, "Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo"),
    "akad": (LUMAJANG, "Dinas Tenaga Kerja Kabupaten Lumajang"),
}
SEED_TEXTS = {"bkol": JOB_EXCHANGE, "akad": AKAD_PERMIT, "pengaduan": COMPLAINTS}

TEXT_FIELDS = [
    "title",
    "decree_number",
    "summary",
    "requirements",
    "procedure",
    "completion_time",
    "completion_time_details",
    "fee",
    "product",
    "order",
]

# A template of create_office: the portal's built-in seed texts, or an existing office's.
SEED_TEMPLATE = "seed"


def standard_for(office, service):
    """The published standard of ``service`` at ``office`` (the public page's one lookup), or
    None when that office does not publish one."""
    if office is None or office.pk is None:
        return None
    return (
        ServiceStandard.objects.published()
        .filter(office=office, service=service)
        .select_related("office")
        .first()
    )


def standards_of(office):
    """The office's published standards in their order (the home page's cards)."""
    if office is None or office.pk is None:
        return ServiceStandard.objects.none()
    return ServiceStandard.objects.published().filter(office=office).select_related("office")


def offered_services(office):
    offered = {
        "bkol": office.offers_job_exchange,
        "akad": office.offers_akad,
        "pengaduan": office.offers_complaints,
    }
    return [service for service, on in offered.items() if on]


def complaint_channels_for(office):
    """The complaint channels a standard of ``office`` lists, from the office's own data (the
    first seed's channels for Kota Probolinggo, word for word)."""
    if office.region_code == PROBOLINGGO:
        return PROBOLINGGO_COMPLAINT_CHANNELS
    lines = [
        office.complaint_counter
        or "Petugas penerima pengaduan di kantor Dinas (datang langsung, pengaduan disampaikan secara tertulis)"
    ]
    phone = office.complaint_phone or office.phone
    if phone:
        lines.append(f"Telepon Dinas {phone}")
    if office.complaint_email:
        lines.append(
            f"E-mail {office.complaint_email} (pengadu menerima notifikasi melalui e-mail)"
        )
    if office.radio_station and office.radio_programme:
        lines.append(f"{office.radio_station}, acara “{office.radio_programme}”")
    lines.append("Formulir pengaduan di portal ini")
    return "\n".join(lines)


def seed_standard(*, office, service):
    """The office's standard of ``service`` from the seed texts, created once: the office's own
    words where it wrote that seed, otherwise a marked copy of the author's."""
    author_code, author_name = SEED_AUTHORS[service]
    own = office.region_code == author_code
    standard, _ = ServiceStandard.objects.get_or_create(
        office=office,
        service=service,
        defaults={
            **SEED_TEXTS[service],
            "copied_from": "" if own else author_name,
            "complaint_channels": complaint_channels_for(office),
        },
    )
    return standard


def copy_standard(*, office, source):
    """A marked copy of another office's standard ``source`` for ``office``, created once."""
    standard, _ = ServiceStandard.objects.get_or_create(
        office=office,
        service=source.service,
        defaults={
            **{field: getattr(source, field) for field in TEXT_FIELDS},
            "is_published": source.is_published,
            "copied_from": source.copied_from or source.office.name,
            "complaint_channels": complaint_channels_for(office),
        },
    )
    return standard


@transaction.atomic
def standards_from_template(*, office, template=SEED_TEMPLATE):
    """Give ``office`` a standard for each service it offers and has none of yet.

    ``template`` is SEED_TEMPLATE (the seed documents' texts) or an Office whose standards
    are copied; a service the template office lacks falls back to the seed text. A copy keeps
    the name of the office that wrote the text, so a copy of a copy still credits its author.
    """
    existing = set(office.standards.values_list("service", flat=True))
    made = []
    for service in offered_services(office):
        if service in existing:
            continue
        source = None
        if template != SEED_TEMPLATE and template.pk != office.pk:
            source = template.standards.filter(service=service).first()
        if source is not None:
            made.append(copy_standard(office=office, source=source))
        else:
            made.append(seed_standard(office=office, service=service))
    return made


def confirm_adapted(standard):
    """An officer of the office has checked and adapted the copy: it is the office's own now."""
    standard.copied_from = ""
