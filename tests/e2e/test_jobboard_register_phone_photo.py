"""Issue 19, item 1: a KTP photographed by a phone (9 MB) is made smaller in the browser and
arrives under the 5 MB limit, readable; a large file that is not a photo is refused before it
is sent."""

import datetime
import io
import os

import pytest
from playwright.sync_api import expect

from tests.conftest import make_nik
from tests.jobboard.e2e_helpers import field, fill_jobseeker_registration

pytestmark = pytest.mark.e2e

LIMIT = 5 * 1024 * 1024


def phone_photo(path):
    """A 4000 x 3000 JPEG at quality 95 of about 9 MB: a gradient under noise, which JPEG
    compresses as badly as a phone's photo of a card on a table."""
    from PIL import Image

    width, height = 4000, 3000
    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    Image.blend(gradient, noise, 0.33).save(path, "JPEG", quality=95)
    return path


def test_a_9_mb_phone_photo_of_the_ktp_arrives_under_5_mb_and_readable(page, demo_site, tmp_path):
    from PIL import Image

    from jobboard.models import JobSeeker
    from portal.models import PendingUpload

    photo = phone_photo(tmp_path / "IMG_20261202_081500.jpg")
    assert 8.5e6 < photo.stat().st_size < 10.5e6

    page.goto(demo_site.url + "/loker/daftar/pencari-kerja/")
    nik = make_nik(datetime.date(1998, 5, 17), "P", seq=79)
    fill_jobseeker_registration(page, nik)

    # A PDF over the limit cannot be made smaller: refused here, not after the upload.
    big_pdf = tmp_path / "ak1-scan.pdf"
    big_pdf.write_bytes(b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024))
    ak1 = field(page, "Fotokopi kartu AK/I")
    ak1.set_input_files(big_pdf)
    expect(page.get_by_text("File ini terlalu besar")).to_be_visible()
    assert ak1.evaluate("input => input.files.length") == 0

    ktp = field(page, "Fotokopi KTP")
    ktp.set_input_files(photo)
    expect(page.get_by_text("Foto sudah diperkecil di peramban Anda")).to_be_visible()
    sent = ktp.evaluate("input => input.files[0].size")
    assert sent < LIMIT
    field(page, "Saya belum punya kartu AK/I: terbitkan untuk saya").check()
    page.get_by_role("button", name="Berikutnya").click()
    expect(page.get_by_text("Langkah 6 dari 6")).to_be_visible()

    kept = PendingUpload.objects.get(field="ktp_scan")
    assert kept.file.size < LIMIT
    finish_jobseeker_registration_from_password_step(page)
    expect(page.get_by_role("heading", name="Periksa e-mail Anda")).to_be_visible()
    seeker = JobSeeker.objects.get(nik=nik)
    assert seeker.ktp_scan.size < LIMIT
    with seeker.ktp_scan.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()  # decodes: readable
    assert image.format == "JPEG" and max(image.size) <= 2000
    print(f"\nphone photo: {photo.stat().st_size / 1e6:.1f} MB chosen, {sent / 1e6:.2f} MB sent")


def finish_jobseeker_registration_from_password_step(page):
    field(page, "Kata sandi").fill("Kerja-Keras-2026")
    field(page, "Ulangi kata sandi").fill("Kerja-Keras-2026")
    page.get_by_role("button", name="Kirim pendaftaran saya").click()
