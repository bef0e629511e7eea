"""Uploads no row references are swept (issue 16, item 6), and nothing else is."""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from portal.files import discard_files_on_error
from tests.conftest import PDF_BYTES
from tests.factories import make_jobseeker

pytestmark = pytest.mark.django_db


def _age(name, days):
    path = Path(settings.PRIVATE_MEDIA_ROOT) / name
    old = (datetime.datetime.now() - datetime.timedelta(days=days)).timestamp()
    os.utime(path, (old, old))


def test_the_sweep_removes_old_unreferenced_files_only():
    seeker = make_jobseeker()
    replaced = seeker.ktp_scan.name
    seeker.ktp_scan.save("ktp-baru.pdf", ContentFile(PDF_BYTES))  # the old name stays in history
    orphan = default_storage.save("jobseekers/ktp/orphan.pdf", ContentFile(PDF_BYTES))
    young = default_storage.save("jobseekers/ktp/young.pdf", ContentFile(PDF_BYTES))
    for name in (replaced, orphan, seeker.ktp_scan.name, seeker.ak1_scan.name):
        _age(name, 3)

    call_command("sweep_private_files")

    assert not default_storage.exists(orphan)
    kept = (replaced, young, seeker.ktp_scan.name, seeker.ak1_scan.name)
    assert all(default_storage.exists(name) for name in kept)


def test_files_written_in_a_failed_block_are_deleted_and_others_kept():
    kept = default_storage.save("complaints/kept.pdf", ContentFile(PDF_BYTES))
    with pytest.raises(RuntimeError), discard_files_on_error():
        written = default_storage.save("complaints/lost.pdf", ContentFile(PDF_BYTES))
        raise RuntimeError("the transaction rolls back")
    assert not default_storage.exists(written)
    assert default_storage.exists(kept)
