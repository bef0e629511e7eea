"""No NIK, phone number or e-mail address in a log line or a logged address."""

import contextlib
import logging
import os
import subprocess
import urllib.request

import pytest
from django.db import connection

from portal.logs import RedactingFormatter
from scripts.serving import gunicorn

NIK, PHONE, EMAIL = "3574011705980001", "0812-3456-7890", "siti.aminah@example.com"


@pytest.mark.django_db(transaction=True)
def test_the_access_log_names_paths_without_their_query(tmp_path):
    """An officer's admin search for a NIK, a job seeker's search: the query stays out."""
    db = connection.settings_dict
    log = tmp_path / "access.log"
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PGDATABASE": db["NAME"],
        "PGHOST": db["HOST"] or "",
        "PGPORT": str(db["PORT"] or ""),
        "CONN_MAX_AGE": "0",
    }
    os.environ.pop("DATABASE_URL", None)
    urls = [
        f"/admin/jobboard/jobseeker/?q={NIK}",
        f"/loker/?q={PHONE}&kota=Probolinggo",
        f"/pengaduan/status/?email={EMAIL}",
    ]
    with gunicorn(
        "--workers", "1", "--access-logfile", str(log), env=env, stderr=subprocess.DEVNULL
    ) as (base, _process):
        for url in urls:
            request = urllib.request.Request(base + url, headers={"Referer": base + url})
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=30).close()  # noqa: S310 - loopback
    text = log.read_text()
    assert "/admin/jobboard/jobseeker/" in text and "/loker/" in text  # the paths are there
    for secret in (NIK, PHONE, EMAIL, "siti.aminah"):
        assert secret not in text, text


def test_every_log_line_is_redacted_whoever_writes_it(settings):
    # pytest adds its own capturing handlers to the root logger; the portal's are the rest
    handlers = [
        h for h in logging.getLogger().handlers if not type(h).__module__.startswith("_pytest")
    ]
    assert handlers and all(isinstance(h.formatter, RedactingFormatter) for h in handlers)
    formatter = handlers[0].formatter
    try:
        raise ValueError(f"no account for {EMAIL} / NIK {NIK} / HP {PHONE} / +62 812 3456 7890")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "search %s failed for %s",
            (NIK, EMAIL),
            exc_info=True,
        )
        import sys

        record.exc_info = sys.exc_info()
    line = formatter.format(record)
    assert "ValueError" in line and "search" in line
    for secret in (NIK, EMAIL, PHONE, "812 3456 7890", "siti.aminah"):
        assert secret not in line, line
