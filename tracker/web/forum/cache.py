"""The dashboard's cache: what was built from the data, kept until the data changes.

Keys carry the data version (`tracker.queries.followup.data_version`, one cheap query per request), so a changed
answer, status, county figure, round state, name, label or target makes new keys: nothing is ever invalidated, old
entries simply fall out of a small in-process LRU. Each app has its own caches (app.extensions), so tests never
share one; with REDIS_URL the built files are shared by every worker and instance as well.

Beneath them, what is drawn (a chart, a handout, a deck, a workbook: seconds of matplotlib, python-pptx, openpyxl)
is kept by the content it is drawn from (`drawn`): a new data version whose follow-up reads the same (a draft
saved in the open round, for the outputs without drafts; a closed year's charts after any change of this year)
is drawn again only if its content changed. That cache is the process's, because content is content whichever
app or database it came from.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from flask import current_app, g

from tracker.queries.followup import DataVersion, data_version
from tracker.web import db_session

T = TypeVar("T")
EXTENSION = "tracker.forum_cache"


class LruCache:
    """A bounded mapping that forgets the least recently used entry; thread-safe; counts hits and builds."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self.hits = 0
        self.builds = 0
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], T]) -> T:
        """The cached value of `key`, or `build()` stored under it. Two requests missing at once may both build
        (the same bytes): cheaper than making every reader wait on a lock."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return cast(T, self._entries[key])  # stored by `build()` under this key, a T
        value = build()
        with self._lock:
            self.builds += 1
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class ForumCaches:
    """Report data (large, few), page models (per year and language) and files (charts, downloads). With
    `redis_url` the files are shared by every worker and instance (tracker.web.forum.shared)."""

    def __init__(self, redis_url: str | None = None, namespace: str = "") -> None:
        self.followups = LruCache(8)
        self.pages = LruCache(64)
        if redis_url:
            from tracker.web.forum.shared import SharedFiles

            self.files: LruCache | SharedFiles = SharedFiles(redis_url, namespace, LruCache(512))
        else:
            self.files = LruCache(512)

    def clear(self) -> None:
        for cache in (self.followups, self.pages, self.files):
            cache.clear()


_drawings = LruCache(128)


def drawn(kind: Hashable, source: object, draw: Callable[[], bytes]) -> bytes:
    """`draw()`, the bytes drawn from `source` (report data: a follow-up or a chart), kept by `kind` (what is
    drawn, in which language and on which template) and a digest of `source`'s content. The digest is of its
    pickle, made only to be hashed and never loaded; equal data pickled in another order only costs a drawing."""
    digest = hashlib.blake2b(pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL), digest_size=32).digest()
    return _drawings.get_or_build((kind, digest), draw)


def caches() -> ForumCaches:
    """The app's caches (created when the forum blueprint is registered)."""
    found: ForumCaches = current_app.extensions[EXTENSION]
    return found


def current_version(year: int | None = None) -> DataVersion:
    """The version of the data the follow-up of `year` reads (None: all data), read once per request."""
    found: dict[int | None, DataVersion] = g.setdefault("forum_data_versions", {})
    if year not in found:
        found[year] = data_version(db_session(), year)
    return found[year]


def version_tag(version: DataVersion) -> str:
    """A short, URL-safe fingerprint of a data version (ETags, the `v` of chart URLs)."""
    return hashlib.blake2s(repr(version).encode("utf-8"), digest_size=8).hexdigest()
