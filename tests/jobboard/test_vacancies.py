"""Step 7 and step 4: posting vacancies, the public list with search and filters, applying."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jobboard.models import Application, Vacancy
from tests.jobboard.factories import (
    make_application,
    make_employer,
    make_jobseeker,
    make_vacancy,
)

pytestmark = pytest.mark.django_db

LIST = reverse("jobboard:vacancy_list")


def titles(response):
    return [v.title for v in response.context["page"]]


def vacancy_data(**overrides):
    data = {
        "title": "Operator Forklift",
        "position": "Operator gudang",
        "openings_male": "2",
        "openings_female": "0",
        "openings_any": "1",
        "min_education": "SMA",
        "min_experience_years": "1",
        "skills": "SIM B1, forklift",
        "place": "Kota Probolinggo",
        "work_type": "contract",
        "salary_min": "2800000",
        "salary_max": "3200000",
        "description": "Memindahkan barang di gudang bahan baku.",
        "closing_date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }
    data.update(overrides)
    return data


# --- posting -------------------------------------------------------------------------------


def test_active_employer_posts_a_vacancy_with_the_signed_letter(client, upload):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    url = reverse("jobboard:vacancy_create")
    response = client.post(url, {**vacancy_data(), "vacancy_letter": upload("pdf", "surat.pdf")})
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.status == "submitted" and vacancy.employer == employer
    assert vacancy.vacancy_letter.name.startswith("vacancies/letters/")
    # Not public until an officer publishes it.
    assert client.get(LIST).context["page"].paginator.count == 0


def test_the_letter_is_required_and_bad_inputs_are_kept(client, upload):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    url = reverse("jobboard:vacancy_create")
    data = vacancy_data(
        salary_min="", salary_max="", closing_date="2020-01-01", openings_male="0", openings_any="0"
    )
    response = client.post(url, data)
    form = response.context["form"]
    assert "surat lowongan" in form.errors["vacancy_letter"][0]
    assert "sudah lewat" in form.errors["closing_date"][0]
    assert "kebutuhan" in form.errors["openings_any"][0]
    assert "kisaran gaji" in form.errors["salary_min"][0]
    assert form["title"].value() == "Operator Forklift"
    exe = client.post(url, {**vacancy_data(), "vacancy_letter": upload("exe", "surat.pdf")})
    assert "bukan dokumen" in exe.context["form"].errors["vacancy_letter"][0]
    assert not Vacancy.objects.exists()


def test_negotiable_salary_needs_no_range(client, upload):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    data = vacancy_data(salary_min="", salary_max="", salary_negotiable="on")
    response = client.post(
        reverse("jobboard:vacancy_create"), {**data, "vacancy_letter": upload("pdf")}
    )
    assert response.status_code == 302


def test_a_returned_vacancy_is_corrected_and_queued_again(client, officer, upload):
    from jobboard import services

    vacancy = make_vacancy(status="submitted")
    services.return_vacancy(vacancy, actor=officer, reason="Surat tanpa tanda tangan")
    client.force_login(vacancy.employer.user)
    page = client.get(reverse("jobboard:employer_vacancies")).content.decode()
    assert "Surat tanpa tanda tangan" in page
    response = client.post(
        reverse("jobboard:vacancy_edit", args=[vacancy.pk]),
        {**vacancy_data(title="Operator Forklift v2"), "vacancy_letter": upload("pdf")},
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == "submitted" and vacancy.title == "Operator Forklift v2"


# --- the public list -----------------------------------------------------------------------


def test_full_text_search_finds_words_of_the_description_ranked(client):
    make_vacancy(title="Staf gudang", description="Menyusun barang dan mencatat stok.")
    make_vacancy(title="Juru masak", description="Memasak untuk kantin pabrik; pengalaman dapur.")
    make_vacancy(title="Koki dapur", description="Mengelola dapur restoran hotel.")
    assert titles(client.get(LIST, {"q": "stok"})) == ["Staf gudang"]
    # A word in the title ranks above the same word in the description.
    assert titles(client.get(LIST, {"q": "dapur"})) == ["Koki dapur", "Juru masak"]
    # Prefixes match: Indonesian has no stemming dictionary in PostgreSQL.
    assert titles(client.get(LIST, {"q": "mema"})) == ["Juru masak"]
    # Nothing typed reaches tsquery syntax.
    assert client.get(LIST, {"q": "dapur & | ! :* ('"}).status_code == 200
    assert "Tidak ada lowongan yang cocok" in client.get(LIST, {"q": "astronot"}).content.decode()


def test_filters_by_education_type_place_and_sector(client):
    factory = make_employer(status="active", sector="Industri pengolahan")
    shop = make_employer(status="active", sector="Perdagangan")
    make_vacancy(
        factory, title="A", min_education="SD", work_type="daily", place="Kota Probolinggo"
    )
    make_vacancy(
        factory, title="B", min_education="S1", work_type="full_time", place="Kota Probolinggo"
    )
    make_vacancy(
        shop, title="C", min_education="SMA", work_type="full_time", place="Kab. Probolinggo"
    )
    assert sorted(titles(client.get(LIST, {"education": "SMA"}))) == ["A", "C"]
    assert titles(client.get(LIST, {"work_type": "daily"})) == ["A"]
    assert titles(client.get(LIST, {"place": "Kab. Probolinggo"})) == ["C"]
    assert sorted(titles(client.get(LIST, {"sector": "Industri pengolahan"}))) == ["A", "B"]


def test_closed_vacancies_leave_the_list_by_themselves(client):
    today = timezone.localdate()
    make_vacancy(title="Masih buka", closing_date=today)
    old = make_vacancy(title="Sudah lewat", closing_date=today - datetime.timedelta(days=1))
    assert titles(client.get(LIST)) == ["Masih buka"]
    detail = client.get(reverse("jobboard:vacancy_detail", args=[old.pk])).content.decode()
    assert "Lowongan ini sudah ditutup" in detail


def test_list_is_paginated(client):
    employer = make_employer(status="active")
    for i in range(25):
        make_vacancy(employer, title=f"Lowongan {i}")
    first = client.get(LIST)
    assert len(first.context["page"]) == 20
    assert len(client.get(LIST, {"page": 2}).context["page"]) == 5


def test_unpublished_vacancies_are_not_public(client):
    vacancy = make_vacancy(status="submitted")
    assert client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk])).status_code == 404


@pytest.mark.parametrize(
    "params", [{}, {"q": "operator mesin"}, {"education": "SMK", "work_type": "full_time"}]
)
def test_vacancy_list_and_search_run_a_fixed_number_of_queries(
    client, params, django_assert_max_num_queries
):
    employers = [make_employer(status="active") for _ in range(3)]
    for i in range(3):
        make_vacancy(employers[i % 3])
    seeker = make_jobseeker(status="active")
    client.force_login(seeker.user)
    client.get(LIST, params)
    with django_assert_max_num_queries(20) as small:
        client.get(LIST, params)
    for i in range(57):
        make_vacancy(employers[i % 3], place=f"Kota {i % 5}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST, params)
    assert response.context["page"].paginator.count == 60


# --- applying ------------------------------------------------------------------------------


def test_active_job_seeker_applies_with_one_click_and_follows_the_state(client):
    vacancy = make_vacancy(title="Kasir")
    seeker = make_jobseeker(status="active")
    client.force_login(seeker.user)
    detail = client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk]))
    assert "Lamar sekarang" in detail.content.decode()
    response = client.post(reverse("jobboard:apply", args=[vacancy.pk]), {"letter": ""})
    assert response.status_code == 302
    assert Application.objects.get().jobseeker == seeker
    mine = client.get(reverse("jobboard:my_applications")).content.decode()
    assert "Kasir" in mine and "Melamar" in mine
    listed = client.get(LIST)
    assert listed.context["page"][0].applied  # the list marks what was applied for
    again = client.post(reverse("jobboard:apply", args=[vacancy.pk]), follow=True)
    assert "sudah melamar" in again.content.decode()
    assert Application.objects.count() == 1


def test_employer_moves_applicants_and_a_hire_counts_as_a_placement(client):
    application = make_application()
    client.force_login(application.vacancy.employer.user)
    url = reverse("jobboard:application_move", args=[application.pk])
    prefix = f"a{application.pk}-"
    page = client.get(reverse("jobboard:vacancy_applicants", args=[application.vacancy_id]))
    assert application.jobseeker.full_name in page.content.decode()
    today = timezone.localdate()
    for status in ("shortlisted", "interview", "hired"):
        client.post(url, {prefix + "to_status": status, prefix + "placed_on": today.isoformat()})
    application.refresh_from_db()
    assert application.status == "hired"
    assert application.placement.placed_on == today
    assert "1 penempatan tahun ini" in client.get(LIST).content.decode()
    # An invalid jump is refused with a message, nothing changes.
    response = client.post(url, {prefix + "to_status": "shortlisted"}, follow=True)
    assert "Pilih langkah berikutnya" in response.content.decode()


def test_applicants_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    vacancy = make_vacancy()
    for _ in range(3):
        make_application(vacancy)
    client.force_login(vacancy.employer.user)
    url = reverse("jobboard:vacancy_applicants", args=[vacancy.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _ in range(52):
        make_application(vacancy)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["page"].paginator.count == 55


def test_openings_by_sex_read_as_a_list(client):
    vacancy = make_vacancy(openings_male=3, openings_female=0, openings_any=2)
    html = client.get(reverse("jobboard:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "3 laki-laki, 2 laki-laki atau perempuan" in html
