"""The small values every page shows (the office map and list, the year's placements, the
search's places and sectors, an officer's permissions) are read from the shared cache once per
request at most, and each worker keeps a copy between requests: a change must still show on
the very next request, whichever worker made it."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from portal import pagecache
from portal.models import Office
from tests.jobboard.factories import make_vacancy
from tests.portal.test_redis_cache import redis_answers

pytestmark = pytest.mark.django_db

LIST = reverse("jobboard:vacancy_list")


def test_an_office_renamed_by_another_worker_shows_on_the_next_page(client, office):
    """Another worker's save sets a new version in the shared cache; this worker's copy of the
    office list must not hide it."""
    make_vacancy(title="Operator Forklift")
    assert office.name in client.get(LIST, {"q": "forklift", "r": "1"}).content.decode()

    # What another worker's save does here: the row changes, the shared version is new.
    Office.objects.filter(pk=office.pk).update(name="Dinas Ketenagakerjaan Uji Coba")
    cache.set(pagecache.model_version_key(Office), "set-by-another-worker", None)

    page = client.get(LIST, {"q": "forklift", "r": "1"}).content.decode()
    assert "Dinas Ketenagakerjaan Uji Coba" in page


def test_a_new_place_shows_in_the_search_list_once_the_shared_cache_is_emptied(client, office):
    """The places and sectors lag by design (``remember``); emptying the shared cache, as a
    deploy may, retires every worker's copy too."""
    make_vacancy(title="Juru Masak", place="Kraksaan")
    assert ">Kraksaan<" in client.get(LIST, {"r": "1"}).content.decode()
    make_vacancy(title="Juru Parkir", place="Tongas")
    assert ">Tongas<" not in client.get(LIST, {"r": "1"}).content.decode()  # kept, as meant

    cache.clear()

    assert ">Tongas<" in client.get(LIST, {"r": "1"}).content.decode()


def test_what_one_caller_changes_in_a_value_the_next_caller_does_not_get(client, office):
    from portal.offices import address_map

    client.get(LIST, {"r": "1"})  # the map is now kept by this worker
    client.get(LIST, {"r": "1"})
    pagecache._start_request()
    try:
        address_map()["slugs"]["palsu"] = 999
        assert "palsu" not in address_map()["slugs"]
    finally:
        pagecache._end_request()


def test_a_value_is_not_kept_past_its_timeout(office):
    calls = []
    pagecache._start_request()
    try:
        for _ in range(2):
            pagecache.memoize_under("test:version", "test:value", lambda: calls.append(1), 0)
    finally:
        pagecache._end_request()
    assert len(calls) == 2


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_a_search_page_asks_the_shared_cache_once(client, office):
    """Against the Redis on loopback: the commands it processed during one uncached search,
    after a first one has warmed this worker."""
    import redis

    server = redis.Redis.from_url("redis://127.0.0.1:6379/13")
    location = {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/13"}
    with override_settings(CACHES={"default": {**location, "KEY_PREFIX": "test-memo"}}):
        cache.clear()
        try:
            make_vacancy(title="Operator Forklift")
            client.get(LIST, {"q": "forklift", "r": "1"})

            before = server.info("stats")["total_commands_processed"]
            page = client.get(LIST, {"q": "forklift", "r": "1"})
            after = server.info("stats")["total_commands_processed"]
        finally:
            cache.clear()
    assert "Operator Forklift" in page.content.decode()
    assert after - before - 1 == 1  # one MGET (the INFO asked before counts itself)


def test_a_value_without_a_timeout_is_kept_until_its_version_changes(office):
    calls = []
    pagecache._start_request()
    try:
        for _ in range(2):
            pagecache.memoize_under("test:version", "test:forever", lambda: calls.append(1), None)
        pagecache.renew("test:version")
        pagecache.memoize_under("test:version", "test:forever", lambda: calls.append(1), None)
    finally:
        pagecache._end_request()
    assert len(calls) == 2
