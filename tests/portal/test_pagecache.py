"""The public pages come from the shared cache for anonymous visitors, and never stale:
whatever an officer, an employer or the calendar changes shows on the next request."""

import datetime

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from jobboard import services
from portal.pagecache import cache_public_page
from tests.jobboard.factories import make_employer, make_jobseeker, make_vacancy

pytestmark = pytest.mark.django_db

HOME = "/kota-probolinggo/"  # the first office's home page (portal.offices)
LIST = reverse("jobboard:vacancy_list")


def test_a_second_anonymous_visit_is_served_without_a_query(
    client, office, standards, django_assert_num_queries
):
    first = client.get(HOME)
    with django_assert_num_queries(0):
        second = client.get(HOME)
    assert second.status_code == 200
    assert second.content == first.content
    assert office.name in second.content.decode()


def test_a_vacancy_published_by_an_officer_is_listed_at_once(client, office, officers):
    from portal import roles

    vacancy = make_vacancy(status="submitted", title="Juru Las Kapal")
    assert "Juru Las Kapal" not in client.get(LIST).content.decode()
    assert "Juru Las Kapal" not in client.get(LIST, {"q": "las"}).content.decode()

    services.publish_vacancy(vacancy, actor=officers[roles.JOB_PLACEMENT_OFFICER])

    assert "Juru Las Kapal" in client.get(LIST).content.decode()
    assert "Juru Las Kapal" in client.get(LIST, {"q": "las"}).content.decode()


def test_a_closed_vacancy_says_so_at_once_on_its_cached_page(client, office):
    vacancy = make_vacancy(title="Kasir Toko Roti")
    detail = reverse("jobboard:vacancy_detail", args=[vacancy.pk])
    assert (
        "Log in to apply" in client.get(detail, HTTP_COOKIE="django_language=en").content.decode()
    )

    services.close_vacancy(vacancy, actor=vacancy.employer.user)

    page = client.get(detail, HTTP_COOKIE="django_language=en").content.decode()
    assert "Applications are closed." in page
    assert "Kasir Toko Roti" not in client.get(LIST).content.decode()


def test_a_vacancy_drops_out_after_its_closing_date_although_its_page_was_cached(
    client, office, monkeypatch
):
    today = timezone.localdate()
    make_vacancy(title="Sopir Ekspedisi", closing_date=today)
    assert "Sopir Ekspedisi" in client.get(LIST).content.decode()

    monkeypatch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=1))

    assert "Sopir Ekspedisi" not in client.get(LIST).content.decode()


def test_an_edited_office_profile_shows_on_every_cached_page(client, office, standards):
    client.get(HOME)
    office.phone = "0335-999888"
    office.save()
    assert "0335-999888" in client.get(HOME).content.decode()


def test_a_company_name_corrected_shows_on_its_vacancies(client, office):
    employer = make_employer(status="active", company_name="PT Lama Jaya")
    make_vacancy(employer)
    assert "PT Lama Jaya" in client.get(LIST).content.decode()
    employer.company_name = "PT Baru Jaya"
    employer.save()
    page = client.get(LIST).content.decode()
    assert "PT Baru Jaya" in page and "PT Lama Jaya" not in page


def test_a_logged_in_job_seeker_never_gets_the_anonymous_page(client, office):
    vacancy = make_vacancy(title="Barista Kafe")
    client.get(LIST)  # the anonymous page is now stored
    seeker = make_jobseeker(status="active")
    services.apply(vacancy, actor=seeker.user)
    client.force_login(seeker.user)

    page = client.get(LIST).content.decode()

    assert "Keluar" in page  # "Log out": a page rendered for this person
    assert "Melamar" in page  # the "Applied" badge on the vacancy


def test_each_language_has_its_own_cached_page(client, office, standards):
    assert 'lang="id"' in client.get(HOME).content.decode()
    english = client.get(HOME, HTTP_COOKIE="django_language=en").content.decode()
    assert 'lang="en"' in english and "Our services" in english
    assert 'lang="id"' in client.get(HOME).content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, office, standards):
    client.get(HOME)
    client.cookies["messages"] = "anything"
    response = client.get(HOME)
    assert response.context is not None  # rendered, not taken from the cache


def test_the_language_switcher_works_without_a_csrf_token(office, standards):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(HOME).content.decode()
    assert "csrfmiddlewaretoken" not in page  # nothing personal in a cached page
    response = browser.post(reverse("set_language"), {"language": "en", "next": HOME})
    assert response.status_code == 302
    assert 'lang="en"' in browser.get(HOME).content.decode()


def test_a_page_that_carries_a_csrf_token_is_not_stored(settings):
    settings.PAGE_CACHE_SECONDS = 600
    rendered = []

    @cache_public_page
    def form_page(request):
        rendered.append(1)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    factory = RequestFactory()
    first = form_page(factory.get("/formulir/"))
    second = form_page(factory.get("/formulir/"))

    assert len(rendered) == 2
    assert first.content != second.content  # each visitor their own token


def test_nothing_is_stored_when_the_page_cache_is_off(
    client, office, standards, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(HOME)
    assert client.get(HOME).context is not None


def test_a_hire_shows_in_the_placements_count_of_the_cached_list(client, office):
    from tests.jobboard.factories import make_application

    vacancy = make_vacancy(title="Operator Mesin Jahit")
    application = make_application(vacancy, status="interview")
    assert "0 penempatan tahun ini" in client.get(LIST).content.decode()

    services.move_application(application, actor=vacancy.employer.user, to_status="hired")

    assert "1 penempatan tahun ini" in client.get(LIST).content.decode()


def test_the_same_search_in_another_order_is_the_same_page(client, office):
    make_vacancy(title="Juru Las Kapal")
    first = client.get(f"{LIST}?q=las&education=S1")
    assert first.context is not None and "Juru Las Kapal" in first.content.decode()
    again = client.get(f"{LIST}?education=S1&q=las")
    assert again.context is None  # from the cache
    assert "Juru Las Kapal" in again.content.decode()


def test_an_address_with_unknown_parameters_is_rendered_and_not_kept(client, office, standards):
    client.get(f"{HOME}?junk=1")
    assert client.get(f"{HOME}?junk=1").context is not None
    client.get(f"{LIST}?q=las&junk=2")
    assert client.get(f"{LIST}?q=las&junk=2").context is not None


def test_an_officers_decision_goes_through_when_the_cache_is_down(
    client, office, officers, monkeypatch
):
    from django.core.cache import cache

    from portal import pagecache, roles

    vacancy = make_vacancy(status="submitted", title="Kurir Motor")

    def refuse(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", refuse)
    services.publish_vacancy(vacancy, actor=officers[roles.JOB_PLACEMENT_OFFICER])
    monkeypatch.undo()

    vacancy.refresh_from_db()
    assert vacancy.status == "published"
    assert pagecache.current_version()  # the cache works again


def test_the_public_pages_still_open_when_the_cache_cannot_be_read(
    client, office, standards, monkeypatch
):
    from django.core.cache import cache

    make_vacancy(title="Tukang Las Pipa")

    def refuse(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", refuse)
    monkeypatch.setattr(cache, "get", refuse)
    monkeypatch.setattr(cache, "set", refuse)

    assert office.name in client.get(HOME).content.decode()
    assert "Tukang Las Pipa" in client.get(LIST, {"q": "las"}).content.decode()
