"""One job market over many offices (issue 15, item 5), on the two-office demo.

A job seeker of Kabupaten Lumajang applies to a Kota Probolinggo employer's vacancy; each
vacancy is published by an officer of its employer's office only; employers find consenting
job seekers of every office; a job seeker's record, documents and AK/I card stay with that
person's office.
"""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from jobboard import services
from jobboard.models import Application, Employer, JobSeeker, Vacancy
from portal.demo import demo_lumajang, demo_office

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(roles_synced):
    call_command("load_demo", stdout=io.StringIO())


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _client_of(username):
    from django.test import Client

    client = Client()
    client.force_login(_user(username))
    return client


def _refused(response):
    return response.status_code in (403, 404)


def test_a_lumajang_job_seeker_applies_to_a_probolinggo_vacancy(demo):
    vacancy = Vacancy.objects.get(title="Juru Las Konstruksi")
    assert vacancy.office_id == demo_office().pk
    seeker = JobSeeker.objects.get(user__username="lmj-pencaker2")
    assert seeker.office_id == demo_lumajang().pk

    response = _client_of("lmj-pencaker2").post(
        reverse("jobboard:apply", args=[vacancy.pk]), follow=True
    )
    assert response.status_code == 200
    application = Application.objects.get(jobseeker=seeker, vacancy=vacancy)
    assert application.office_id == demo_office().pk  # the vacancy's office
    seeker.refresh_from_db()
    assert seeker.office_id == demo_lumajang().pk  # the person stays Lumajang's

    # The Probolinggo employer sees the applicant on his vacancy's page.
    page = _client_of("perusahaan").get(reverse("jobboard:vacancy_applicants", args=[vacancy.pk]))
    assert "Nur Aini Rahmawati" in page.text

    # Probolinggo's officers see the application, Lumajang's do not.
    changelist = reverse("admin:jobboard_application_changelist")
    change = reverse("admin:jobboard_application_change", args=[application.pk])
    probolinggo = _client_of("antarkerja")
    assert "Nur Aini Rahmawati" in probolinggo.get(changelist).text
    assert probolinggo.get(change).status_code == 200
    lumajang = _client_of("lmj-antarkerja")
    assert "Nur Aini Rahmawati" not in lumajang.get(changelist).text
    assert _refused(lumajang.get(change))


def test_a_vacancy_is_published_only_by_an_officer_of_its_employers_office(demo):
    employer = Employer.objects.get(user__username="perusahaan")
    vacancy = Vacancy.objects.get(title="Teknisi Jaringan Komputer")
    vacancy = Vacancy.objects.create(
        **{
            f.name: getattr(vacancy, f.name)
            for f in Vacancy._meta.concrete_fields
            if f.name
            in (
                "position",
                "openings_any",
                "min_education",
                "skills",
                "place",
                "work_type",
                "description",
                "closing_date",
                "vacancy_letter",
            )
        },
        employer=employer,
        title="Teknisi Mesin Pendingin",
    )
    assert vacancy.office_id == demo_office().pk and vacancy.status == "submitted"

    with pytest.raises(PermissionDenied):
        services.publish_vacancy(vacancy, actor=_user("lmj-antarkerja"))
    vacancy.refresh_from_db()
    assert vacancy.status == "submitted" and vacancy.decided_by is None

    # nor through the admin's action: the vacancy is not in Lumajang's list at all
    lumajang = _client_of("lmj-antarkerja")
    changelist = reverse("admin:jobboard_vacancy_changelist")
    assert "Teknisi Mesin Pendingin" not in lumajang.get(changelist).text
    lumajang.post(changelist, {"action": "publish_selected", "_selected_action": [vacancy.pk]})
    vacancy.refresh_from_db()
    assert vacancy.status == "submitted"

    services.publish_vacancy(vacancy, actor=_user("antarkerja"))
    vacancy.refresh_from_db()
    assert vacancy.status == "published" and vacancy.decided_by.username == "antarkerja"


def test_employers_find_consenting_job_seekers_of_every_office(demo, client):
    JobSeeker.objects.filter(user__username="lmj-pencaker1").update(discoverable=False)
    found = _client_of("perusahaan").get(reverse("jobboard:candidate_search")).text
    assert "Nur Aini Rahmawati" in found  # Lumajang's, consenting
    assert "Rina Wulandari" in found  # Probolinggo's own
    assert "Wahyu Hidayat" not in found  # Lumajang's, withdrew consent
    # and Lumajang's employer finds Probolinggo's job seekers
    found = _client_of("lmj-perusahaan").get(reverse("jobboard:candidate_search")).text
    assert "Agus Setiawan" in found and "Nur Aini Rahmawati" in found
    seeker = JobSeeker.objects.get(user__username="lmj-pencaker2")
    detail = _client_of("perusahaan").get(reverse("jobboard:candidate_detail", args=[seeker.pk]))
    assert detail.status_code == 200 and "perawatan pasien" in detail.text


def test_a_job_seekers_record_documents_and_card_stay_with_the_persons_office(demo):
    seeker = JobSeeker.objects.get(user__username="lmj-pencaker2")
    card = seeker.ak1_card
    assert card.number.startswith("AK1-LMJ/")  # Lumajang's own numbering
    pages = [
        reverse("admin:jobboard_jobseeker_change", args=[seeker.pk]),
        reverse("portal:download", args=["jobboard.jobseeker", seeker.pk, "ktp_scan"]),
        reverse("jobboard:ak1_pdf", args=[card.pk]),
    ]
    # Her application to a Probolinggo vacancy does not open her record to Probolinggo.
    services.apply(Vacancy.objects.get(title="Juru Las Konstruksi"), actor=seeker.user)
    for username in ("antarkerja", "kasi", "kadis"):
        probolinggo = _client_of(username)
        for url in pages:
            assert _refused(probolinggo.get(url)), (username, url)
    assert "Nur Aini Rahmawati" not in (
        _client_of("antarkerja").get(reverse("admin:jobboard_jobseeker_changelist")).text
    )
    lumajang = _client_of("lmj-antarkerja")
    for url in pages:
        assert lumajang.get(url).status_code == 200, url
