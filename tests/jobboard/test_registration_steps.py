"""Issue 19, item 1: registering as a job seeker in short steps. Each step is checked alone,
going back keeps everything, chosen files are kept (privately, for this session only) across
errors and steps, the last step registers exactly as the one-page form did, and files of
registrations never finished are removed."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from background import schedule
from jobboard.forms.registration_steps import EMPLOYER_STEPS, JOBSEEKER_STEPS
from jobboard.models import Employer, JobSeeker
from portal import pending_uploads
from portal.models import PendingUpload
from portal.tasks import discard_abandoned_uploads
from tests.conftest import PDF_BYTES, make_nik
from tests.jobboard.test_registration import (
    BIRTH,
    EMPLOYER_URL,
    SEEKER_URL,
    employer_data,
    seeker_data,
)

pytestmark = pytest.mark.django_db

STEP_FIELDS = {step.slug: step.fields for step in JOBSEEKER_STEPS}


def send(client, slug, data=None, files=None, action="next", **extra):
    values = {k: v for k, v in (data or seeker_data()).items() if k in STEP_FIELDS[slug]}
    return client.post(
        SEEKER_URL,
        {"wizard_step": slug, "wizard_action": action, **values, **(files or {}), **extra},
    )


def step_url(number):
    return f"{SEEKER_URL}?langkah={number}"


def walk_to_documents(client, data=None):
    for slug in ("nik", "identitas", "alamat", "pendidikan"):
        response = send(client, slug, data)
        assert response.status_code == 302, (slug, response.context["form"].errors)


def test_six_steps_register_exactly_as_the_one_page_form(
    client, upload, django_capture_on_commit_callbacks
):
    page = client.get(SEEKER_URL).text
    assert "Langkah 1 dari 6" in page and 'name="nik"' in page and 'name="full_name"' not in page
    walk_to_documents(client)
    assert "Langkah 5 dari 6" in client.get(step_url(5)).text
    files = {"ktp_scan": upload("pdf", "ktp-siti.pdf"), "ak1_scan": upload("png", "ak1.png")}
    assert send(client, "dokumen", files=files)["Location"] == step_url(6)
    assert PendingUpload.objects.count() == 2
    stored = list(PendingUpload.objects.values_list("file", flat=True))
    page = client.get(step_url(6))
    assert 'name="password1"' in page.text and "submission_token" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, "akun", submission_token="a" * 32)
    assert response["Location"] == reverse("jobboard:registration_sent")
    seeker = JobSeeker.objects.get()
    assert seeker.full_name == "Siti Aminah" and seeker.birth_date == BIRTH and seeker.is_waiting
    assert seeker.user.check_password("Kerja-Keras-2026")
    assert seeker.ktp_scan.name.startswith("jobseekers/ktp/") and seeker.ak1_scan.name.endswith(
        ".png"
    )
    with seeker.ktp_scan.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    # The kept files went to the record: no row and no file of them is left.
    assert not PendingUpload.objects.exists()
    assert not any(default_storage.exists(name) for name in stored)
    assert "jobboard:register_jobseeker" not in client.session


def test_the_nik_fills_the_birth_date_and_sex_and_says_the_region(client, office):
    nik = make_nik(BIRTH, "P", seq=42)
    send(client, "nik")
    page = client.get(step_url(2))
    form = page.context["form"]
    assert form["birth_date"].value() == BIRTH and form["sex"].value() == "P"
    assert "Yang tertulis pada NIK Anda" in page.text and office.region_code == nik[:4]
    assert f"({nik[:4]})" in page.text


def test_a_birth_date_not_in_the_nik_is_refused_on_the_identity_step(client):
    send(client, "nik")
    response = send(client, "identitas", seeker_data(birth_date="1998-05-18"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "tidak sesuai dengan tanggal lahir 18-05-1998" in " ".join(errors["birth_date"])
    # the summary links the message to its field, and takes the focus
    assert 'href="#id_birth_date"' in response.text and "data-focus-on-load" in response.text
    response = send(client, "identitas", seeker_data(sex="L"))
    assert "perempuan" in " ".join(response.context["form"].errors["sex"])


def test_a_step_cannot_be_skipped(client):
    assert "Langkah 1 dari 6" in client.get(step_url(5)).text
    send(client, "nik")
    assert "Langkah 2 dari 6" in client.get(step_url(6)).text
    response = send(client, "pendidikan")
    assert response["Location"] == step_url(2)


def test_a_nik_changed_later_shows_the_step_it_no_longer_matches(client):
    walk_to_documents(client)
    send(client, "nik", seeker_data(nik=make_nik(BIRTH.replace(day=18), "P", seq=42)))
    page = client.get(step_url(5))
    assert "Langkah 2 dari 6" in page.text
    assert "tidak sesuai dengan tanggal lahir" in " ".join(
        page.context["form"].errors["birth_date"]
    )


def test_going_back_keeps_everything_typed(client):
    walk_to_documents(client)
    # back from step 3 with a change not yet checked: kept, and shown again
    response = send(client, "alamat", seeker_data(phone="0812 0000 1111"), action="back")
    assert response["Location"] == step_url(2)
    form = client.get(step_url(2)).context["form"]
    assert form["full_name"].value() == "Siti Aminah" and form["religion"].value() == "islam"
    form = client.get(step_url(3)).context["form"]
    assert form["phone"].value() == "0812 0000 1111" and form["city"].value() == "Kota Probolinggo"
    form = client.get(step_url(4)).context["form"]
    assert form["skills"].value() == "Microsoft Excel, kasir" and form["discoverable"].value()


def test_a_chosen_file_is_kept_across_an_error_and_the_steps(client, upload):
    walk_to_documents(client)
    # the KTP is good; the AK/I is missing: refused, but the KTP is not asked for again
    response = send(client, "dokumen", files={"ktp_scan": upload("pdf", "ktp-siti.pdf")})
    assert response.status_code == 200
    assert "ak1_scan" in response.context["form"].errors
    assert "ktp-siti.pdf" in response.text and "pilih lagi file berikut" not in response.text
    assert "Ganti" in response.text
    assert PendingUpload.objects.get().field == "ktp_scan"
    # a refused file is not kept, and is named as the one to choose again
    response = send(
        client, "dokumen", files={"ak1_scan": upload("exe", "ak1.pdf")}, ak1_requested=""
    )
    assert "bukan dokumen" in " ".join(response.context["form"].errors["ak1_scan"])
    assert "pilih lagi file berikut" in response.text
    assert set(PendingUpload.objects.values_list("field", flat=True)) == {"ktp_scan"}
    # no file chosen this time: the kept KTP counts
    response = send(client, "dokumen", {**seeker_data(), "ak1_requested": "on"})
    assert response["Location"] == step_url(6), response.context["form"].errors
    # back to step 2 and forward again: still there
    send(client, "identitas")
    assert "ktp-siti.pdf" in client.get(step_url(5)).text


def test_a_wrong_password_on_the_last_step_asks_for_no_file_again(client, upload):
    walk_to_documents(client)
    send(
        client,
        "dokumen",
        files={"ktp_scan": upload("pdf", "ktp.pdf"), "ak1_scan": upload("png", "ak1.png")},
    )
    response = send(client, "akun", seeker_data(password2="lain-lagi-2026"))
    assert response.status_code == 200
    assert "tidak sama" in " ".join(response.context["form"].errors["password2"])
    assert PendingUpload.objects.count() == 2 and not JobSeeker.objects.exists()
    response = send(client, "akun")
    assert response["Location"] == reverse("jobboard:registration_sent")
    assert JobSeeker.objects.get().ak1_scan


def test_sent_twice_registers_once(client, upload):
    walk_to_documents(client)
    send(client, "dokumen", files={"ktp_scan": upload("pdf"), "ak1_scan": upload("png")})
    token = "t" * 32
    first = send(client, "akun", submission_token=token)
    second = send(client, "akun", submission_token=token)
    assert first["Location"] == second["Location"] == reverse("jobboard:registration_sent")
    assert JobSeeker.objects.count() == 1


def test_another_session_cannot_read_a_pending_upload(client, upload, make_user):
    walk_to_documents(client)
    send(client, "dokumen", files={"ktp_scan": upload("pdf", "ktp-siti.pdf")})
    row = PendingUpload.objects.get()
    assert len(row.owner) == 64 and client.session.session_key not in row.owner

    stranger = Client()
    walk_to_documents(
        stranger, seeker_data(nik=make_nik(BIRTH, "P", seq=43), email="x@example.com")
    )
    page = stranger.get(step_url(5)).text
    assert "ktp-siti.pdf" not in page
    # the same token from another session finds nothing
    request = stranger.get(step_url(5)).wsgi_request
    token = client.session["jobboard:register_jobseeker"]["token"]
    assert pending_uploads.kept_files(request, token) == {}
    # and no address serves it
    download = reverse("portal:download", args=["portal.PendingUpload", row.pk, "file"])
    assert stranger.get(download).status_code == 302  # to the log-in
    stranger.force_login(make_user("someone"))
    assert stranger.get(download).status_code == 404


def test_files_of_registrations_never_finished_are_removed(
    client, upload, django_capture_on_commit_callbacks
):
    walk_to_documents(client)
    send(client, "dokumen", files={"ktp_scan": upload("pdf"), "ak1_scan": upload("png")})
    old, young = PendingUpload.objects.order_by("pk")
    PendingUpload.objects.filter(pk=old.pk).update(
        created_at=old.created_at - datetime.timedelta(hours=25)
    )
    assert default_storage.exists(old.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        result = discard_abandoned_uploads.call()
    assert result == {"discarded": 1}
    assert list(PendingUpload.objects.all()) == [young]
    assert not default_storage.exists(old.file.name) and default_storage.exists(young.file.name)
    [entry] = [e for e in schedule.SCHEDULE if e.task == "portal.tasks.discard_abandoned_uploads"]
    assert entry.every == 3600


# --- employers: company, contact, password ---------------------------------------------------

EMPLOYER_FIELDS = {step.slug: step.fields for step in EMPLOYER_STEPS}


def send_employer(client, slug, data=None, **extra):
    values = {k: v for k, v in (data or employer_data()).items() if k in EMPLOYER_FIELDS[slug]}
    return client.post(
        EMPLOYER_URL, {"wizard_step": slug, "wizard_action": "next", **values, **extra}
    )


def test_an_employer_registers_in_three_steps(client):
    page = client.get(EMPLOYER_URL).text
    assert "Langkah 1 dari 3" in page and 'name="company_name"' in page
    assert 'name="password1"' not in page
    response = send_employer(client, "perusahaan", employer_data(npwp="01.234.567.5-901.000"))
    assert "NPWP" in response.text and response.status_code == 200  # checked on its step
    assert 'href="#id_npwp"' in response.text
    assert send_employer(client, "perusahaan")["Location"] == f"{EMPLOYER_URL}?langkah=2"
    assert send_employer(client, "kontak")["Location"] == f"{EMPLOYER_URL}?langkah=3"
    response = send_employer(client, "akun", employer_data(password2="lain-lagi-2026"))
    assert "tidak sama" in " ".join(response.context["form"].errors["password2"])
    response = send_employer(client, "akun")
    assert response["Location"] == reverse("jobboard:registration_sent")
    employer = Employer.objects.get()
    assert employer.npwp == "012345674901000" and employer.contact_person == "Hendra Wijaya"
    assert employer.user.check_password("Rekrut-Baik-2026")
