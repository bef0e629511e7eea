"""The read replica (issue 20, item 5), against a real streaming pair on loopback
(tests/replication.py): the public read-only pages read the standby, everything that writes or
must read its own writes reads the primary.

The proof that a page was read on the standby: its replay is paused (pg_wal_replay_pause)
and a change is written on the primary behind the portal's back (plain SQL, no signal); a page
read on the standby shows the old value, a page read on the primary the new one.
"""

import subprocess
import time

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.replication import database_settings, use_databases

ROUTERS = ["portal.db_router.ReplicaRouter"]


@pytest.fixture(scope="module")
def replica_site(streaming_pair, django_db_blocker):
    """This process's Django on the pair: "default" the primary, "replica" the standby; an
    office and two published vacancies, already replayed on the standby."""
    databases = {
        "default": database_settings(streaming_pair.url("portal")),
        "replica": database_settings(streaming_pair.url("portal", standby=True)),
    }
    with django_db_blocker.unblock(), use_databases(databases, routers=ROUTERS):
        from portal.demo import STANDARDS
        from portal.models import ServiceStandard
        from tests.factories import default_office
        from tests.jobboard.factories import make_vacancy

        office = default_office()
        for standard in STANDARDS:
            ServiceStandard.objects.create(office=office, **standard)
        vacancies = [make_vacancy(title="Juru las pipa"), make_vacancy(title="Operator bubut")]
        wait_replayed(streaming_pair)
        yield vacancies


