"""Local validation: a caller's bug is an error at the call site, naming the field."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from typing import Any, Dict

import pytest

from vigil_sdk.events import VigilValidationError, feedback_record, prediction_record, utc_timestamp

NOW = datetime(2026, 11, 23, 17, 0, 0, tzinfo=timezone.utc)


def predict(**overrides: Any) -> Dict[str, Any]:
    call: Dict[str, Any] = dict(model="churn", features={"tenure_months": 14, "plan": "pro", "seats": None}, prediction=1, id=None, version=None, timestamp=None, scores=None, latency_ms=None)
    call.update(overrides)
    return prediction_record(**call, new_id=lambda: "generated-id", now=lambda: NOW)


def test_fills_in_the_id_and_the_time_of_the_call_in_utc() -> None:
    assert predict() == {"model": "churn", "id": "generated-id", "timestamp": "2026-11-23T17:00:00.000Z", "features": {"tenure_months": 14, "plan": "pro", "seats": None}, "prediction": 1}


def test_keeps_what_the_caller_gave_with_times_in_utc() -> None:
    record = predict(id="req-1", version="3", timestamp="2026-11-23T18:30:00.25+01:30", scores={0: 0.2, "1": 0.8}, latency_ms=12.5)
    assert record == {
        "model": "churn", "id": "req-1", "version": "3", "timestamp": "2026-11-23T17:00:00.250Z",
        "features": {"tenure_months": 14, "plan": "pro", "seats": None}, "prediction": 1, "scores": {"0": 0.2, "1": 0.8}, "latencyMs": 12.5,
    }


@pytest.mark.parametrize(
    "overrides, message",
    [
        pytest.param({"model": ""}, "model: expected a non-empty string, got ''", id="no model"),
        pytest.param({"model": None}, "model: expected a non-empty string, got None", id="model None"),
        pytest.param({"features": [1, 2]}, "features: expected a mapping of feature name to value, got a list", id="features a list"),
        pytest.param({"features": {"age": math.nan}}, "features.age: expected a finite number, a string or None, got nan", id="NaN feature"),
        pytest.param({"features": {"age": math.inf}}, "features.age: expected a finite number, a string or None, got inf", id="infinite feature"),
        pytest.param({"features": {"vip": True}}, "features.vip: expected a finite number, a string or None, got True", id="bool feature"),
        pytest.param({"features": {"tags": ["a"]}}, "features.tags: expected a finite number, a string or None, got a list", id="list feature"),
        pytest.param({"features": {"": 1}}, "features: feature names must be non-empty strings, got ''", id="empty name"),
        pytest.param({"features": {3: 1}}, "features: feature names must be non-empty strings, got 3", id="int name"),
        pytest.param({"prediction": None}, "prediction: is required (the model output: a number or a class)", id="no prediction"),
        pytest.param({"prediction": math.nan}, "prediction: expected a finite number or a string, got nan", id="NaN prediction"),
        pytest.param({"id": ""}, "id: expected a non-empty string, got ''", id="empty id"),
        pytest.param({"version": 3}, "version: expected a non-empty string, got 3", id="int version"),
        pytest.param({"scores": {"1": "0.8"}}, "scores.1: expected a finite number, got '0.8'", id="score a string"),
        pytest.param({"latency_ms": -1}, "latency_ms: expected 0 or more, got -1", id="negative latency"),
        pytest.param({"timestamp": "2026-11-23T17:00:00"}, 'timestamp: expected an RFC 3339 time with a zone (e.g. "2026-11-23T17:00:00Z"), got \'2026-11-23T17:00:00\'', id="time without zone"),
        pytest.param({"timestamp": 1700000000}, "timestamp: expected a datetime or an RFC 3339 string, got 1700000000", id="epoch number"),
    ],
)
def test_refuses_a_callers_bug(overrides: Dict[str, Any], message: str) -> None:
    with pytest.raises(VigilValidationError) as raised:
        predict(**overrides)
    assert str(raised.value) == message


def test_checks_labels() -> None:
    assert feedback_record(model="churn", prediction_id="p-1", label="churned", timestamp=None, now=lambda: NOW) == {"model": "churn", "predictionId": "p-1", "label": "churned", "timestamp": "2026-11-23T17:00:00.000Z"}
    with pytest.raises(VigilValidationError, match=r"^prediction_id: expected a non-empty string, got ''$"):
        feedback_record(model="churn", prediction_id="", label=0, timestamp=None, now=lambda: NOW)
    with pytest.raises(VigilValidationError, match=r"^label: expected a finite number or a string, got None$"):
        feedback_record(model="churn", prediction_id="p-1", label=None, timestamp=None, now=lambda: NOW)


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(datetime(2026, 1, 2, 5, 4, 5, 123456, tzinfo=timezone(timedelta(hours=2))), "2026-01-02T03:04:05.123Z", id="aware datetime"),
        pytest.param(datetime(2026, 1, 2, 3, 4, 5), "2026-01-02T03:04:05.000Z", id="naive datetime is UTC"),
        pytest.param("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000Z", id="UTC string"),
        pytest.param("2026-01-02T03:04:05.123456789-01:00", "2026-01-02T04:04:05.123Z", id="nanoseconds, offset"),
    ],
)
def test_reads_times(value: Any, expected: str) -> None:
    assert utc_timestamp(value, "timestamp", lambda: NOW) == expected
