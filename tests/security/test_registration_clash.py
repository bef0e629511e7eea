"""Issue 16, items 6 and 9: a registration that clashes with an existing account (the same
e-mail address or NIK, typed by a stranger, or sent twice at the same moment) tells the
person registering nothing, mails the owner instead, and leaves no upload behind."""

import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from jobboard.models import JobSeeker
from tests.conftest import make_nik
from tests.jobboard.test_registration import BIRTH, SEEKER_URL, seeker_data, seeker_files

SENT = reverse("jobboard:registration_sent")


def answer(client, response):
    """What the person registering sees: the status, where it leads, and that page."""
    page = client.get(response["Location"]) if response.status_code == 302 else response
    return response.status_code, response.get("Location"), page.status_code, page.text


def register(upload, data, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SEEKER_URL, {**data, **seeker_files(upload)})
    return answer(client, response)


@pytest.mark.django_db
@pytest.mark.parametrize("clash", ["email", "nik"])
def test_a_registered_email_or_nik_gets_the_answer_of_a_success_and_the_owner_is_mailed(
    upload, office, django_capture_on_commit_callbacks, make_user, clash
):
    fresh = register(
        upload,
        seeker_data(email="baru@example.com", nik=make_nik(BIRTH, "P", seq=7)),
        django_capture_on_commit_callbacks,
    )
    assert fresh[:3] == (302, SENT, 200) and JobSeeker.objects.count() == 1
    mail.outbox.clear()

    from tests.jobboard.factories import make_jobseeker

    owner = make_jobseeker(
        make_user("pemilik", email="pemilik@example.com"),
        nik=make_nik(BIRTH, "P", seq=42),
        birth_date=BIRTH,
        sex="P",
    )
    typed = {
        "email": seeker_data(email="pemilik@example.com", nik=make_nik(BIRTH, "P", seq=8)),
        "nik": seeker_data(email="penyusup@example.com"),  # seq=42: the owner's NIK
    }[clash]
    stranger = register(upload, typed, django_capture_on_commit_callbacks)

    assert stranger == fresh  # status, address, page: nothing tells them apart
    assert "sudah" not in stranger[3] and "terdaftar" not in stranger[3]
    assert JobSeeker.objects.count() == 2  # the fresh one and the owner: no third
    to_owner = [m for m in mail.outbox if m.to == ["pemilik@example.com"]]
    assert len(to_owner) == 1, [m.to for m in mail.outbox]
    body = to_owner[0].body
    assert "mencoba mendaftar" in body
    assert reverse("password_reset") in body
    assert typed["full_name"] not in body  # nothing the stranger typed is quoted
    owner.refresh_from_db()
    assert owner.user.check_password("x") is False and owner.user.email == "pemilik@example.com"
    if clash == "nik":  # the address typed gets a mail too, as after a success
        assert [m.to for m in mail.outbox if m not in to_owner] == [["penyusup@example.com"]]


def _private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same", ["nik", "email"])
def test_two_identical_registrations_at_once_give_one_account_two_answers_and_no_orphan_files(
    upload, office, same, monkeypatch
):
    """Two people (or one double click without the form's token) send the same NIK or the
    same e-mail address at the same moment: one account, both answered with the same page,
    and the private folder holds exactly the files of the row that stayed."""
    from jobboard.services import registration

    # Both requests pass the look-up before either writes: the race the unique index decides.
    checked = threading.Barrier(2)
    lookup = registration.registered_owners
    first_call = threading.local()

    def both_look_first(**kwargs):
        if not getattr(first_call, "done", False):
            first_call.done = True
            checked.wait(timeout=30)
        return lookup(**kwargs)

    monkeypatch.setattr(registration, "registered_owners", both_look_first)
    before = _private_files()
    datas = [
        seeker_data(email="satu@example.com", nik=make_nik(BIRTH, "P", seq=42)),
        seeker_data(email="dua@example.com", nik=make_nik(BIRTH, "P", seq=42)),
    ]
    if same == "email":
        datas[1] = seeker_data(email="satu@example.com", nik=make_nik(BIRTH, "P", seq=43))
    barrier = threading.Barrier(2)
    answers = []

    def send(data):
        client = Client()
        files = seeker_files(upload)
        try:
            barrier.wait()
            response = client.post(SEEKER_URL, {**data, **files})
            answers.append((response.status_code, response.get("Location")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(data,)) for data in datas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert answers == [(302, SENT), (302, SENT)]
    seeker = JobSeeker.objects.get()
    kept = {seeker.ktp_scan.name, seeker.ak1_scan.name}
    assert _private_files() - before == kept


@pytest.mark.django_db
@pytest.mark.parametrize("clash", ["email in other letters", "nib"])
def test_an_employer_registration_with_a_registered_email_or_nib_gets_the_answer_of_a_success(
    office, django_capture_on_commit_callbacks, make_user, clash
):
    from jobboard.models import Employer
    from tests.factories import make_employer
    from tests.jobboard.test_registration import EMPLOYER_URL, employer_data

    def send(data):
        client = Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(EMPLOYER_URL, data)
        return answer(client, response)

    fresh = send(employer_data(email="baru@pt.example", nib="9120005550001"))
    assert fresh[:3] == (302, SENT, 200) and Employer.objects.count() == 1
    mail.outbox.clear()
    make_employer(make_user("pemilik", email="hrd@pemilik.example"), nib="9120005550002")
    typed = {
        "email in other letters": employer_data(email="HRD@Pemilik.Example", nib="9120005550003"),
        "nib": employer_data(email="penyusup@pt.example", nib="9120005550002"),
    }[clash]
    stranger = send(typed)

    assert stranger == fresh
    assert Employer.objects.count() == 2
    to_owner = [m for m in mail.outbox if m.to == ["hrd@pemilik.example"]]
    assert len(to_owner) == 1, [m.to for m in mail.outbox]
    assert "mencoba mendaftar" in to_owner[0].body
    assert typed["company_name"] not in to_owner[0].body
