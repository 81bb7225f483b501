"""The pure parts: the drop-oldest queue and the retry policy, as tables."""

from __future__ import annotations

from typing import Optional

import pytest

from vigil_sdk.queue import DropOldestQueue
from vigil_sdk.retry import is_retryable_status, parse_retry_after, refused_indexes, retry_delay_s


def test_queue_drops_the_oldest_to_make_room_and_counts_it() -> None:
    q: DropOldestQueue[int] = DropOldestQueue(3)
    for n in range(1, 6):
        q.push(n)
    assert (len(q), q.dropped) == (3, 2)
    assert q.take_run(10, lambda a, b: True) == [3, 4, 5]


def test_queue_takes_runs_of_one_kind() -> None:
    q: DropOldestQueue[str] = DropOldestQueue(10)
    for item in ["p1", "p2", "p3", "f1", "p4"]:
        q.push(item)
    same = lambda a, b: a[0] == b[0]  # noqa: E731
    assert [q.take_run(2, same), q.take_run(5, same), q.take_run(5, same), q.take_run(5, same), q.take_run(5, same)] == [["p1", "p2"], ["p3"], ["f1"], ["p4"], []]


def test_queue_returns_a_batch_to_the_front_dropping_its_oldest_when_full() -> None:
    q: DropOldestQueue[int] = DropOldestQueue(4)
    for n in [1, 2, 3]:
        q.push(n)
    batch = q.take_run(3, lambda a, b: True)
    q.push(4)
    q.push(5)
    assert q.return_to_front(batch) == 1
    assert q.take_run(10, lambda a, b: True) == [2, 3, 4, 5]


@pytest.mark.parametrize("status, retry", [(400, False), (401, False), (404, False), (413, False), (415, False), (408, True), (429, True), (500, True), (503, True)])
def test_retryable_statuses(status: int, retry: bool) -> None:
    assert is_retryable_status(status) is retry


NOW = 1_795_453_200.0  # 2026-11-23T17:00:00Z


@pytest.mark.parametrize(
    "header, expected",
    [("5", 5.0), ("0", 0.0), ("Mon, 23 Nov 2026 17:00:03 GMT", 3.0), ("Mon, 23 Nov 2026 16:00:00 GMT", 0.0), ("soon", None), (None, None)],
)
def test_parse_retry_after(header: Optional[str], expected: Optional[float]) -> None:
    assert parse_retry_after(header, NOW) == expected


@pytest.mark.parametrize(
    "attempt, retry_after, draw, expected",
    [
        pytest.param(1, None, 0.5, 0.25, id="first retry, half the ceiling"),
        pytest.param(3, None, 0.5, 1.0, id="third retry doubles twice"),
        pytest.param(20, None, 1.0, 30.0, id="capped at the maximum"),
        pytest.param(4, None, 0.0, 0.0, id="jitter can wait nothing"),
        pytest.param(1, 2.0, 0.1, 2.0, id="Retry-After wins"),
        pytest.param(1, 60.0, 0.1, 60.0, id="Retry-After beyond the cap is honoured"),
        pytest.param(3, 0.0, 0.5, 1.0, id="Retry-After 0 still backs off"),
    ],
)
def test_retry_delay(attempt: int, retry_after: Optional[float], draw: float, expected: float) -> None:
    assert retry_delay_s(attempt, retry_after, 0.5, 30.0, draw) == expected


def test_refused_indexes() -> None:
    details = [{"path": "predictions[3].features.age"}, {"path": "predictions[0].model"}, {"path": "predictions[3].prediction"}, {"path": "body"}, {}]
    assert refused_indexes(details, "predictions") == [0, 3]
    assert refused_indexes(details, "feedback") == []
    assert refused_indexes(None, "predictions") == []
