"""What to do after one attempt to send a batch, and how long to wait before the next.

Decided from the HTTP status alone, as docs/sending-telemetry.md defines the answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Iterable, List, Mapping, Optional, Union


@dataclass(frozen=True)
class Delivered:
    """2xx: stored durably."""


@dataclass(frozen=True)
class Rejected:
    """The server will never take this batch as it is (400, 401, 403, 404, 413, 415, ...)."""

    status: int
    message: str
    bad_indexes: List[int] = field(default_factory=list)


@dataclass(frozen=True)
class Retry:
    """Worth sending again later: network failure, timeout, 408, 429, 5xx."""

    message: str
    status: Optional[int] = None
    retry_after_s: Optional[float] = None


SendOutcome = Union[Delivered, Rejected, Retry]


def is_retryable_status(status: int) -> bool:
    """Statuses that say "not now" rather than "not this"."""
    return status == 408 or status == 429 or status >= 500


def parse_retry_after(header: Optional[str], now_s: float) -> Optional[float]:
    """A ``Retry-After`` header in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if header is None or header.strip() == "":
        return None
    value = header.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now_s)
    except (TypeError, ValueError):
        return None


def retry_delay_s(attempt: int, retry_after_s: Optional[float], initial_delay_s: float, max_delay_s: float, random: float) -> float:
    """The wait before retry number ``attempt`` (1 for the first retry).

    Exponential back-off with "full jitter" (a uniform draw below
    ``initial_delay_s * 2**(attempt-1)``, capped at ``max_delay_s``), so that clients kept out by
    the same outage do not come back in step; never sooner than a server's ``Retry-After``
    (honoured even beyond the cap), and a ``Retry-After: 0`` does not make a busy loop.
    ``random`` is a draw from [0, 1).
    """
    ceiling = min(max_delay_s, initial_delay_s * 2 ** max(0, attempt - 1))
    return max(ceiling * random, retry_after_s or 0.0)


def refused_indexes(details: Optional[Iterable[Mapping[str, object]]], field_name: str) -> List[int]:
    """The item indexes a 400's ``error.details`` names (``predictions[3].features.age`` → 3)."""
    pattern = re.compile(rf"^{re.escape(field_name)}\[(\d+)\]")
    found = set()
    for detail in details or []:
        path = detail.get("path") if isinstance(detail, Mapping) else None
        match = pattern.match(path) if isinstance(path, str) else None
        if match:
            found.add(int(match.group(1)))
    return sorted(found)
