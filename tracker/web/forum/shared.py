"""The built files (chart SVGs, the deck, the handout, the Excel summary) shared by every worker and instance
through Redis, when REDIS_URL is set: a data version is drawn once, not once per worker.

A file is stored under its key (the kind, the basis, the language and the data version, in the namespace of the
database) for a day; a new version makes a new key, so nothing is ever invalidated. A value is a file and
whether it is preliminary, stored as bytes (never pickled: what comes back from Redis is only ever data). When
Redis cannot be reached the worker's own cache serves, and the failure is logged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Hashable

from redis import Redis
from redis.exceptions import RedisError

from tracker.web.forum.cache import LruCache

log = logging.getLogger(__name__)
File = tuple[bytes | None, bool]  # the file (None: there is no such file) and whether it is preliminary
ONE_DAY = 24 * 3600


def encode(value: File) -> bytes:
    data, is_preliminary = value
    return (b"P" if is_preliminary else b"F") + (b"-" if data is None else b"+" + data)


def decode(raw: bytes) -> File:
    return (None if raw[1:2] == b"-" else raw[2:]), raw[:1] == b"P"


class SharedFiles:
    """`get_or_build(key, build)` as LruCache's, through Redis; the local cache in front of it."""

    def __init__(self, url: str, namespace: str, local: LruCache) -> None:
        self.redis = Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.namespace = namespace
        self.local = local
        self.hits = 0  # served from Redis (another worker built it)
        self.builds = 0

    def _name(self, key: Hashable) -> str:
        return f"tracker:{self.namespace}:file:" + hashlib.blake2s(repr(key).encode("utf-8")).hexdigest()

    def get_or_build(self, key: Hashable, build: Callable[[], File]) -> File:
        name = self._name(key)

        def shared() -> File:
            try:
                raw = self.redis.get(name)
            except RedisError:
                log.warning("Redis cannot be reached: this worker builds the file itself", exc_info=True)
                return build()
            if isinstance(raw, bytes):
                self.hits += 1
                return decode(raw)
            value = build()
            self.builds += 1
            try:
                self.redis.set(name, encode(value), ex=ONE_DAY)
            except RedisError:
                log.warning("Redis cannot be reached: the file is not shared", exc_info=True)
            return value

        return self.local.get_or_build(key, shared)

    def __len__(self) -> int:
        return len(self.local)

    def clear(self) -> None:
        self.local.clear()
