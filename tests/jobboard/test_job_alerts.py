"""Job alerts (issue 17 item 6): saved searches from the vacancy list, mailed daily or weekly
through the outbox, weekly suggestions for a job seeker without one, the one-click unsubscribe.

The periodic task runs here in this process (the test settings' immediate backend runs each
batch as it is queued), with the clock given; tests/background/test_job_alert_worker.py runs it
in a real worker process.
"""

import datetime
import threading
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from background import schedule
from background.models import OutboxMail
from jobboard import search, services, tasks
from jobboard.forms import VacancySearchForm
from jobboard.models import SavedSearch, VacancyAnnouncement, VacancySuggestions
from tests.jobboard.factories import make_employer, make_seeker, make_vacancy

pytestmark = pytest.mark.django_db


def at(hour, minute=0, days=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def run_alerts(now, django_capture_on_commit_callbacks):
    """The periodic task at ``now``; the queued mails are delivered (locmem) on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_job_alerts.enqueue(now.isoformat())


def saved(seeker, filters, frequency="daily", created=None):
    return SavedSearch.objects.create(
        jobseeker=seeker,
        filters=filters,
        frequency=frequency,
        created_at=created or at(10, days=-1),
    )


def published(vacancy, when):
    vacancy.published_at = when
    vacancy.save(update_fields=["published_at"])
    return vacancy


def mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_every_field_of_the_search_form_has_a_filter_the_alerts_share():
    assert set(VacancySearchForm().fields) - {"q"} == set(search.VACANCY_FILTERS)


def test_the_cleaned_search_is_kept_as_json_and_read_back_as_the_form_gave_it():
    form = VacancySearchForm(
        {"q": " operator ", "education": "SMA", "place": "Kota Probolinggo"},
        places=["Kota Probolinggo"],
    )
    assert form.is_valid()
    kept = form.saved_filters()
    assert kept == {"q": "operator", "education": "SMA", "place": "Kota Probolinggo"}
    assert VacancySearchForm.filters_from(kept) == {
        **form.cleaned_data,
        "work_type": "",
        "sector": "",
    }


def test_an_alert_finds_exactly_what_the_list_shows_for_the_same_search(client):
    seeker = make_seeker()
    search_ = saved(seeker, {"q": "las", "education": "SMA", "work_type": "full_time"})
    after = search_.created_at + datetime.timedelta(hours=1)
    employer = make_employer(status="active")
    cases = [
        dict(title="Tukang las", min_education="SMA"),  # matches
        dict(title="Juru las senior", min_education="SMK"),  # SMK is above SMA
        dict(title="Tukang las harian", work_type="daily"),
        dict(title="Operator bubut", min_education="SD"),  # no "las"
        dict(title="Pengelasan", skills="las listrik", min_education="SMP"),  # matches
    ]
    vacancies = [published(make_vacancy(employer, **c), after) for c in cases]
    found = {v.pk for v in services.alerts.search_matches(search_)}
    page = client.get(reverse("jobboard:vacancy_list"), search_.filters).text
    shown = {v.pk for v in vacancies if reverse("jobboard:vacancy_detail", args=[v.pk]) in page}
    assert found == shown == {vacancies[0].pk, vacancies[4].pk}


def test_a_vacancy_published_after_a_saved_search_is_announced_to_its_owner_once(
    django_capture_on_commit_callbacks,
):
    owner = make_seeker(full_name="Siti Aminah")
    other = make_seeker()
    saved(owner, {"q": "kasir"})
    saved(other, {"q": "sopir"})
    before = published(make_vacancy(title="Kasir lama"), at(9, days=-1))  # before the search
    new = published(make_vacancy(title="Kasir toko"), at(20, days=-1))
    published(make_vacancy(title="Operator gudang"), at(21, days=-1))

    run_alerts(at(6), django_capture_on_commit_callbacks)
    (sent,) = mails_to(owner.email)
    assert "Kasir toko" in sent.body and "Kasir lama" not in sent.body
    assert "Operator gudang" not in sent.body
    assert mails_to(other.email) == []
    assert VacancyAnnouncement.objects.filter(jobseeker=owner).get().vacancy == new
    assert before.pk not in VacancyAnnouncement.objects.values_list("vacancy", flat=True)

    # the next day's run, and a second run the same morning: nothing new, nothing again
    run_alerts(at(6, 30), django_capture_on_commit_callbacks)
    run_alerts(at(6, days=1), django_capture_on_commit_callbacks)
    assert len(mails_to(owner.email)) == 1
    # a second saved search that also finds it does not announce it again
    saved(owner, {"q": "toko"}, created=at(10, days=-2))
    run_alerts(at(6, days=2), django_capture_on_commit_callbacks)
    assert len(mails_to(owner.email)) == 1


def test_the_mail_goes_through_the_outbox_with_the_unsubscribe_headers(
    django_capture_on_commit_callbacks,
):
    owner = make_seeker()
    search_ = saved(owner, {"q": "kasir", "place": "Kota Probolinggo"})
    published(make_vacancy(title="Kasir toko"), at(20, days=-1))
    run_alerts(at(6), django_capture_on_commit_callbacks)
    row = OutboxMail.objects.get(template="jobboard/email/job_alert")
    assert row.status == "sent" and row.to == [owner.email] and row.service == "jobboard"
    (sent,) = mail.outbox
    link = row.headers["List-Unsubscribe"].strip("<>")
    assert sent.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in sent.body
    # the address names nothing about the person
    path = urlsplit(link).path
    for personal in (owner.email, owner.full_name, owner.nik, owner.user.username):
        assert personal not in path
    assert services.alert_of_token(path.rstrip("/").rsplit("/", 1)[1]) == search_
    assert "lowongan baru" in sent.subject.lower()  # Indonesian


def test_daily_and_weekly_searches_with_the_clock_moved(django_capture_on_commit_callbacks):
    daily, weekly = make_seeker(), make_seeker()
    monday = at(10, days=-7)  # saved a week ago
    saved(daily, {"q": "kasir"}, "daily", created=monday)
    saved(weekly, {"q": "kasir"}, "weekly", created=monday)

    def publish_and_run(days):
        published(make_vacancy(title=f"Kasir hari {days}"), at(12, days=days - 8))
        run_alerts(at(6, days=days - 7), django_capture_on_commit_callbacks)
        return len(mails_to(daily.email)), len(mails_to(weekly.email))

    # one vacancy a day; the daily search mails each morning, the weekly one on day 7 only
    counts = [publish_and_run(days) for days in range(1, 9)]
    assert counts == [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 1), (8, 1)]
    (week,) = mails_to(weekly.email)
    assert all(f"Kasir hari {d}" in week.body for d in range(1, 8))
    assert SavedSearch.objects.get(jobseeker=weekly).last_alert_at == at(6)


def test_a_job_seeker_without_a_saved_search_gets_weekly_suggestions(
    django_capture_on_commit_callbacks,
):
    seeker = make_seeker(
        education_level="SMK", city="Kota Probolinggo", skills="las listrik", desired_job="Welder"
    )
    make_seeker(status="waiting")  # not active: nothing
    searching = make_seeker()
    saved(searching, {"q": "zzz"})  # has a saved search: no suggestions
    yesterday = at(12, days=-1)
    suits = published(make_vacancy(title="Tukang las", min_education="SMA"), yesterday)
    published(make_vacancy(title="Tukang las S1", min_education="S1"), yesterday)
    published(make_vacancy(title="Tukang las Lumajang", place="Kab. Lumajang"), yesterday)
    published(make_vacancy(title="Kasir", skills="", description="Toko."), yesterday)

    run_alerts(at(6), django_capture_on_commit_callbacks)
    (sent,) = mails_to(seeker.email)
    assert "Tukang las" in sent.body
    for other in ("Tukang las S1", "Tukang las Lumajang", "Kasir"):
        assert f"- {other}," not in sent.body
    assert list(VacancyAnnouncement.objects.values_list("vacancy", flat=True)) == [suits.pk]
    assert len(mail.outbox) == 1

    # weekly: nothing in the six days after, the next on the seventh
    published(make_vacancy(title="Tukang las baru"), at(12))
    for days in range(1, 7):
        run_alerts(at(6, days=days), django_capture_on_commit_callbacks)
    assert len(mails_to(seeker.email)) == 1
    run_alerts(at(6, days=7), django_capture_on_commit_callbacks)
    assert len(mails_to(seeker.email)) == 2
    assert "Tukang las baru" in mails_to(seeker.email)[1].body


def test_unsubscribe_asks_on_get_and_stops_on_post_without_logging_in(
    client, django_capture_on_commit_callbacks
):
    owner = make_seeker()
    search_ = saved(owner, {"q": "kasir"})
    url = reverse("jobboard:alert_unsubscribe", args=[services.unsubscribe_token(search_)])
    page = client.get(url)
    assert page.status_code == 200
    assert "Hentikan" in page.text and "kasir" in page.text
    search_.refresh_from_db()
    assert search_.stopped_at is None  # a GET (a mail scanner following links) changes nothing

    answer = client.post(url)  # the button, or the mail program's one-click POST (no token)
    assert answer.status_code == 200
    search_.refresh_from_db()
    assert search_.stopped_at is not None
    published(make_vacancy(title="Kasir toko"), at(20, days=-1))
    run_alerts(at(6), django_capture_on_commit_callbacks)
    assert mail.outbox == []  # stopped; and no suggestions instead: he has a saved search
    assert client.post(url).status_code == 200  # twice is harmless

    tampered = url.replace(f"s{search_.pk}:", f"s{search_.pk + 1}:")
    assert client.get(tampered).status_code == 404
    assert client.post(tampered).status_code == 404


def test_the_one_click_post_works_with_csrf_checks_on():
    from django.test import Client

    suggestions = VacancySuggestions.objects.create(jobseeker=make_seeker())
    url = reverse("jobboard:alert_unsubscribe", args=[services.unsubscribe_token(suggestions)])
    answer = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    suggestions.refresh_from_db()
    assert suggestions.stopped_at is not None


def test_saving_a_search_from_the_list_and_deleting_it_on_the_account_page(client):
    seeker = make_seeker()
    make_vacancy(place="Kota Probolinggo")
    client.force_login(seeker.user)
    listing = client.get(reverse("jobboard:vacancy_list"), {"q": "operator", "education": "SMA"})
    assert 'id="save-search"' in listing.text
    url = reverse("jobboard:alert_create") + "?q=operator&education=SMA&page=2"
    answer = client.post(url, {"frequency": "weekly"})
    assert answer.status_code == 302
    search_ = SavedSearch.objects.get()
    assert search_.filters == {"q": "operator", "education": "SMA"}  # cleaned, not the query
    assert search_.frequency == "weekly"
    client.post(url, {"frequency": "daily"})  # the same search again: how often changes
    assert SavedSearch.objects.get().frequency == "daily"

    account = client.get(reverse("jobboard:my_status")).text
    assert "operator" in account and "Harian" in account
    other = make_seeker()
    client.force_login(other.user)
    delete = reverse("jobboard:alert_delete", args=[search_.pk])
    assert client.post(delete).status_code == 404  # not his
    client.force_login(seeker.user)
    assert client.post(delete).status_code == 302
    assert not SavedSearch.objects.exists()


def test_only_an_active_job_seeker_saves_a_search(client):
    url = reverse("jobboard:alert_create")
    assert client.post(url, {"frequency": "daily"}).status_code == 302  # to the login page
    waiting = make_seeker(status="waiting")
    client.force_login(waiting.user)
    assert 'id="save-search"' not in client.get(reverse("jobboard:vacancy_list")).text
    assert client.post(url, {"frequency": "daily"}).status_code == 403
    assert not SavedSearch.objects.exists()


def test_stopping_and_starting_the_suggestions_on_the_account_page(client):
    seeker = make_seeker()
    client.force_login(seeker.user)
    client.post(reverse("jobboard:alert_suggestions"), {"wanted": "0"})
    assert VacancySuggestions.objects.get().stopped_at is not None
    assert "Kirimi saya saran lowongan mingguan" in client.get(reverse("jobboard:my_status")).text
    assert services.due_jobseekers(at(6, days=1)) == []
    client.post(reverse("jobboard:alert_suggestions"), {"wanted": "1"})
    assert services.due_jobseekers(at(6, days=1)) == [seeker.pk]


def test_the_alerts_run_every_morning_from_the_scheduler():
    (entry,) = [e for e in schedule.SCHEDULE if e.task == "jobboard.tasks.send_job_alerts"]
    assert entry.slot(at(5, 59)) is None
    assert entry.slot(at(6, 0)) == timezone.localdate().isoformat()


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_announce_each_vacancy_once(office):
    owner = make_seeker()
    saved(owner, {"q": "kasir"})
    published(make_vacancy(title="Kasir toko"), at(20, days=-1))
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(services.send_alert_batch([owner.pk], at(6)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [(0, 0), (1, 0)]
    assert VacancyAnnouncement.objects.count() == 1
    assert OutboxMail.objects.filter(template="jobboard/email/job_alert").count() == 1
