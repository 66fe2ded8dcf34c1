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

    def get_many_fast(self, keys) -> dict:
        """get_many for keys the portal makes itself (short, ASCII): one MGET, without the
        memcached-compatibility check Django runs on every key (a fifth of a kept page's cache
        read with a dozen keys)."""
        if not keys:  # a page that read no table (Redis refuses an MGET of nothing)
            return {}
        loads = self._cache._serializer.loads
        values = _command(self._cache.get_client(), "MGET", *[self.make_key(k) for k in keys])
        return {k: loads(v) for k, v in zip(keys, values, strict=True) if v is not None}

    def set_many_forever(self, data: dict) -> None:
        """One MSET, with no expiry: Django's set_many wraps it in MULTI/EXEC, which a write
        on the ballot's path pays for with every vote (page_cache.bump)."""
        dumps = self._cache._serializer.dumps
        pairs = [part for k, v in data.items() for part in (self.make_key(k), dumps(v))]
        _command(self._cache.get_client(write=True), "MSET", *pairs)


def _command(client, *args):
    """One command on a pooled connection, without redis-py's retry wrapper and reply callbacks,
    which cost a third of a version bump's CPU on the ballot's path (issue 24). A connection
    that fails is dropped, so the next command opens a fresh one."""
    pool = client.connection_pool
    connection = pool.get_connection()
    try:
        connection.send_command(*args)
        return connection.read_response()
    except BaseException:
        connection.disconnect()
        raise
    finally:
        pool.release(connection)


def get_together(items: list[tuple[object, str]]) -> list:
    """The values of (cache, key) pairs, in order (None where missing): one MGET when every
    cache is a SharedClientRedisCache on the same server (the session, the person's facts and
    the page of a request, issue 24), else one get_many per cache."""
    caches_used = {id(cache): cache for cache, _ in items}
    first = next(iter(caches_used.values()))
    one_server = all(
        isinstance(c, SharedClientRedisCache) and c._servers == first._servers
        for c in caches_used.values()
    )
    if one_server:
        keys = [cache.make_key(key) for cache, key in items]
        values = _command(first._cache.get_client(), "MGET", *keys)
        loads = first._cache._serializer.loads
        return [None if v is None else loads(v) for v in values]
    found: dict[int, dict] = {}
    for cache_id, cache in caches_used.items():
        keys = [key for c, key in items if id(c) == cache_id]
        found[cache_id] = cache.get_many(keys)
    return [found[id(cache)].get(key) for cache, key in items]
