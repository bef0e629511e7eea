import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal import roles
from portal.files import validate_document
from tests.factories import make_jobseeker

pytestmark = pytest.mark.django_db


def download_url(seeker, field="ktp_scan"):
    return reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, field])


def test_anonymous_is_sent_to_login(client):
    seeker = make_jobseeker()
    response = client.get(download_url(seeker))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_owner_downloads_own_document_as_attachment(client):
    seeker = make_jobseeker()
    client.force_login(seeker.user)
    response = client.get(download_url(seeker))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_job_seeker_is_refused(client):
    seeker, other = make_jobseeker(), make_jobseeker()
    client.force_login(other.user)
    assert client.get(download_url(seeker)).status_code == 403


def test_officer_with_permission_reads_and_without_is_refused(client, make_user):
    seeker = make_jobseeker()
    client.force_login(make_user("pak", role=roles.JOB_PLACEMENT_OFFICER))
    assert client.get(download_url(seeker)).status_code == 200
    client.force_login(make_user("bu", role=roles.COMPLAINT_OFFICER))
    assert client.get(download_url(seeker)).status_code == 403


def test_fields_that_are_not_private_files_and_unknown_models_are_not_found(client):
    seeker = make_jobseeker()
    client.force_login(seeker.user)
    assert (
        client.get(
            reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "nik"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("portal:download", args=["portal.User", seeker.user.pk, "password"])
        ).status_code
        == 404
    )
    assert client.get(reverse("portal:download", args=["nope.Nope", 1, "x"])).status_code == 404


def test_empty_optional_file_is_not_found(client):
    seeker = make_jobseeker()
    client.force_login(seeker.user)
    assert client.get(download_url(seeker, "cv")).status_code == 404


def test_files_are_stored_outside_static_with_a_random_name(settings):
    seeker = make_jobseeker()
    path = seeker.ktp_scan.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.STATIC_ROOT))
    assert "ktp" not in seeker.ktp_scan.name.rsplit("/", 1)[-1]


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_valid_documents_pass(upload, kind):
    validate_document(upload(kind))


@pytest.mark.parametrize(
    ("kind", "name", "code"),
    [
        ("exe", "setup.pdf", "invalid_file_type"),
        ("html", "letter.pdf", "invalid_file_type"),
        ("png", "photo.pdf", "extension_mismatch"),
    ],
)
def test_wrong_types_are_refused_by_content(upload, kind, name, code):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(kind, name=name))
    assert error.value.code == code


def test_pdf_with_javascript_is_refused(upload):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.security.test_active_pdf import document, serialise

    # A file a viewer reads (with its cross-reference table); tests/security/test_active_pdf.py
    # has every other active entry, spelling and compression.
    evil = SimpleUploadedFile(
        "x.pdf", serialise(document(catalog=b"/OpenAction<</S/JavaScript/JS(app.alert\\(1\\))>>"))
    )
    with pytest.raises(ValidationError) as error:
        validate_document(evil)
    assert error.value.code == "active_pdf"


def test_oversized_file_is_refused_with_an_indonesian_message(upload):
    from django.utils import translation

    with translation.override("id"), pytest.raises(ValidationError) as error:
        validate_document(upload("pdf", size=6 * 1024 * 1024))
    assert error.value.code == "file_too_large"
    assert "Berkas terlalu besar" in str(error.value.messages[0])
    assert "maksimal 5,0" in error.value.messages[0]
