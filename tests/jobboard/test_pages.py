"""Every page of the job exchange renders, in Indonesian and in English, for whom it is meant."""

import pytest
from django.urls import reverse

from jobboard import services
from tests.jobboard.factories import make_application, make_employer, make_jobseeker, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(officer):
    application = make_application()
    vacancy = application.vacancy
    seeker = application.jobseeker
    services.save_candidate(seeker, actor=vacancy.employer.user, note="catatan")
    return {"vacancy": vacancy, "seeker": seeker, "employer": vacancy.employer}


def pages(world):
    v, s = world["vacancy"], world["seeker"]
    return {
        None: [
            reverse("jobboard:vacancy_list"),
            reverse("jobboard:vacancy_list") + "?q=operator&education=SMK",
            reverse("jobboard:vacancy_detail", args=[v.pk]),
            reverse("jobboard:register_jobseeker"),
            reverse("jobboard:register_employer"),
        ],
        "seeker": [
            reverse("jobboard:my_status"),
            reverse("jobboard:profile_edit"),
            reverse("jobboard:my_applications"),
            reverse("jobboard:vacancy_detail", args=[v.pk]),
        ],
        "employer": [
            reverse("jobboard:my_status"),
            reverse("jobboard:profile_edit"),
            reverse("jobboard:employer_vacancies"),
            reverse("jobboard:vacancy_create"),
            reverse("jobboard:vacancy_applicants", args=[v.pk]),
            reverse("jobboard:candidate_search"),
            reverse("jobboard:candidate_detail", args=[s.pk]),
            reverse("jobboard:shortlist"),
        ],
    }


@pytest.mark.parametrize(("language", "marker"), [("id", 'lang="id"'), ("en", 'lang="en"')])
def test_every_page_renders_in_both_languages(client, world, language, marker):
    users = {None: None, "seeker": world["seeker"].user, "employer": world["employer"].user}
    for who, urls in pages(world).items():
        client.logout()
        if users[who]:
            client.force_login(users[who])
        client.cookies["django_language"] = language  # logout() drops the cookies
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            assert marker in response.content.decode(), url
    english = client.get(reverse("jobboard:shortlist")).content.decode()
    assert ("Saved job seekers" in english) == (language == "en")


def test_account_links_lead_a_waiting_person_straight_to_the_state(client):
    seeker = make_jobseeker()
    client.force_login(seeker.user)
    response = client.get(reverse("portal:dashboard"))
    assert response["Location"] == reverse("jobboard:my_status")


def test_active_employer_dashboard_lists_its_pages(client):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    html = client.get(reverse("portal:dashboard"), follow=True).content.decode()
    for label in ("Pasang lowongan", "Cari pencari kerja", "Pencari kerja tersimpan"):
        assert label in html


def test_employer_closes_its_vacancy_early(client):
    vacancy = make_vacancy()
    client.force_login(vacancy.employer.user)
    confirm = client.get(reverse("jobboard:vacancy_close", args=[vacancy.pk]))
    assert "tidak menerima lamaran lagi" in confirm.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.status == "published"  # asking closes nothing
    client.post(reverse("jobboard:vacancy_close", args=[vacancy.pk]))
    vacancy.refresh_from_db()
    assert vacancy.status == "closed"
    detail = client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Lowongan ini sudah ditutup" in detail
    assert client.get(reverse("jobboard:vacancy_list")).context["page"].paginator.count == 0
