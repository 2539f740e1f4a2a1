"""A sign-in link's token, as the server keeps it: only its SHA-256, so that a copy of the database (a backup,
a log of its rows) signs no one in. The token itself is random and says nothing (no user id, no address)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.domain.base import Base, utcnow

NEXT_PATH_MAX_LENGTH = 2000


def token_hash(token: str) -> str:
    """What is stored of a token. A plain SHA-256 suffices: the token has 256 random bits, nothing to guess."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SignInToken(Base):
    """One sign-in link: for whom, where it leads, until when. It works once: `stamp` is the user's sign-in
    stamp when it was made (tracker.operations.sign_in), which every sign-in changes."""

    __tablename__ = "sign_in_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    stamp: Mapped[str] = mapped_column(String(64))
    next_path: Mapped[str | None] = mapped_column(String(NEXT_PATH_MAX_LENGTH))
    created_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
