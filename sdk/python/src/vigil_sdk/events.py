"""What a caller logs, checked and normalised before it is queued.

The SDK does not know the model's schema (the server checks that); it checks what any model
needs, so that a bug in the caller's code is an exception at the call site rather than a
batch refused minutes later.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Mapping, Optional, Union

FeatureValue = Union[int, float, str, None]
"""A feature value: a number (numeric feature), a string (categorical) or None (missing)."""

TimeInput = Union[datetime, str]
"""A time: an aware ``datetime`` (a naive one is taken as UTC) or an RFC 3339 string with a zone."""

Label = Union[int, float, str]

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE)


class VigilValidationError(ValueError):
    """Raised synchronously for a caller's bug; the message names the field and what was wrong."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def _describe(value: object) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    return f"a {type(value).__name__}"


def _is_number(value: object) -> bool:
    # bool is an int in Python, but True is not a feature value Vigil can store.
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _name(value: object, path: str) -> str:
    if not isinstance(value, str) or value.strip() == "":
        raise VigilValidationError(path, f"expected a non-empty string, got {_describe(value)}")
    return value


def _finite(value: object, path: str, what: str = "a finite number") -> float:
    if not _is_number(value) or not math.isfinite(value):  # type: ignore[arg-type]
        raise VigilValidationError(path, f"expected {what}, got {_describe(value)}")
    return value  # type: ignore[return-value]


def _number_or_string(value: object, path: str) -> Union[float, str]:
    if isinstance(value, str):
        return value
    return _finite(value, path, "a finite number or a string")


def utc_timestamp(value: Optional[TimeInput], path: str, now: Callable[[], datetime]) -> str:
    """Any accepted time as an RFC 3339 UTC string with milliseconds, e.g. ``2026-11-23T17:00:00.000Z``."""
    if value is None:
        moment = now()
    elif isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        if not _RFC3339.match(value):
            raise VigilValidationError(path, f'expected an RFC 3339 time with a zone (e.g. "2026-11-23T17:00:00Z"), got {_describe(value)}')
        moment = datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", _trim_fraction(value)))
    else:
        raise VigilValidationError(path, f"expected a datetime or an RFC 3339 string, got {_describe(value)}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _trim_fraction(value: str) -> str:
    """Python before 3.11 reads at most 6 fractional digits, and only 3 or 6."""
    match = re.match(r"^(.*T\d{2}:\d{2}:\d{2})\.(\d+)(.*)$", value)
    if not match:
        return value
    return f"{match.group(1)}.{(match.group(2) + '000000')[:6]}{match.group(3)}"


def prediction_record(
    *,
    model: object,
    features: object,
    prediction: object,
    id: Optional[object],
    version: Optional[object],
    timestamp: Optional[object],
    scores: Optional[object],
    latency_ms: Optional[object],
    new_id: Callable[[], str],
    now: Callable[[], datetime],
) -> Dict[str, Any]:
    """Checks a prediction and returns it as ``POST /v1/predictions`` takes it, id and time filled in."""
    record: Dict[str, Any] = {"model": _name(model, "model")}
    if not isinstance(features, Mapping):
        raise VigilValidationError("features", f"expected a mapping of feature name to value, got {_describe(features)}")
    checked: Dict[str, FeatureValue] = {}
    for name, value in features.items():
        if not isinstance(name, str) or name.strip() == "":
            raise VigilValidationError("features", f"feature names must be non-empty strings, got {_describe(name)}")
        if value is None or isinstance(value, str):
            checked[name] = value
        else:
            checked[name] = _finite(value, f"features.{name}", "a finite number, a string or None")
    record["id"] = new_id() if id is None else _name(id, "id")
    record["timestamp"] = utc_timestamp(timestamp, "timestamp", now)  # type: ignore[arg-type]
    record["features"] = checked
    if prediction is None:
        raise VigilValidationError("prediction", "is required (the model output: a number or a class)")
    record["prediction"] = _number_or_string(prediction, "prediction")
    if version is not None:
        record["version"] = _name(version, "version")
    if scores is not None:
        if not isinstance(scores, Mapping):
            raise VigilValidationError("scores", f"expected a mapping of class to probability, got {_describe(scores)}")
        record["scores"] = {str(label): _finite(score, f"scores.{label}") for label, score in scores.items()}
    if latency_ms is not None:
        latency = _finite(latency_ms, "latency_ms", "a finite number of milliseconds")
        if latency < 0:
            raise VigilValidationError("latency_ms", f"expected 0 or more, got {latency!r}")
        record["latencyMs"] = latency
    return record


def feedback_record(*, model: object, prediction_id: object, label: object, timestamp: Optional[object], now: Callable[[], datetime]) -> Dict[str, Any]:
    """Checks a label and returns it as ``POST /v1/feedback`` takes it."""
    return {
        "model": _name(model, "model"),
        "predictionId": _name(prediction_id, "prediction_id"),
        "label": _number_or_string(label, "label"),
        "timestamp": utc_timestamp(timestamp, "timestamp", now),  # type: ignore[arg-type]
    }
