"""Demo data of the job exchange, in both demo offices: active job seekers (one holding an
AK/I card the portal issued), one waiting, an active employer with published vacancies in
Kota Probolinggo; two active job seekers and an employer with its vacancies in Kabupaten
Lumajang; and one application across offices (a Lumajang job seeker applied to a Probolinggo
employer's vacancy: the one job market). Idempotent: rows are looked up by user name and
title first.

Decisions go through the services with each office's demo Petugas Antar Kerja as actor, so the
demo shows who activated and published, as real data would.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo import DEMO_PASSWORD, demo_lumajang, demo_office, ensure_user

from . import services
from .models import Application, Employer, JobSeeker, Vacancy

# A one-page PDF, enough to stand for a scanned document.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _nik(born, sex, seq, region="3574"):
    day = born.day + (40 if sex == "P" else 0)
    return f"{region}01{day:02d}{born:%m%y}{seq:04d}"


SEEKERS = [
    {
        "username": "pencaker1",
        "full_name": "Rina Wulandari",
        "birth_date": datetime.date(1999, 3, 12),
        "sex": "P",
        "education_level": "SMK",
        "education_major": "Akuntansi",
        "education_institution": "SMKN 2 Probolinggo",
        "graduation_year": 2017,
        "skills": "Microsoft Excel, kasir, pembukuan sederhana",
        "work_experience": "2 tahun kasir minimarket",
        "desired_job": "Staf administrasi",
        "kecamatan": "Kanigaran",
        "status": "active",
        "ak1_requested": True,  # had no card: the portal issued one at activation
    },
    {
        "username": "pencaker2",
        "full_name": "Agus Setiawan",
        "birth_date": datetime.date(1996, 8, 3),
        "sex": "L",
        "education_level": "SMK",
        "education_major": "Teknik Pengelasan",
        "education_institution": "SMKN 1 Probolinggo",
        "graduation_year": 2014,
        "skills": "las listrik, las argon, membaca gambar teknik",
        "work_experience": "3 tahun juru las bengkel konstruksi",
        "desired_job": "Juru las",
        "kecamatan": "Mayangan",
        "status": "active",
    },
    {
        "username": "pencaker3",
        "full_name": "Dimas Prasetyo",
        "birth_date": datetime.date(2000, 1, 25),
        "sex": "L",
        "education_level": "S1",
        "education_major": "Teknik Informatika",
        "education_institution": "Universitas Panca Marga",
        "graduation_year": 2022,
        "skills": "Python, jaringan komputer, desain grafis",
        "work_experience": "Magang 6 bulan di dinas kominfo",
        "desired_job": "Teknisi IT",
        "kecamatan": "Kademangan",
        "status": "active",
    },
    {
        "username": "pencaker-baru",
        "full_name": "Sari Indah Lestari",
        "birth_date": datetime.date(2001, 11, 5),
        "sex": "P",
        "education_level": "SMA",
        "education_major": "IPS",
        "education_institution": "SMAN 3 Probolinggo",
        "graduation_year": 2019,
        "skills": "pelayanan pelanggan, bahasa Inggris",
        "work_experience": "",
        "desired_job": "Pramuniaga",
        "kecamatan": "Wonoasih",
        "status": "waiting",
    },
]

EMPLOYER = {
    "username": "perusahaan",
    "company_name": "PT Bromo Makmur Sejahtera",
    "legal_form": "PT",
    "nib": "9120301234567",
    "npwp": "013456785623000",
    "sector": "Industri pengolahan",
    "address": "Jl. Raya Bromo No. 88, Kedopok",
    "city": "Kota Probolinggo",
    "contact_person": "Hendra Wijaya",
    "phone": "(0335) 421888",
    "email": "hrd@bromomakmur.example.co.id",
}

VACANCIES = [
    {
        "title": "Juru Las Konstruksi",
        "position": "Welder",
        "openings_male": 3,
        "min_education": "SMK",
        "min_experience_years": 1,
        "skills": "las listrik, las argon, membaca gambar teknik",
        "place": "Kota Probolinggo",
        "work_type": "contract",
        "salary_min": 3_000_000,
        "salary_max": 3_800_000,
        "description": "Mengelas rangka baja untuk gudang dan jembatan kecil. Bekerja dalam tim di bengkel dan di lokasi proyek.",
    },
    {
        "title": "Staf Administrasi Gudang",
        "position": "Admin gudang",
        "openings_any": 2,
        "min_education": "SMA",
        "skills": "Microsoft Excel, teliti",
        "place": "Kota Probolinggo",
        "work_type": "full_time",
        "salary_min": 2_600_000,
        "salary_max": 3_000_000,
        "description": "Mencatat barang masuk dan keluar, menyusun laporan stok harian, dan membantu pengiriman.",
    },
    {
        "title": "Operator Produksi",
        "position": "Operator mesin pengemasan",
        "openings_female": 5,
        "openings_any": 5,
        "min_education": "SMP",
        "skills": "",
        "place": "Kabupaten Probolinggo",
        "work_type": "full_time",
        "salary_negotiable": True,
        "description": "Menjalankan mesin pengemasan makanan ringan dalam tiga shift. Pelatihan diberikan.",
    },
    {
        "title": "Teknisi Jaringan Komputer",
        "position": "Teknisi IT",
        "openings_any": 1,
        "min_education": "D3",
        "min_experience_years": 1,
        "skills": "jaringan komputer, Mikrotik",
        "place": "Kota Probolinggo",
        "work_type": "full_time",
        "salary_min": 4_000_000,
        "salary_max": 5_000_000,
        "description": "Merawat jaringan kantor dan pabrik, memasang perangkat, membantu pengguna.",
    },
]


# Kabupaten Lumajang's job seekers, employer and vacancies (demo values).
LUMAJANG_SEEKERS = [
    {
        "username": "lmj-pencaker1",
        "full_name": "Wahyu Hidayat",
        "birth_date": datetime.date(1998, 6, 21),
        "sex": "L",
        "education_level": "SMK",
        "education_major": "Teknik Mesin",
        "education_institution": "SMKN 1 Lumajang",
        "graduation_year": 2016,
        "skills": "mesin bubut, perawatan mesin, mengemudi",
        "work_experience": "2 tahun operator pabrik kayu lapis",
        "desired_job": "Operator mesin",
        "kecamatan": "Sukodono",
        "status": "active",
    },
    {
        "username": "lmj-pencaker2",
        "full_name": "Nur Aini Rahmawati",
        "birth_date": datetime.date(2000, 9, 14),
        "sex": "P",
        "education_level": "D3",
        "education_major": "Keperawatan",
        "education_institution": "Akademi Keperawatan Lumajang",
        "graduation_year": 2021,
        "skills": "perawatan pasien, pertolongan pertama",
        "work_experience": "1 tahun perawat klinik",
        "desired_job": "Perawat",
        "kecamatan": "Tempeh",
        "status": "active",
        "ak1_requested": True,  # her AK/I card is Lumajang's, in Lumajang's numbering
    },
]

LUMAJANG_EMPLOYER = {
    "username": "lmj-perusahaan",
    "company_name": "CV Semeru Agro Lestari",
    "legal_form": "CV",
    "nib": "9120307654321",
    "npwp": "024567896625000",
    "sector": "Pertanian dan perkebunan",
    "address": "Jl. Raya Lumajang-Jember No. 17, Klakah",
    "city": "Kabupaten Lumajang",
    "contact_person": "Yudi Santoso",
    "phone": "(0334) 882777",
    "email": "hrd@semeruagro.example.co.id",
}

LUMAJANG_VACANCIES = [
    {
        "title": "Mandor Kebun Pisang",
        "position": "Mandor kebun",
        "openings_male": 2,
        "min_education": "SMA",
        "min_experience_years": 2,
        "skills": "budidaya pisang, memimpin regu",
        "place": "Kabupaten Lumajang",
        "work_type": "full_time",
        "salary_min": 2_700_000,
        "salary_max": 3_200_000,
        "description": "Mengatur regu pemetik pisang mas kirana dan mencatat hasil panen harian.",
    },
    {
        "title": "Sortir Hasil Panen",
        "position": "Petugas sortir",
        "openings_any": 6,
        "min_education": "SMP",
        "skills": "",
        "place": "Kabupaten Lumajang",
        "work_type": "daily",
        "salary_negotiable": True,
        "description": "Memilah dan mengemas pisang sesuai mutu untuk dikirim ke pasar kota.",
    },
]

# The application across offices: a Lumajang job seeker applied to a Probolinggo vacancy.
CROSS_OFFICE_APPLICATION = ("lmj-pencaker1", "Operator Produksi")


def _officer(prefix=""):
    return get_user_model().objects.get(username=f"{prefix}antarkerja")


def _seeker(data, officer, office=None, seekers=SEEKERS, region="3574"):
    data = dict(data)
    username, status = data.pop("username"), data.pop("status")
    user = ensure_user(
        username, email=f"{username}@contoh.example.id", first_name=data["full_name"]
    )
    seeker = JobSeeker.objects.filter(user=user).first()
    if seeker is None:
        office = office or demo_office()
        seq = seekers.index(next(s for s in seekers if s["username"] == username)) + 1
        seeker = JobSeeker(
            user=user,
            office=office,
            nik=_nik(data["birth_date"], data["sex"], seq, region),
            birth_place=office.region.removeprefix("Kota ").removeprefix("Kabupaten "),
            marital_status="belum_kawin",
            religion="islam",
            address="Jl. Suroyo No. 10 RT 01/RW 03",
            kelurahan=data["kecamatan"],
            city=office.region,
            phone="081234500000"[: -len(str(seq))] + str(seq),
            email=user.email,
            **data,
        )
        seeker.ktp_scan.save("ktp.pdf", ContentFile(PDF), save=False)
        if not seeker.ak1_requested:
            seeker.ak1_scan.save("ak1.pdf", ContentFile(PDF), save=False)
        seeker.save()
        if status == "active":
            services.activate_registration(seeker, actor=officer)
    elif data.get("ak1_requested") and seeker.is_active and not hasattr(seeker, "ak1_card"):
        # Demo data loaded before the AK/I card existed: issue it now.
        JobSeeker.objects.filter(pk=seeker.pk).update(ak1_requested=True)
        services.issue_ak1_card(seeker, actor=officer)
    return username


def _employer(officer, data=EMPLOYER, office=None):
    data = dict(data)
    username = data.pop("username")
    user = ensure_user(username, email=data["email"], first_name=data["contact_person"])
    employer = Employer.objects.filter(user=user).first()
    if employer is None:
        employer = Employer.objects.create(user=user, office=office or demo_office(), **data)
        services.activate_registration(employer, actor=officer)
        employer.refresh_from_db()
    return employer


def _vacancies(employer, officer, vacancies):
    closing = timezone.localdate() + datetime.timedelta(days=30)
    for data in vacancies:
        if Vacancy.objects.filter(employer=employer, title=data["title"]).exists():
            continue
        vacancy = Vacancy(employer=employer, closing_date=closing, **data)
        vacancy.vacancy_letter.save("surat-lowongan.pdf", ContentFile(PDF), save=False)
        vacancy.save()
        services.publish_vacancy(vacancy, actor=officer)


def _cross_office_application(employer):
    username, title = CROSS_OFFICE_APPLICATION
    seeker = JobSeeker.objects.get(user__username=username)
    vacancy = Vacancy.objects.get(employer=employer, title=title)
    if not Application.objects.filter(jobseeker=seeker, vacancy=vacancy).exists():
        services.apply(
            vacancy,
            actor=seeker.user,
            letter="Saya siap bekerja dalam tiga shift dan pindah ke Probolinggo.",
        )


def load():
    office, lumajang = demo_office(), demo_lumajang()
    officer = _officer()
    accounts = [
        ("Pencari kerja (aktif)", _seeker(s, officer), DEMO_PASSWORD, office.name)
        for s in SEEKERS[:3]
    ]
    accounts.append(
        (
            "Pencari kerja (menunggu aktivasi)",
            _seeker(SEEKERS[3], officer),
            DEMO_PASSWORD,
            office.name,
        )
    )
    employer = _employer(officer)
    accounts.append(("Pemberi kerja", employer.user.username, DEMO_PASSWORD, office.name))
    _vacancies(employer, officer, VACANCIES)

    lumajang_officer = _officer("lmj-")
    for data in LUMAJANG_SEEKERS:
        username = _seeker(
            data, lumajang_officer, lumajang, seekers=LUMAJANG_SEEKERS, region="3508"
        )
        accounts.append(("Pencari kerja (aktif)", username, DEMO_PASSWORD, lumajang.name))
    lumajang_employer = _employer(lumajang_officer, LUMAJANG_EMPLOYER, lumajang)
    accounts.append(
        ("Pemberi kerja", lumajang_employer.user.username, DEMO_PASSWORD, lumajang.name)
    )
    _vacancies(lumajang_employer, lumajang_officer, LUMAJANG_VACANCIES)
    _cross_office_application(employer)
    return accounts
