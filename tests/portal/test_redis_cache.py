"""portal.cache.RedisCache against the Redis on loopback (the production cache, REDIS_URL)."""

import socket

import pytest

from portal.cache import RedisCache


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def redis_cache():
    cache = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "test-portal-cache"})
    cache.clear()
    yield cache
    cache.clear()


def test_values_go_in_and_come_back(redis_cache):
    redis_cache.set("office", {"name": "Disnaker"}, 60)
    redis_cache.set_many({"a": 1, "b": (2, "dua")}, 60)
    assert redis_cache.get("office") == {"name": "Disnaker"}
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": (2, "dua")}
    assert redis_cache.add("a", 5) is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None


def test_one_client_serves_every_operation(redis_cache):
    """Django's client builds a new redis.Redis per operation; this one keeps it per pool."""
    client = redis_cache._cache.get_client(write=True)
    redis_cache.set("x", 1, 60)
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client() is client
