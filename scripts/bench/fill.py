"""Fills the benchmark database with a city's worth of data, fast (COPY, not the ORM), spread
over 50 offices (BENCH_OFFICES; scripts/bench/offices.py): the same volume whatever their number,
each record with its office (a vacancy, an application and a permit with its employer's), each
office's complaint book numbered 1..N per year.

    DJANGO_SETTINGS_MODULE=portal.settings.dev PGDATABASE=disnaker_bench python scripts/bench/fill.py

Rows are built from the models' own field lists: a field the generator does not name gets
its model default, so the filler keeps working when a model gains a column. History tables
and step logs are left empty; they are not read by the measured pages.
"""

import datetime
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.utils import timezone  # noqa: E402

from jobboard.stemming import StemsField, stems_of  # noqa: E402
from scripts.bench.vocab import (  # noqa: E402
    CITIES,
    FIRST_NAMES,
    LAST_NAMES,
    POSITIONS,
    SECTORS,
    SKILLS,
    VOCABULARY,
    ZIPF_WEIGHTS,
)

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
COUNTS = {
    "employers": int(5_000 * SCALE),
    "vacancies": int(100_000 * SCALE),
    "jobseekers": int(200_000 * SCALE),
    "applications": int(300_000 * SCALE),
    "complaints": int(50_000 * SCALE),
    "permits": int(10_000 * SCALE),
}
PASSWORD = "Bench2026!"
rng = random.Random(2026)
NOW = timezone.now()
TODAY = timezone.localdate()


OFFICE_ID = None  # set in main(): the first office, for an office field the generator does not name
OFFICES = []  # the benchmark's offices (scripts/bench/offices.py), the records spread over them
CUM_WEIGHTS = list(itertools.accumulate(ZIPF_WEIGHTS))


def npwp_of(i):
    """A 15-digit NPWP whose 9th digit is the Luhn check digit of the first eight."""
    from stdnum import luhn

    first = f"{10000000 + i:08d}"
    return f"{first}{luhn.calc_check_digit(first)}623000"


def sentence(n):
    """n words drawn by Zipf's law from about 1,400 (see vocab.py)."""
    return " ".join(rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=n)).capitalize() + "."


def bench_offices():
    """The offices the records are spread over (BENCH_OFFICES, default 50), the demo's two
    among them, the first office first."""
    from scripts.bench.offices import bench_offices

    return bench_offices()


def default_for(field):
    if field.name == "office" and field.is_relation:
        return OFFICE_ID
    if field.has_default():
        return field.get_default()
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return NOW
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value")


def copy(label, rows):
    """COPY the rows (dicts by field attname) into the model's table; returns the count."""
    model = apps.get_model(label)
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.GeneratedField)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        ) as cp:
            for row in rows:
                values = []
                for f in fields:
                    if isinstance(f, StemsField):  # as the field's pre_save writes it
                        value = stems_of(*(row.get(name, "") for name in f.sources))
                    else:
                        value = row[f.attname] if f.attname in row else default_for(f)
                    if isinstance(f, models.FileField):
                        value = str(value or "")
                    elif isinstance(f, models.JSONField) and value is not None:
                        value = json.dumps(value)
                    values.append(value)
                cp.write_row(values)
                count += 1
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'), "
            f"GREATEST((SELECT max(id) FROM {model._meta.db_table}), 1))"
            if model._meta.pk.name == "id"
            else "SELECT 1"
        )
    print(f"  {label:<28} {count:>8} rows  {time.perf_counter() - started:5.1f} s", flush=True)
    return count


def users(prefix, start, n, password_hash):
    for i in range(n):
        pk = start + i
        yield {
            "id": pk,
            "username": f"{prefix}{i}",
            "email": f"{prefix}{i}@contoh.id",
            "password": password_hash,
            "first_name": rng.choice(FIRST_NAMES),
            "last_name": rng.choice(LAST_NAMES),
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
            "date_joined": NOW,
        }


