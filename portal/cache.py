"""Django's Redis cache backend, with one Redis client per connection pool.

Django's RedisCacheClient builds a new ``redis.Redis`` object for every cache operation, and
building one fills its table of several hundred response callbacks: about 0.2 ms of Python per
``cache.get``, more than the round trip to Redis itself. Every page reads the shared cache (the
page cache, the office profile, the search form's lists), so here each pool keeps its client.
A ``redis.Redis`` is safe to share between threads (connections come from its pool).
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
