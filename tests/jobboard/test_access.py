"""Who may do what: inactive accounts, other employers, private documents, the shortlist."""

import pytest
from django.urls import reverse

from jobboard.models import Application, SavedCandidate, Vacancy
from tests.jobboard.factories import (
    make_application,
    make_employer,
    make_jobseeker,
    make_seeker,
    make_vacancy,
)
from tests.jobboard.test_vacancies import vacancy_data

pytestmark = pytest.mark.django_db

SEARCH = reverse("jobboard:candidate_search")


def download(model, obj, field):
    return reverse("portal:download", args=[f"jobboard.{model}", obj.pk, field])


@pytest.mark.parametrize("status", ["waiting", "rejected"])
def test_an_inactive_job_seeker_cannot_apply(client, status):
    vacancy = make_vacancy()
    seeker = make_jobseeker(status=status)
    client.force_login(seeker.user)
    detail = client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Lamar sekarang" not in detail and "belum aktif" in detail
    assert client.post(reverse("jobboard:apply", args=[vacancy.pk])).status_code == 403
    assert not Application.objects.exists()


@pytest.mark.parametrize("status", ["waiting", "rejected"])
def test_an_inactive_employer_cannot_post_search_or_save(client, upload, status):
    employer = make_employer(status=status)
    seeker = make_jobseeker(status="active")
    client.force_login(employer.user)
    for url in (reverse("jobboard:vacancy_create"), SEARCH, reverse("jobboard:shortlist")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("jobboard:my_status")
    client.post(
        reverse("jobboard:vacancy_create"), {**vacancy_data(), "vacancy_letter": upload("pdf")}
    )
    client.post(reverse("jobboard:candidate_save", args=[seeker.pk]), {"note": "x"})
    assert not Vacancy.objects.exists() and not SavedCandidate.objects.exists()


def test_job_seekers_and_visitors_do_not_reach_employer_pages(client):
    seeker = make_jobseeker(status="active")
    assert client.get(SEARCH)["Location"].startswith(reverse("login"))
    client.force_login(seeker.user)
    assert client.get(SEARCH).status_code == 403
    assert client.get(reverse("jobboard:vacancy_create")).status_code == 403


def test_an_employer_cannot_see_or_change_another_employers_vacancies_or_applicants(client):
    application = make_application()
    vacancy = application.vacancy
    submitted = make_vacancy(vacancy.employer, status="submitted")
    other = make_employer(status="active")
    client.force_login(other.user)
    assert client.get(reverse("jobboard:vacancy_applicants", args=[vacancy.pk])).status_code == 404
    assert client.get(reverse("jobboard:vacancy_edit", args=[submitted.pk])).status_code == 404
    assert client.post(reverse("jobboard:vacancy_close", args=[vacancy.pk])).status_code == 404
    response = client.post(
        reverse("jobboard:application_move", args=[application.pk]),
        {f"a{application.pk}-to_status": "rejected"},
    )
    assert response.status_code == 404
    assert client.get(download("Vacancy", submitted, "vacancy_letter")).status_code == 403
    assert client.get(reverse("jobboard:vacancy_detail", args=[submitted.pk])).status_code == 404
    application.refresh_from_db()
    vacancy.refresh_from_db()
    assert application.status == "applied" and vacancy.status == "published"
    own_list = client.get(reverse("jobboard:employer_vacancies")).context["page"]
    assert list(own_list) == []


def test_the_shortlist_is_the_employers_alone(client):
    mine = make_employer(status="active")
    theirs = make_employer(status="active")
    seeker = make_jobseeker(status="active", full_name="Rahasia Kami")
    saved = SavedCandidate.objects.create(employer=theirs, jobseeker=seeker, note="catatan mereka")
    client.force_login(mine.user)
    html = client.get(reverse("jobboard:shortlist")).content.decode()
    assert "Rahasia Kami" not in html and "catatan mereka" not in html
    assert client.post(reverse("jobboard:shortlist_remove", args=[saved.pk])).status_code == 404
    assert SavedCandidate.objects.filter(pk=saved.pk).exists()


def test_job_seeker_documents_are_read_by_the_person_and_permitted_officers_only(
    client, officer, plain_staff
):
    seeker = make_jobseeker(status="active")
    application = make_application(jobseeker=seeker)
    url = download("JobSeeker", seeker, "ktp_scan")
    assert client.get(url)["Location"].startswith(reverse("login"))
    allowed = {seeker.user: 200, officer: 200}
    refused = {
        make_jobseeker(status="active").user: 403,
        application.vacancy.employer.user: 403,  # even the employer applied to
        plain_staff: 403,
    }
    for user, expected in {**allowed, **refused}.items():
        client.force_login(user)
        assert client.get(url).status_code == expected, user


def test_vacancy_letter_is_read_by_its_employer_and_the_verifying_officer(client, officer):
    vacancy = make_vacancy(status="submitted")
    url = download("Vacancy", vacancy, "vacancy_letter")
    for user, expected in [
        (vacancy.employer.user, 200),
        (officer, 200),
        (make_jobseeker(status="active").user, 403),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == expected


# --- the job-seeker search (step 6) -----------------------------------------------------------


def test_search_finds_only_active_consenting_job_seekers_by_education_skills_city_and_text(client):
    employer = make_employer(status="active")
    make_seeker(
        full_name="Andi",
        education_level="S1",
        skills="akuntansi, pajak",
        city="Kota Probolinggo",
        desired_job="Staf keuangan",
    )
    make_jobseeker(
        status="active",
        full_name="Bayu",
        education_level="SMA",
        skills="mengemudi",
        city="Kab. Pasuruan",
    )
    make_jobseeker(status="active", full_name="Cici", discoverable=False, skills="akuntansi")
    make_jobseeker(status="waiting", full_name="Dodi", skills="akuntansi")
    client.force_login(employer.user)

    def names(**params):
        return sorted(s.full_name for s in client.get(SEARCH, params).context["page"])

    assert names() == ["Andi", "Bayu"]
    assert names(skills="akuntansi") == ["Andi"]
    assert names(education="D3") == ["Andi"]
    assert names(city="pasuruan") == ["Bayu"]
    assert names(q="keuangan") == ["Andi"]
    # Hidden and waiting ones cannot be opened or saved either.
    cici = make_jobseeker(status="active", discoverable=False)
    assert client.get(reverse("jobboard:candidate_detail", args=[cici.pk])).status_code == 404
    assert client.post(reverse("jobboard:candidate_save", args=[cici.pk])).status_code == 404


def test_employer_saves_a_job_seeker_with_a_note(client):
    employer = make_employer(status="active")
    seeker = make_jobseeker(status="active", full_name="Eka")
    client.force_login(employer.user)
    response = client.post(
        reverse("jobboard:candidate_save", args=[seeker.pk]), {"note": "Hubungi minggu depan"}
    )
    assert response["Location"] == reverse("jobboard:shortlist")
    html = client.get(reverse("jobboard:shortlist")).content.decode()
    assert "Eka" in html and "Hubungi minggu depan" in html


def test_search_shows_recently_activated_first_and_stops_at_its_last_page(client, monkeypatch):
    """Bounded like the vacancy search: a search that finds more than the pages hold says so
    and asks for another word; the best match comes first."""
    import datetime

    from django.utils import timezone

    from jobboard.views import employer as views

    monkeypatch.setattr(views, "CANDIDATE_PAGES", 1)  # 20 job seekers instead of 1,000
    start = timezone.now() - datetime.timedelta(days=30)
    for i in range(21):
        make_seeker(full_name=f"Pencari {i:02d}", skills="las listrik", decided_at=start)
    make_seeker(full_name="Baru diaktifkan", skills="las", decided_at=timezone.now())
    make_seeker(full_name="Juru las", desired_job="Juru las", skills="las", decided_at=start)
    client.force_login(make_employer(status="active").user)

    response = client.get(SEARCH)
    names = [s.full_name for s in response.context["page"]]
    assert names[0] == "Baru diaktifkan"
    assert len(names) == 20
    assert "Lebih dari 20 pencari kerja ditemukan: tambahkan kata atau saringan" in response.text
    assert client.get(SEARCH, {"page": 2}).context["page"].number == 1  # no page past the last

    response = client.get(SEARCH, {"q": "las"})  # in all 23; twice in the welder's own
    names = [s.full_name for s in response.context["page"]]
    assert names[0] == "Juru las"
    assert "Lebih dari 20 pencari kerja ditemukan" in response.text

    response = client.get(SEARCH, {"q": "juru las"})
    assert [s.full_name for s in response.context["page"]] == ["Juru las"]
    assert "1 pencari kerja ditemukan" in response.text


@pytest.mark.parametrize("params", [{}, {"q": "operator", "education": "SMP", "skills": "las"}])
def test_job_seeker_search_runs_a_fixed_number_of_queries(
    client, params, django_assert_max_num_queries
):
    employer = make_employer(status="active")
    for _ in range(3):
        make_seeker(desired_job="Operator produksi", skills="las listrik")
    client.force_login(employer.user)
    client.get(SEARCH, params)
    with django_assert_max_num_queries(20) as small:
        client.get(SEARCH, params)
    for _ in range(55):
        make_seeker(desired_job="Operator produksi", skills="las listrik")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(SEARCH, params)
    assert response.context["page"].paginator.count == 58
