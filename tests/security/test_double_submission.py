"""Issue 16, item 14: a public form sent twice (a double click, a retry on a bad connection)
records once, and both sendings get the confirmation. Every public create form carries the
one-time token (portal.submissions)."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from akad_permits.models import PermitApplication
from complaints.models import Complaint
from jobboard.models import Application, JobSeeker, Vacancy
from tests.akad_permits.test_views import files, form_data
from tests.complaints.test_public import VALID
from tests.jobboard.factories import make_employer, make_seeker, make_vacancy
from tests.jobboard.test_registration import SEEKER_URL, seeker_files
from tests.jobboard.test_registration_steps import send, walk_to_documents
from tests.jobboard.test_vacancies import vacancy_data
from tests.offices import office_url

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def token_of(client, url):
    found = TOKEN.findall(client.get(url).text)
    assert len(found) == 1, "the form carries one submission token"
    return found[0]


@pytest.mark.django_db(transaction=True)
def test_the_same_complaint_sent_twice_at_once_is_recorded_once(office):
    client = Client()
    url = office_url("complaints:create")
    data = {**VALID, "submission_token": token_of(client, url)}
    barrier = threading.Barrier(2)
    answers = []

    def send():
        try:
            barrier.wait()
            response = client.post(url, data)
            answers.append((response.status_code, response.get("Location")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [(302, office_url("complaints:confirmation"))] * 2
    complaint = Complaint.objects.get()
    assert complaint.reference in client.get(office_url("complaints:confirmation")).text


@pytest.mark.django_db
def test_a_complaint_sent_again_later_shows_the_first_ones_confirmation(office):
    client = Client()
    url = office_url("complaints:create")
    data = {**VALID, "submission_token": token_of(client, url)}
    first = client.post(url, data)
    again = Client().post(url, data)  # a retry from a fresh connection, no session
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Complaint.objects.count() == 1
    # A new form (a new token) is a new complaint.
    client.post(url, {**VALID, "submission_token": token_of(client, url)})
    assert Complaint.objects.count() == 2


@pytest.mark.django_db
def test_a_registration_sent_twice_registers_once(client, upload, office):
    # In steps (issue 19): the last step, which registers, carries the token.
    walk_to_documents(client)
    send(client, "dokumen", files=seeker_files(upload))
    token = token_of(client, f"{SEEKER_URL}?langkah=6")
    answers = [send(client, "akun", submission_token=token) for _ in range(2)]
    assert [a["Location"] for a in answers] == [reverse("jobboard:registration_sent")] * 2
    assert JobSeeker.objects.count() == 1


@pytest.mark.django_db
def test_an_application_sent_twice_is_sent_once_and_both_confirmed(client, office):
    seeker = make_seeker()
    vacancy = make_vacancy()
    client.force_login(seeker.user)
    token = token_of(client, reverse("jobboard:vacancy_detail", args=[vacancy.pk]))
    url = reverse("jobboard:apply", args=[vacancy.pk])
    data = {"letter": "Saya berminat", "submission_token": token}
    answers = [client.post(url, data) for _ in range(2)]
    assert [a["Location"] for a in answers] == [reverse("jobboard:my_applications")] * 2
    assert Application.objects.count() == 1
    page = client.get(reverse("jobboard:my_applications")).text
    assert "sudah melamar" not in page


@pytest.mark.django_db
def test_a_vacancy_sent_twice_is_submitted_once(client, upload, office):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    url = reverse("jobboard:vacancy_create")
    token = token_of(client, url)
    for _ in range(2):
        letter = {"vacancy_letter": upload("pdf", "surat.pdf")}
        response = client.post(url, {**vacancy_data(), **letter, "submission_token": token})
        assert response["Location"] == reverse("jobboard:employer_vacancies")
    assert Vacancy.objects.filter(employer=employer).count() == 1


@pytest.mark.django_db
def test_a_token_replays_only_its_own_senders_answer(client, office):
    """Another account sending someone's token records its own (no cross-account replay)."""
    vacancy = make_vacancy()
    first, second = make_seeker(), make_seeker()
    url = reverse("jobboard:apply", args=[vacancy.pk])
    client.force_login(first.user)
    token = token_of(client, reverse("jobboard:vacancy_detail", args=[vacancy.pk]))
    client.post(url, {"submission_token": token})
    client.force_login(second.user)
    client.post(url, {"submission_token": token})
    assert Application.objects.filter(vacancy=vacancy).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("button", ["save", "submit"])
def test_an_akad_application_saved_or_submitted_twice_is_made_once(client, upload, office, button):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    url = reverse("akad_permits:application_create")
    data = form_data(**{button: "1", "submission_token": token_of(client, url)})
    answers = [client.post(url, data | files(upload)) for _ in range(2)]
    application = PermitApplication.objects.get()
    assert answers[0]["Location"] == answers[1]["Location"]
    assert application.positions.count() == 1
    assert application.status == ("submitted" if button == "submit" else "draft")
