"""Hong Kong time: every business date and time is Asia/Hong_Kong; moments are stored as UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def require_aware(value: datetime, name: str) -> None:
    # Business dates are Hong Kong dates; a naive datetime could be UTC or local, so guessing
    # would silently shift bookings by a day near midnight.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, not {value!r}")


def hk_date(at: datetime) -> date:
    """The Hong Kong calendar date of the aware moment ``at`` (D in R8)."""
    require_aware(at, "at")
    return at.astimezone(HONG_KONG).date()


def parse_moment(text: str) -> datetime:
    """ISO 8601 moment; Hong Kong time when it has no offset (cli.md). Raises ValueError."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=HONG_KONG)
    return moment
