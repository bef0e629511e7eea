"""Kills gunicorn workers (SIGKILL) in the middle of a stream of job-seeker registrations
and web complaints, then shows that every record is whole or absent and that the complaint
book has no gap. Prints what it checked; exits 1 on any lost or partial record.

    bash scripts/fault_check.sh        # N=120 submissions by default (FAULT_SUBMISSIONS)
"""

import datetime
import http.cookiejar
import os
import random
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.serving import gunicorn  # noqa: E402

os.environ["DJANGO_SETTINGS_MODULE"] = "scripts.bench.settings"


def _blank_pdf():
    """One blank page, a PDF the upload check can parse."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _blank_pdf()
SUBMISSIONS = int(os.environ.get("FAULT_SUBMISSIONS", "120"))
failures = []


def check(ok, message):
    print(("  ok    " if ok else "  FAIL  ") + message, flush=True)
    if not ok:
        failures.append(message)


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def nik_for(n, birth):
    return f"357401{birth.day:02d}{birth:%m%y}{n:04d}"


def submit(base, kind, n, outcomes):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    path = "/loker/daftar/pencari-kerja/" if kind == "seeker" else "/pengaduan/"
    key = f"{kind}-{n}"
    try:
        page = opener.open(base + path, timeout=20).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        if kind == "seeker":
            birth = datetime.date(1990, 1, 1) + datetime.timedelta(days=n)
            fields = {
                "csrfmiddlewaretoken": token,
                "nik": nik_for(n + 1, birth),
                "full_name": f"Uji Gangguan {n}",
                "birth_place": "Probolinggo",
                "birth_date": birth.isoformat(),
                "sex": "L",
                "marital_status": "belum_kawin",
                "religion": "islam",
                "address": "Jl. Mawar 1",
                "kelurahan": "Kanigaran",
                "kecamatan": "Kanigaran",
                "city": "Kota Probolinggo",
                "phone": "081234567890",
                "email": f"fault{n}@contoh.id",
                "education_level": "SMK",
                "education_major": "Mesin",
                "education_institution": "SMKN 1",
                "graduation_year": "2010",
                "skills": "las",
                "work_experience": "",
                "desired_job": "Operator",
                "discoverable": "on",
                "password1": "Gangguan-2026!",
                "password2": "Gangguan-2026!",
            }
            body, content_type = multipart(
                fields, {"ktp_scan": ("ktp.pdf", PDF), "ak1_scan": ("ak1.pdf", PDF)}
            )
        else:
            fields = {
                "csrfmiddlewaretoken": token,
                "complainant_name": f"Pengadu {n}",
                "complainant_institution": "",
                "complainant_address": "Jl. Melati 2",
                "complainant_phone": "081298765432",
                "complainant_email": "",
                "subject": f"Uji {n}",
                "text": f"Pengaduan uji gangguan nomor {n}.",
            }
            body, content_type = (
                urllib.parse.urlencode(fields).encode(),
                "application/x-www-form-urlencoded",
            )
        request = urllib.request.Request(
            base + path, data=body, headers={"Content-Type": content_type, "Referer": base + path}
        )
        response = opener.open(request, timeout=30)
        final = response.geturl()
        outcomes[key] = (
            "ok" if final.rstrip("/") != (base + path).rstrip("/") else f"form-error {final}"
        )
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        outcomes[key] = f"broken: {exc.__class__.__name__}"


def main():
    import django

    django.setup()
    from django.db import connection

    from complaints.models import Complaint
    from jobboard.models import JobSeeker
    from portal.models import User

    outcomes = {}
    kills = 0
    with gunicorn(
        *("--workers", "2", "--threads", "4", "--worker-class", "gthread"),
        *("--error-logfile", str(ROOT / "var/fault-gunicorn.log")),
        env={"RATELIMIT_ENABLED": "false"},
    ) as (base, server):
        jobs = [("seeker" if i % 2 == 0 else "complaint", i) for i in range(SUBMISSIONS)]
        threads = []
        for kind, n in jobs:
            t = threading.Thread(target=submit, args=(base, kind, n, outcomes))
            threads.append(t)
            t.start()
            time.sleep(0.02)
            if n and n % max(SUBMISSIONS // 6, 1) == 0:
                children = (
                    Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
                )
                if children:
                    os.kill(int(random.choice(children)), signal.SIGKILL)
                    kills += 1
        for t in threads:
            t.join()

    ok = [k for k, v in outcomes.items() if v == "ok"]
    broken = [k for k, v in outcomes.items() if v.startswith("broken")]
    refused = [f"{k}: {v}" for k, v in outcomes.items() if v.startswith("form-error")]
    print(
        f"{len(outcomes)} submissions, {kills} workers killed: {len(ok)} answered, {len(broken)} cut off, "
        f"{len(refused)} refused by the form"
    )
    check(
        not refused,
        "no submission was refused as invalid (the stream itself is valid)"
        + (f": {refused[:3]}" if refused else ""),
    )

    seekers = {
        s.full_name: s
        for s in JobSeeker.objects.filter(full_name__startswith="Uji Gangguan ").select_related(
            "user"
        )
    }
    storage_root = Path(os.environ.get("PRIVATE_MEDIA_ROOT", ROOT / "var/private"))
    partial = []
    for seeker in seekers.values():
        if not (
            seeker.user_id and seeker.ktp_scan and seeker.ak1_scan and seeker.nik and seeker.email
        ):
            partial.append(seeker.full_name)
        elif not (
            (storage_root / seeker.ktp_scan.name).is_file()
            and (storage_root / seeker.ak1_scan.name).is_file()
        ):
            partial.append(f"{seeker.full_name} (file missing)")
    orphans = User.objects.filter(
        email__startswith="fault", email__endswith="@contoh.id", jobseeker__isnull=True
    ).count()
    answered_seekers = {k for k in ok if k.startswith("seeker")}
    lost = [k for k in answered_seekers if f"Uji Gangguan {k.split('-')[1]}" not in seekers]
    check(
        not partial,
        f"{len(seekers)} job seekers recorded, each with account, data and both files on disk",
    )
    check(
        orphans == 0, "no account without its job-seeker record (registration is one transaction)"
    )
    check(
        not lost,
        f"every registration the browser saw succeed is recorded ({len(answered_seekers)})",
    )

    complaints = Complaint.objects.filter(complainant_name__startswith="Pengadu ")
    answered = {k for k in ok if k.startswith("complaint")}
    names = set(complaints.values_list("complainant_name", flat=True))
    check(
        not [k for k in answered if f"Pengadu {k.split('-')[1]}" not in names],
        f"every complaint the browser saw accepted is in the book ({len(answered)} of {len(names)} recorded)",
    )
    without_step = complaints.filter(steps__isnull=True).count()
    check(without_step == 0, "every recorded complaint has its first step record")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT book_year, count(*), min(book_number), max(book_number), count(DISTINCT book_number) "
            "FROM complaints_complaint GROUP BY book_year"
        )
        for year, count, low, high, distinct in cursor.fetchall():
            check(
                low == 1 and high == count == distinct,
                f"complaint book {year}: numbers 1..{high} for {count} complaints, no gap, no duplicate",
            )
    print(f"{len(failures)} lost or partial records" if failures else "0 lost or partial records")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
