"""Scale-out: two gunicorn instances on two ports, one database, one private-file store.

A person logs in through one host and carries on through the other with the same cookie
(database sessions), and a document uploaded through one is downloaded through the other
(the private files live on storage both hosts share). Nothing of a person's state lives in
one process's memory.
"""

import datetime
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.conftest import PDF_BYTES, PNG_BYTES, make_nik
from tests.factories import make_jobseeker

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def two_hosts(django_db_setup, tmp_path_factory):
    """Two gunicorn instances (production settings on loopback) against the test database."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.security.scale_settings",
        "PGDATABASE": db["NAME"],
        "PGHOST": db["HOST"] or "",
        "PGPORT": str(db["PORT"] or ""),
        "PGUSER": db["USER"] or "",
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "CONN_MAX_AGE": "0",  # no connection outlives a request: the test database is dropped later
    }
    env.pop("DATABASE_URL", None)
    # The hosts' shared cache is the test database's cache table (the test settings use memory).
    subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    tmp_path = tmp_path_factory.mktemp("hosts")
    hosts, processes = [], []
    for i in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "portal.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--threads",
                    "2",
                    "--error-logfile",
                    str(tmp_path / f"host{i}.log"),
                ],
                cwd=ROOT,
                env=env,
            )
        )
        hosts.append(f"http://127.0.0.1:{port}")
    try:
        for host, process in zip(hosts, processes, strict=True):
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(host + "/masuk/", timeout=5).read()
                    break
                except (OSError, urllib.error.URLError):
                    if process.poll() is not None or time.monotonic() > deadline:
                        logs = "\n".join(p.read_text() for p in tmp_path.glob("host*.log"))
                        pytest.fail(f"gunicorn did not start on {host}:\n{logs}")
                    time.sleep(0.2)
        yield hosts
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Browser:
    """One person's browser: one cookie jar, whichever host it talks to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, url):
        try:
            with self.opener.open(url, timeout=20) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def token(self, url):
        status, _headers, body = self.get(url)
        assert status == 200, (url, status)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()

    def post(self, url, data, multipart=False):
        if multipart:
            body, content_type = encode_multipart(BOUNDARY, data), MULTIPART_CONTENT
        else:
            body = urllib.parse.urlencode(data).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads each redirect itself


def test_a_person_logged_in_through_one_host_continues_through_the_other(two_hosts, office):
    one, two = two_hosts
    seeker = make_jobseeker(status="active", full_name="Rina Lintas Host")
    # the hosts run production settings, which do not know the test settings' fast hasher
    seeker.user.password = PBKDF2PasswordHasher().encode("pw-Secret-123", "scaleout", 1000)
    seeker.user.save(update_fields=["password"])
    browser = Browser()
    token = browser.token(f"{one}/masuk/")
    status, headers, _ = browser.post(
        f"{one}/masuk/",
        {"csrfmiddlewaretoken": token, "username": seeker.user.email, "password": "pw-Secret-123"},
    )
    assert status == 302, status
    session = browser.cookie(settings.SESSION_COOKIE_NAME)
    assert session

    # the same cookie on the other host: the account page, not the login page
    status, _, body = browser.get(f"{two}/loker/akun/status/")
    assert status == 200, status
    assert "Rina Lintas Host" in body.decode()
    assert browser.cookie(settings.SESSION_COOKIE_NAME) == session

    # a form whose token came from host one is accepted by host two (shared secret, same cookie)
    token = browser.token(f"{one}/loker/akun/profil/")
    status, headers, _ = browser.post(f"{two}/keluar/", {"csrfmiddlewaretoken": token})
    assert status == 302, status
    # logged out through host two means logged out on host one too
    status, headers, _ = browser.get(f"{one}/loker/akun/status/")
    assert status == 302 and headers["Location"].startswith("/masuk/"), (status, headers)


def test_a_file_uploaded_through_one_host_is_downloaded_through_the_other(two_hosts, office):
    from jobboard.models import JobSeeker

    one, two = two_hosts
    browser = Browser()
    token = browser.token(f"{one}/loker/daftar/pencari-kerja/")
    birth = datetime.date(1996, 3, 9)
    ktp = PDF_BYTES + b"% KTP scan uploaded through host one\n"
    data = {
        "csrfmiddlewaretoken": token,
        "nik": make_nik(birth, "L", seq=77),
        "full_name": "Bagus Dua Host",
        "birth_place": "Probolinggo",
        "birth_date": birth.isoformat(),
        "sex": "L",
        "marital_status": "belum_kawin",
        "religion": "islam",
        "address": "Jl. Melati 4",
        "kelurahan": "Kanigaran",
        "kecamatan": "Kanigaran",
        "city": "Kota Probolinggo",
        "phone": "0812 3456 7000",
        "email": "bagus.duahost@example.com",
        "password1": "Kerja-Keras-2026",
        "password2": "Kerja-Keras-2026",
        "education_level": "SMA",
        "education_institution": "SMAN 1 Probolinggo",
        "graduation_year": "2014",
        "desired_job": "Sopir",
        "ktp_scan": named(ktp, "ktp.pdf"),
        "ak1_scan": named(PNG_BYTES, "ak1.png"),
    }
    status, headers, body = browser.post(f"{one}/loker/daftar/pencari-kerja/", data, multipart=True)
    assert status == 302, body.decode()[:3000]
    seeker = JobSeeker.objects.get(full_name="Bagus Dua Host")
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / seeker.ktp_scan.name
    assert stored.read_bytes() == ktp

    # the person logs in on host one and downloads from host two
    token = browser.token(f"{one}/masuk/")
    status, headers, _ = browser.post(
        f"{one}/masuk/",
        {
            "csrfmiddlewaretoken": token,
            "username": "bagus.duahost@example.com",
            "password": "Kerja-Keras-2026",
        },
    )
    assert status == 302, status
    status, headers, body = browser.get(f"{two}/berkas/jobboard.JobSeeker/{seeker.pk}/ktp_scan/")
    assert status == 200, status
    assert body == ktp
    assert headers["Content-Disposition"].startswith("attachment")
    assert headers["X-Content-Type-Options"] == "nosniff"
    # and a stranger gets nothing from either host
    stranger = Browser()
    for host in (one, two):
        status, headers, _ = stranger.get(f"{host}/berkas/jobboard.JobSeeker/{seeker.pk}/ktp_scan/")
        assert status == 302 and headers["Location"].startswith("/masuk/")


def named(content, name):
    handle = BytesIO(content)
    handle.name = name
    return handle