def main():
    started = time.perf_counter()
    print(f"filling {settings.DATABASES['default']['NAME']}: {COUNTS}", flush=True)
    tables = [
        m._meta.db_table
        for m in apps.get_models()
        if m._meta.app_label in {"jobboard", "akad_permits", "complaints"}
    ]
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")
        # the job seekers' and employers' accounts; the officer of run.py stays (its role,
        # second factor and log-ins) on a database measured again without being dropped
        bench_users = (
            "SELECT id FROM portal_user WHERE username LIKE 'bench-%%'"
            " AND username <> 'bench-officer'"
        )
        cursor.execute(f"DELETE FROM portal_user_groups WHERE user_id IN ({bench_users})")
        cursor.execute(f"DELETE FROM portal_user WHERE id IN ({bench_users})")
        cursor.execute("SELECT COALESCE(max(id), 0) FROM portal_user")
        (base,) = cursor.fetchone()
    global OFFICE_ID
    OFFICES[:] = bench_offices()
    OFFICE_ID = OFFICES[0].pk
    n_off = len(OFFICES)
    print(f"  {n_off} offices: the same volume spread over them", flush=True)
    password_hash = make_password(PASSWORD)
    n_emp, n_vac, n_js = COUNTS["employers"], COUNTS["vacancies"], COUNTS["jobseekers"]
    emp_user0 = base + 1
    js_user0 = emp_user0 + n_emp

    copy("portal.User", users("bench-employer", emp_user0, n_emp, password_hash))
    copy("portal.User", users("bench-seeker", js_user0, n_js, password_hash))

    # employer i+1 belongs to office i % n (its vacancies and permits with it)
    employer_office = [OFFICES[i % n_off].pk for i in range(n_emp)]

    def employers():
        for i in range(n_emp):
            yield {
                "id": i + 1,
                "office_id": employer_office[i],
                "user_id": emp_user0 + i,
                "status": "active" if i % 50 else "waiting",
                "submitted_at": NOW - datetime.timedelta(days=rng.randint(0, 700)),
                "company_name": f"{rng.choice(['PT', 'CV'])} {rng.choice(LAST_NAMES)} {rng.choice(['Jaya', 'Makmur', 'Abadi', 'Sentosa', 'Mandiri', 'Sejahtera'])} {i}",
                "legal_form": rng.choice(["PT", "CV"]),
                "nib": f"{9120000000000 + i}",
                "npwp": npwp_of(i),
                "sector": rng.choice(SECTORS),
                "address": f"Jl. {rng.choice(LAST_NAMES)} No. {rng.randint(1, 200)}",
                "city": rng.choice(CITIES),
                "contact_person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "phone": f"0335{rng.randint(100000, 999999)}",
                "email": f"hrd{i}@perusahaan.id",
            }

    copy("jobboard.Employer", employers())

    education = [
        c
        for c, _ in apps.get_model("jobboard.JobSeeker")._meta.get_field("education_level").choices
    ]
    work_types = [
        c for c, _ in apps.get_model("jobboard.Vacancy")._meta.get_field("work_type").choices
    ]

    def jobseekers():
        for i in range(n_js):
            sex = "P" if i % 2 else "L"
            birth = datetime.date(1975, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 30))
            day = birth.day + (40 if sex == "P" else 0)
            office, seq = OFFICES[i % n_off], i // n_off
            yield {
                "id": i + 1,
                "office_id": office.pk,
                "user_id": js_user0 + i,
                "status": "waiting" if i % 20 == 0 else ("rejected" if i % 97 == 0 else "active"),
                "submitted_at": NOW - datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 700)),
                # the NIK's region is the office's (its registration office is proposed from it)
                "nik": f"{office.region_code}{seq % 100:02d}{day:02d}{birth:%m%y}{seq // 100:04d}",
                "full_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "birth_place": rng.choice(CITIES),
                "birth_date": birth,
                "sex": sex,
                "marital_status": rng.choice(["belum_kawin", "kawin"]),
                "religion": rng.choice(["islam", "islam", "islam", "kristen", "katolik", "hindu"]),
                "address": f"Jl. {rng.choice(LAST_NAMES)} No. {rng.randint(1, 200)} RT 0{rng.randint(1, 9)}/RW 0{rng.randint(1, 9)}",
                "kelurahan": rng.choice(LAST_NAMES),
                "kecamatan": rng.choice(LAST_NAMES),
                "city": rng.choice(CITIES),
                "phone": f"08{rng.randint(100000000, 9999999999)}",
                "email": f"bench-seeker{i}@contoh.id",
                "education_level": rng.choice(education),
                "education_major": rng.choice(SKILLS),
                "education_institution": f"SMKN {rng.randint(1, 9)} {rng.choice(CITIES)}",
                "graduation_year": rng.randint(1995, 2025),
                "skills": ", ".join(rng.sample(SKILLS, 3)),
                "work_experience": sentence(12),
                "desired_job": rng.choice(POSITIONS),
                "discoverable": i % 5 != 0,
                "ktp_scan": f"bench/ktp/{i}.pdf",
                "ak1_scan": f"bench/ak1/{i}.pdf",
            }

    copy("jobboard.JobSeeker", jobseekers())

    vacancy_office = []

    def vacancies():
        for i in range(n_vac):
            position = rng.choice(POSITIONS)
            closing = TODAY + datetime.timedelta(days=rng.randint(-120, 90))
            status = "published" if i % 10 else rng.choice(["submitted", "returned", "closed"])
            low = rng.randint(20, 60) * 100_000
            employer = rng.randint(1, n_emp)
            vacancy_office.append(employer_office[employer - 1])
            yield {
                "id": i + 1,
                "employer_id": employer,
                "office_id": employer_office[employer - 1],
                "title": f"{position} {rng.choice(['', 'Senior', 'Junior', 'Shift Malam', 'Kontrak'])}".strip(),
                "position": position,
                "openings_male": rng.randint(0, 5),
                "openings_female": rng.randint(0, 5),
                "openings_any": rng.randint(1, 5),
                "min_education": rng.choice(education),
                "min_experience_years": rng.randint(0, 5),
                "skills": ", ".join(rng.sample(SKILLS, 3)),
                "place": rng.choice(CITIES),
                "work_type": rng.choice(work_types),
                "salary_min": low,
                "salary_max": low + rng.randint(5, 30) * 100_000,
                "salary_negotiable": i % 7 == 0,
                "description": " ".join(
                    sentence(rng.randint(8, 16)) for _ in range(rng.randint(3, 6))
                ),
                "closing_date": closing,
                "vacancy_letter": f"bench/letters/{i}.pdf",
                "status": status,
                "submitted_at": NOW
                - datetime.timedelta(days=rng.randint(1, 200), minutes=i % 1440),
                "published_at": NOW - datetime.timedelta(days=rng.randint(0, 100))
                if status == "published"
                else None,
            }

    copy("jobboard.Vacancy", vacancies())

    statuses = ["applied"] * 6 + ["shortlisted", "interview", "rejected", "hired"]

    def applications():
        seen = set()
        i = 0
        while i < COUNTS["applications"]:
            pair = (rng.randint(1, n_vac), rng.randint(1, n_js))
            if pair in seen:
                continue
            seen.add(pair)
            i += 1
            yield {
                "id": i,
                "vacancy_id": pair[0],
                "office_id": vacancy_office[pair[0] - 1],  # the vacancy's office
                "jobseeker_id": pair[1],
                "letter": sentence(10) if i % 3 == 0 else "",
                "status": rng.choice(statuses),
                "created_at": NOW - datetime.timedelta(days=rng.randint(0, 300)),
            }

    copy("jobboard.Application", applications())

    complaint_statuses = [
        c for c, _ in apps.get_model("complaints.Complaint")._meta.get_field("status").choices
    ]
    channels = [
        c for c, _ in apps.get_model("complaints.Complaint")._meta.get_field("channel").choices
    ]

    def complaints():
        per_year = {}  # each office's complaint book, numbered 1..N per year
        for i in range(COUNTS["complaints"]):
            received = NOW - datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 900))
            year = timezone.localtime(received).year
            office = OFFICES[i % n_off]
            seq = per_year[office.pk, year] = per_year.get((office.pk, year), 0) + 1
            phone = f"08{rng.randint(100000000, 9999999999)}"
            yield {
                "id": i + 1,
                "office_id": office.pk,
                "book_year": year,
                "book_number": seq,
                "book_label": office.complaint_number_format.format(
                    seq=seq, year=year, month=timezone.localtime(received).month
                ),
                # the real form, ADU-year-six letters or digits (complaints.REFERENCE_GROUPS):
                # the status check's rows find their complaint
                "reference": f"ADU-{year}-{i:06d}",
                "channel": rng.choice(channels),
                "received_at": received,
                "complainant_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "complainant_address": f"Jl. {rng.choice(LAST_NAMES)} No. {rng.randint(1, 200)}",
                "complainant_phone": phone,
                "complainant_phone_digits": phone,
                "complainant_email": f"warga{i}@contoh.id" if i % 3 == 0 else "",
                "subject": sentence(4)[:200],
                "text": " ".join(sentence(12) for _ in range(3)),
                "status": rng.choice(complaint_statuses),
                "status_changed_at": received,
            }

    copy("complaints.Complaint", complaints())
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO complaints_bookcounter (office_id, year, last) "
            "SELECT office_id, book_year, max(book_number) FROM complaints_complaint "
            "GROUP BY office_id, book_year"
        )

    permit_statuses = [
        c
        for c, _ in apps.get_model("akad_permits.PermitApplication")
        ._meta.get_field("status")
        .choices
    ]

    def permits():
        for i in range(COUNTS["permits"]):
            status = rng.choice(permit_statuses)
            submitted = NOW - datetime.timedelta(minutes=rng.randint(10, 60 * 24 * 400))
            employer = rng.randint(1, n_emp)
            yield {
                "id": i + 1,
                "employer_id": employer,
                "office_id": employer_office[employer - 1],  # issued by the employer's office
                "status": status,
                "recruiter_name": f"PT {rng.choice(LAST_NAMES)} Tenaga Mandiri",
                "user_company": f"PT {rng.choice(LAST_NAMES)} Industri",
                "destination_province": "Jawa Timur",
                "destination_city": rng.choice(CITIES),
                "recruitment_start": TODAY,
                "recruitment_end": TODAY + datetime.timedelta(days=90),
                "submitted_at": None if status == "draft" else submitted,
                "state_entered_at": submitted,
            }

    copy("akad_permits.PermitApplication", permits())
    with connection.cursor() as cursor:
        # What autovacuum has done on a database in service: statistics, and the visibility map
        # that lets the vacancy search read its covering index alone.
        cursor.execute("VACUUM ANALYZE")
    print(
        f"filled in {time.perf_counter() - started:.0f} s; every account's password: {PASSWORD}",
        flush=True,
    )


if __name__ == "__main__":
    main()
