"""Attack: a small image file that announces a huge picture (a decompression bomb).

A 172 KB PNG of 13,300 x 13,300 pixels used to be accepted as a photo; every AK/I card render
then decoded 530 MB. Images are now judged by the size in their header before a pixel is
decoded, and stored re-encoded at a bounded size, so rendering costs the same whatever came in.
"""

import io
import struct
import time
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from jobboard.models import JobSeeker
from jobboard.services.ak1_pdf import render_card
from portal import roles
from portal.files import MAX_IMAGE_PIXELS, STORED_IMAGE_SIDE
from portal.pdf import image_data_uri
from tests.jobboard.ak1_helpers import issued_card
from tests.jobboard.test_registration import SEEKER_URL, seeker_data, seeker_files

pytestmark = pytest.mark.django_db


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.fixture(scope="module")
def bomb_png():
    """13,300 x 13,300 grey pixels, all zero: about 172 KB on disk, 177 MB once decoded."""
    side = 13_300
    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)  # filter byte + pixels
    idat = b"".join(compressor.compress(row * 100) for _ in range(side // 100))
    idat += compressor.compress(row * (side % 100)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


def camera_photo(width=4000, height=3000, orientation=6):
    """A phone photo: 12 megapixels, turned by its EXIF orientation, with maker and GPS tags."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {2: (7.0, 45.0, 0.0)}  # GPS latitude: where the person lives
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def register(client, upload, photo, name="foto.png"):
    files = seeker_files(upload, photo=SimpleUploadedFile(name, photo, content_type="image/png"))
    return client.post(SEEKER_URL, {**seeker_data(), **files})


def test_the_bomb_is_small_on_disk_and_huge_once_decoded(bomb_png):
    assert len(bomb_png) < 250_000
    assert 4 * MAX_IMAGE_PIXELS < 13_300 * 13_300


def test_a_decompression_bomb_is_refused_fast_on_the_form(client, upload, bomb_png):
    from django.utils import translation

    with translation.override("id"):
        started = time.perf_counter()
        response = register(client, upload, bomb_png)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "photo" in errors
    assert "terlalu besar" in errors["photo"][0] and "177 megapiksel" in errors["photo"][0]
    assert not JobSeeker.objects.exists()
    assert elapsed < 3, f"the refusal took {elapsed:.1f} s: the image was decoded"


def test_a_bomb_is_refused_as_a_scan_too(client, upload, bomb_png):
    files = seeker_files(upload, ak1_scan=SimpleUploadedFile("ak1.png", bomb_png))
    response = client.post(SEEKER_URL, {**seeker_data(), **files})
    assert "ak1_scan" in response.context["form"].errors
    assert not JobSeeker.objects.exists()


def test_a_large_photo_is_stored_re_encoded_small_turned_and_without_metadata(
    client, upload, office
):
    photo = camera_photo()
    response = register(client, upload, photo, name="foto.jpg")
    assert response.status_code == 302, response.context["form"].errors
    seeker = JobSeeker.objects.get()
    with seeker.photo.open("rb") as handle:
        stored = handle.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert max(image.size) == STORED_IMAGE_SIDE
    assert image.size == (1500, 2000)  # orientation 6: the 4000 x 3000 photo stands upright
    assert not image.getexif(), "EXIF (maker, GPS position) was kept"
    assert len(stored) < len(photo) / 3 and len(stored) < 500_000


def test_every_stored_image_is_bounded_whatever_path_wrote_it(tmp_path):
    big = io.BytesIO()
    Image.new("RGB", (6000, 5000), (10, 120, 200)).save(big, "PNG")
    name = default_storage.save("jobseekers/photo/direct.png", ContentFile(big.getvalue()))
    try:
        with default_storage.open(name) as handle:
            image = Image.open(handle)
            assert image.format == "PNG" and max(image.size) == STORED_IMAGE_SIDE
    finally:
        default_storage.delete(name)


def _render_seconds(card):
    started = time.perf_counter()
    render_card(card)
    return time.perf_counter() - started


def test_the_ak1_card_costs_the_same_whatever_photo_was_uploaded(make_user, roles_synced, upload):
    officer = make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER)
    small = issued_card(officer)
    small.jobseeker.photo.save("foto.png", upload("png", "foto.png"))
    large = issued_card(officer)
    photo = io.BytesIO()
    # The largest picture accepted (36 megapixels), uploaded the way a form stores it.
    Image.linear_gradient("L").resize((6000, 6000)).save(photo, "PNG")
    large.jobseeker.photo.save("foto.png", ContentFile(photo.getvalue()))
    _render_seconds(small)  # warm WeasyPrint's fonts
    baseline = min(_render_seconds(small) for _ in range(2))
    cost = min(_render_seconds(large) for _ in range(2))
    assert cost < baseline + 1.0, f"{cost:.2f} s with the large photo, {baseline:.2f} s without"


def test_a_bomb_stored_before_the_bound_is_left_out_of_the_card(make_user, roles_synced, bomb_png):
    officer = make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER)
    card = issued_card(officer)
    seeker = card.jobseeker
    # Written as the old code did, without re-encoding.
    from django.conf import settings

    raw = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
    seeker.photo.name = raw.save("jobseekers/photo/old-bomb.png", ContentFile(bomb_png))
    seeker.save(update_fields=["photo"])
    try:
        assert image_data_uri(seeker.photo) is None
        assert _render_seconds(card) < 5
    finally:
        raw.delete(seeker.photo.name)


def test_the_card_page_still_embeds_a_normal_photo(client, make_user, roles_synced, upload):
    officer = make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER)
    card = issued_card(officer)
    seeker = card.jobseeker
    seeker.photo.save("foto.jpg", ContentFile(camera_photo(800, 600, orientation=1)))
    # the card prints its frozen copy: refreeze it as an officer's accepted change would
    from django.utils import timezone

    from jobboard.services.ak1_snapshot import freeze_card

    freeze_card(card, now=timezone.now())
    card.save()
    client.force_login(seeker.user)
    response = client.get(reverse("jobboard:ak1_pdf", args=[card.pk]))
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(response.content)).pages[0].images) == 1
