"""An uploaded workbook between its preview and the project leader's confirmation.

The parsed, validated values are kept here (never the file itself) so that the confirmation writes exactly
what the preview showed; a pending import that is not confirmed is simply left to expire.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.domain.base import Base, enum_column, utcnow


class ImportKind(enum.StrEnum):
    OFFLINE_FORM = "offline_form"  # one party's filled-in Excel form for one round
    HISTORY = "history"  # earlier years in long format (party code, year, indicator key, value)


class PendingImport(Base):
    __tablename__ = "pending_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[ImportKind] = mapped_column(enum_column(ImportKind, "import_kind"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    # The submission's version when the preview was made: confirming a stale preview is refused.
    submission_version: Mapped[int | None]
    filename: Mapped[str] = mapped_column(String(255))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