def wait_replayed(pair, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replayed = pair.psql(
            f"select pg_last_wal_replay_lsn() >= {_primary_lsn(pair)}", standby=True
        )
        if replayed == "t":
            return
        time.sleep(0.05)
    raise AssertionError("the standby did not replay the primary's changes")


def _primary_lsn(pair):
    return "'{}'::pg_lsn".format(pair.psql("select pg_current_wal_lsn()"))


@pytest.fixture
def paused_replay(streaming_pair, replica_site):
    """The standby stops applying WAL (it still receives it) until the test ends."""
    streaming_pair.psql("select pg_wal_replay_pause()", standby=True)
    yield
    streaming_pair.psql("select pg_wal_replay_resume()", standby=True)
    wait_replayed(streaming_pair)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # each request renders (the cache has its own test below)
    from django.core.cache import cache

    cache.clear()


def retitle_behind_the_portals_back(vacancy, title):
    with connections["default"].cursor() as cursor:
        cursor.execute("update jobboard_vacancy set title = %s where id = %s", [title, vacancy.pk])


def by_alias(client, url, follow=False, status=200):
    """The response and the SQL each database answered for it."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url, follow=follow)
    assert response.status_code == status
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


def test_the_vacancy_search_is_read_on_the_standby(replica_site, client, paused_replay):
    with connections["replica"].cursor() as cursor:
        cursor.execute("select pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)  # the "replica" alias is the hot standby

    response, primary, replica = by_alias(client, reverse("jobboard:vacancy_list") + "?q=las")
    assert "Juru las pipa" in response.text
    assert any("jobboard_vacancy" in sql for sql in replica)
    assert not any("jobboard_vacancy" in sql for sql in primary)

    # A change the standby has not applied yet: the anonymous search does not see it...
    retitle_behind_the_portals_back(replica_site[0], "Juru las kapal")
    response, _, _ = by_alias(client, reverse("jobboard:vacancy_list") + "?q=las")
    assert "Juru las pipa" in response.text and "Juru las kapal" not in response.text
    # ... and the vacancy detail, the other public page, reads there too
    detail = reverse("jobboard:vacancy_detail", args=[replica_site[0].pk])
    response, primary, replica = by_alias(client, detail)
    assert "Juru las pipa" in response.text
    assert not any("jobboard_vacancy" in sql for sql in primary)


def test_a_logged_in_person_and_a_visitor_who_just_wrote_read_the_primary(
    replica_site, client, paused_replay, make_user_on_pair
):
    retitle_behind_the_portals_back(replica_site[1], "Operator bubut CNC")
    search = reverse("jobboard:vacancy_list") + "?q=bubut"

    anonymous = by_alias(client, search)[0]
    assert "Operator bubut CNC" not in anonymous.text  # the lagging standby

    # Right after his own write (any POST), a visitor reads the primary for a few seconds.
    client.post(reverse("set_language"), {"language": "id", "next": search})
    response, primary, replica = by_alias(client, search)
    assert "Operator bubut CNC" in response.text
    assert replica == []

    # Someone logged in always reads the primary.
    person = make_user_on_pair("pelamar")
    other = type(client)()
    other.force_login(person)
    response, primary, replica = by_alias(other, search)
    assert "Operator bubut CNC" in response.text
    assert replica == []


def test_a_page_read_after_a_change_of_its_content_waits_for_the_standby(
    replica_site, client, streaming_pair, settings
):
    """A change made through the portal notes the primary's WAL position: until the standby
    has replayed it, the public pages read the primary (and what they keep in the page cache
    is never older than its version)."""
    settings.PAGE_CACHE_SECONDS = 600
    search = reverse("jobboard:vacancy_list") + "?q=las"
    streaming_pair.psql("select pg_wal_replay_pause()", standby=True)
    try:
        vacancy = replica_site[0]
        vacancy.title = "Juru las konstruksi"
        vacancy.save()  # through the portal: the page cache retires its pages
        response, primary, replica = by_alias(client, search)
        assert "Juru las konstruksi" in response.text
        assert not any("jobboard_vacancy" in sql for sql in replica)
        cached = by_alias(client, search)[0]  # kept in the page cache, and right
        assert "Juru las konstruksi" in cached.text
    finally:
        streaming_pair.psql("select pg_wal_replay_resume()", standby=True)
    wait_replayed(streaming_pair)
    settings.PAGE_CACHE_SECONDS = 0
    response, primary, replica = by_alias(client, search)
    assert "Juru las konstruksi" in response.text
    assert any("jobboard_vacancy" in sql for sql in replica)  # caught up: the standby again


def test_writes_never_go_to_the_standby(replica_site, streaming_pair):
    """Inside a request that reads the replica, an object read there is saved on the primary
    (the standby would refuse: "cannot execute UPDATE in a read-only transaction"), and the
    rest of the request then reads the primary."""
    from jobboard.models import Vacancy
    from portal import db_router

    token = db_router._route.set(db_router.MAYBE)
    try:
        vacancy = Vacancy.objects.get(pk=replica_site[1].pk)
        assert vacancy._state.db == "replica" and db_router.replica_in_use()
        vacancy.place = "Kabupaten Probolinggo"
        vacancy.save()
        assert not db_router.replica_in_use()
        assert Vacancy.objects.get(pk=vacancy.pk).place == "Kabupaten Probolinggo"
        assert Vacancy.objects.select_for_update().filter(pk=vacancy.pk).db == "default"
    finally:
        db_router._route.reset(token)
    assert (
        streaming_pair.psql(
            f"select place from jobboard_vacancy where id = {vacancy.pk}", dbname="portal"
        )
        == "Kabupaten Probolinggo"
    )
    with pytest.raises(subprocess.CalledProcessError) as refused:
        streaming_pair.psql(
            f"update jobboard_vacancy set place = 'x' where id = {vacancy.pk}",
            standby=True,
            dbname="portal",
        )
    assert "read-only transaction" in refused.value.stderr


def test_other_public_pages_read_the_standby_and_private_ones_the_primary(replica_site, client):
    from portal.demo import STANDARDS

    for name, args, status in [
        ("quality:public", [], 200),
        ("portal:service_standard", [STANDARDS[0]["service"]], 200),
        ("akad_permits:verify", ["ABCD-EFGH-JKLM"], 404),  # no such permit: looked up there
    ]:
        _, primary, replica = by_alias(client, reverse(name, args=args), True, status)
        assert replica, name
    # a private page, even anonymous (it redirects to the log-in): nothing on the standby
    with CaptureQueriesContext(connections["replica"]) as replica:
        client.get(reverse("jobboard:my_applications"))
    assert len(replica) == 0


def test_a_standby_that_is_down_is_skipped(replica_site, client, streaming_pair):
    """Last in this module: it stops the standby."""
    streaming_pair.stop_standby()
    response, primary, replica = by_alias(client, reverse("jobboard:vacancy_list") + "?q=las")
    assert "Juru las" in response.text
    assert any("jobboard_vacancy" in sql for sql in primary)


@pytest.fixture
def make_user_on_pair(replica_site):
    from django.contrib.auth import get_user_model

    def make(username):
        return get_user_model().objects.create_user(
            username=username, password="pw-Secret-123", email=f"{username}@example.com"
        )

    return make
