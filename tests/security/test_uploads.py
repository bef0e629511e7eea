"""Uploads through the real forms: judged by content, size-limited, stored under a random name
inside PRIVATE_MEDIA_ROOT, and served only as an attachment with nosniff.

Three forms carry personal or company documents: the job seeker's registration (KTP, AK/I),
the employer's vacancy (the signed vacancy letter) and the AKAD application (four attachments).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from akad_permits.models import PermitApplication
from jobboard.models import JobSeeker, Vacancy
from tests.akad_permits.test_views import files as akad_files
from tests.akad_permits.test_views import form_data as akad_data
from tests.conftest import PDF_BYTES
from tests.factories import make_employer
from tests.jobboard.test_registration import seeker_data
from tests.jobboard.test_vacancies import vacancy_data
from tests.security.test_active_pdf import document, serialise

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
PDF_WITH_JAVASCRIPT = serialise(
    document(catalog=b"/OpenAction<</S/JavaScript/JS(app.alert\\('x'\\))>>")
)
NOT_A_DOCUMENT = "bukan dokumen PDF, JPG, PNG yang sah"

# (what is sent, its name, the Indonesian message that must sit on the field)
BAD_FILES = {
    "renamed-executable": (b"MZ\x90\x00\x03" + b"\x00" * 200, "scan.pdf", NOT_A_DOCUMENT),
    "html-called-pdf": (
        b"<html><body><script>alert(1)</script></body></html>",
        "scan.pdf",
        NOT_A_DOCUMENT,
    ),
    "pdf-with-javascript": (PDF_WITH_JAVASCRIPT, "scan.pdf", "PDF ini berisi skrip"),
    "six-megabytes": (PDF_BYTES + b"0" * (6 * MB), "scan.pdf", "Berkas terlalu besar"),
}


def bad(kind):
    content, name, _message = BAD_FILES[kind]
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def good(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def active_employer_client(client, office):
    employer = make_employer(status="active", company_name="PT Karya Abadi Sejahtera")
    client.force_login(employer.user, backend="portal.backends.EmailOrUsernameBackend")
    client.employer = employer
    return client


# --- each form, in the shape the person fills it ------------------------------------------


def post_registration(client, document):
    data = seeker_data()
    files = {"ktp_scan": document, "ak1_scan": good("ak1.pdf")}
    return data, client.post(reverse("jobboard:register_jobseeker"), {**data, **files})


def post_vacancy(client, document):
    data = vacancy_data()
    return data, client.post(
        reverse("jobboard:vacancy_create"), {**data, "vacancy_letter": document}
    )


def post_akad(client, document):
    data = akad_data(submit="1")
    files = akad_files(lambda _kind: good())
    files["recommendation_file"] = document
    return data, client.post(reverse("akad_permits:application_create"), {**data, **files})


FORMS = {
    # form: (poster, the file field, fields typed by the person that must come back, model)
    "jobseeker-registration": (
        post_registration,
        "ktp_scan",
        ["full_name", "nik", "address", "skills", "desired_job"],
        JobSeeker,
    ),
    "vacancy-letter": (post_vacancy, "vacancy_letter", ["title", "description", "skills"], Vacancy),
    "akad-attachment": (
        post_akad,
        "recommendation_file",
        ["user_company", "recommendation_number", "assignment_person"],
        PermitApplication,
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("form_name", list(FORMS))
def test_a_bad_file_is_refused_on_its_field_and_the_rest_of_the_form_is_kept(
    form_name, kind, client, office, request
):
    if form_name != "jobseeker-registration":
        client = request.getfixturevalue("active_employer_client")
    post, field, typed, model = FORMS[form_name]
    data, response = post(client, bad(kind))

    assert response.status_code == 200, f"{kind} was accepted by {form_name}"
    form = response.context["form"]
    errors = " ".join(form.errors.get(field, []))
    assert BAD_FILES[kind][2] in errors, form.errors
    assert list(form.errors) == [field], f"only the file is wrong: {form.errors}"
    page = response.content.decode()
    for name in typed:
        assert str(form[name].value()) == data[name], name
        assert escape(data[name]) in page, name
    assert not model.objects.exists()


def stored_path(fieldfile):
    return (Path(settings.PRIVATE_MEDIA_ROOT) / fieldfile.name).resolve()


@pytest.mark.parametrize("form_name", list(FORMS))
def test_a_path_in_the_file_name_is_dropped_for_a_random_name_inside_the_private_root(
    form_name, client, office, request
):
    if form_name != "jobseeker-registration":
        client = request.getfixturevalue("active_employer_client")
    post, field, _typed, model = FORMS[form_name]
    _data, response = post(client, good("../../etc/passwd.pdf"))
    assert response.status_code == 302, (
        getattr(response, "context", {}) and response.context["form"].errors
    )
    stored = getattr(model.objects.get(), field)
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    path = stored_path(stored)
    assert path.is_relative_to(root), path
    assert path.is_file()
    assert ".." not in stored.name and "passwd" not in stored.name and "etc" not in stored.name
    folder, filename = stored.name.rsplit("/", 1)
    assert len(filename) == len("0123456789abcdef0123456789abcdef.pdf")  # uuid4 hex + .pdf
    assert not (root.parent / "etc" / "passwd.pdf").exists()


def test_the_stored_file_is_served_only_as_an_attachment_with_nosniff(client, office):
    _data, response = post_registration(client, good("ktp.pdf"))
    assert response.status_code == 302
    seeker = JobSeeker.objects.get()
    url = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])

    client.force_login(seeker.user)  # the registered person, logged in
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == PDF_BYTES

    # no other way leads to the file: not the static URL, not the storage's base URL
    name = seeker.ktp_scan.name
    for guess in (
        f"/{settings.STATIC_URL}{name}",
        f"/unused-private/{name}",
        f"/media/{name}",
        f"/var/private/{name}",
    ):
        assert client.get(guess.replace("//", "/")).status_code == 404, guess

    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_an_upload_with_a_foreign_extension_is_stored_without_it(office):
    """A name the portal does not know gets the neutral '.bin' (never served as its type)."""
    from portal.files import PrivateUploadTo, content_type_for

    name = PrivateUploadTo("jobseekers/ktp")(None, "../../evil.html")
    assert name.startswith("jobseekers/ktp/") and name.endswith(".bin")
    assert content_type_for(name) == "application/octet-stream"
