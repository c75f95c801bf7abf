"""The shared cache (Redis): Django's backend, keeping its Redis client objects (issue 10).

Django makes a new `redis.Redis` object for every cache call, and redis-py builds its table of
about 170 response callbacks in each: some 0.3 ms, while the call itself is a round trip to
Redis. Every page makes two or more calls (the session, the home panels, the rate limits), so
one client per connection pool is kept instead. A `redis.Redis` is safe to share between
threads: it takes a connection from the pool for each command, as before, and the pool
notices a fork (Celery's workers) and starts new connections there.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._pools.get(index) or self._get_connection_pool(write)
            client = self._clients.setdefault(index, self._client(connection_pool=pool))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
