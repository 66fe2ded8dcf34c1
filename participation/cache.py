"""Django's Redis cache, keeping one client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every call; with redis-py 8 that object
costs more to build than the GET it sends (about a third of a cached page's time here, issue 24).
A `redis.Redis` is safe to share between threads (each command borrows a connection from the
pool), so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClient

    def set_many_forever(self, data: dict) -> None:
        """One MSET, with no expiry: Django's set_many wraps it in MULTI/EXEC, which a write
        on the ballot's path pays for with every vote (page_cache.bump)."""
        serializer = self._cache._serializer
        self._cache.get_client(write=True).mset(
            {self.make_and_validate_key(k): serializer.dumps(v) for k, v in data.items()}
        )
