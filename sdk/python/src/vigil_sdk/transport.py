"""Posts one batch to Vigil with the standard library and classifies the answer."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .retry import Delivered, Rejected, Retry, SendOutcome, is_retryable_status, parse_retry_after, refused_indexes

ENDPOINTS: Mapping[str, Tuple[str, str]] = {
    "prediction": ("/v1/predictions", "predictions"),
    "feedback": ("/v1/feedback", "feedback"),
}
"""Per kind of record: the path, and the JSON field that carries the list."""

Post = Callable[[str, Dict[str, str], bytes, float], Tuple[int, Mapping[str, str], bytes]]
"""``(url, headers, body, timeout_s) -> (status, headers, body)``; raises ``OSError`` when unreachable."""


def urllib_post(url: str, headers: Dict[str, str], body: bytes, timeout_s: float) -> Tuple[int, Mapping[str, str], bytes]:
    """The default ``Post``: urllib, with HTTP errors returned rather than raised."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()) if error.headers else {}, error.read()


def _error_message(status: int, body: bytes) -> Tuple[str, Optional[List[Any]]]:
    try:
        parsed = json.loads(body)
        error = parsed.get("error", {}) if isinstance(parsed, dict) else {}
        details = error.get("details") or []
        shown = [f"{d.get('path')}: {d.get('message')}" for d in details[:5] if isinstance(d, dict)]
        more = f" (and {len(details) - 5} more)" if len(details) > 5 else ""
        return "; ".join([error.get("message") or f"HTTP {status}", *shown]) + more, details
    except (ValueError, AttributeError):
        text = body[:200].decode("utf-8", "replace")
        return f"HTTP {status}" + (f": {text}" if text else ""), None


def send_batch(post: Post, url: str, api_key: str, timeout_s: float, kind: str, records: Sequence[Mapping[str, Any]]) -> SendOutcome:
    """Sends one batch of one kind. Never raises for a transport problem: that is a ``Retry``."""
    path, field_name = ENDPOINTS[kind]
    body = json.dumps({field_name: list(records)}).encode("utf-8")
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {api_key}"}
    try:
        status, response_headers, response_body = post(f"{url}{path}", headers, body, timeout_s)
    except (OSError, ValueError) as error:  # URLError, timeouts, connection resets are OSErrors
        reason = getattr(error, "reason", error)
        return Retry(message=f"could not reach {url}: {reason}")
    if 200 <= status < 300:
        return Delivered()
    message, details = _error_message(status, response_body)
    if is_retryable_status(status):
        retry_after = next((v for k, v in response_headers.items() if k.lower() == "retry-after"), None)
        return Retry(message=message, status=status, retry_after_s=parse_retry_after(retry_after, time.time()))
    return Rejected(status=status, message=message, bad_indexes=refused_indexes(details, field_name) if status == 400 else [])
