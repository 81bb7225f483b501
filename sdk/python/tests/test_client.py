"""The client's behaviour against a scripted fake server (no network): batching, refusals,
retries, overflow, closing."""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

import pytest

from conftest import wait_until
from vigil_sdk import DeliveryProblem, Vigil, VigilValidationError

Reply = Union[str, Tuple[int, Dict[str, str], Dict[str, Any]]]


class FakeVigil:
    """Records each request's items; answers from a script (default 200), or raises like an
    unreachable server for ``"down"``."""

    def __init__(self, script: Optional[List[Reply]] = None) -> None:
        self.script = list(script or [])
        self.requests: List[Tuple[str, List[Dict[str, Any]], float]] = []
        self.lock = threading.Lock()

    def post(self, url: str, headers: Dict[str, str], body: bytes, timeout_s: float) -> Tuple[int, Mapping[str, str], bytes]:
        items = next(iter(json.loads(body).values()))
        with self.lock:
            self.requests.append((url.split("/", 3)[3], items, time.monotonic()))
            reply = self.script.pop(0) if self.script else (200, {}, {})
        if reply == "down":
            raise ConnectionRefusedError(111, "Connection refused")
        status, reply_headers, reply_body = reply  # type: ignore[misc]
        return status, reply_headers, json.dumps(reply_body).encode()

    def ids(self) -> List[List[str]]:
        return [[item.get("id") or item.get("predictionId") for item in items] for _, items, _ in self.requests]


def client(fake: FakeVigil, **options: Any) -> Tuple[Vigil, List[DeliveryProblem]]:
    problems: List[DeliveryProblem] = []
    settings: Dict[str, Any] = dict(flush_on_exit=False, initial_retry_delay_s=0.005, on_error=problems.append, post=fake.post)
    settings.update(options)
    return Vigil("http://vigil.test/", "k", **settings), problems


def test_batches_per_kind_in_order_and_returns_generated_ids_at_once() -> None:
    fake = FakeVigil()
    vigil, _ = client(fake, flush_interval_s=60)
    pid = vigil.log_prediction("churn", {"plan": "pro"}, "stay")
    vigil.log_prediction("churn", {"tenure_months": 3}, 0, id="p-2")
    vigil.log_feedback("churn", pid, "left")
    assert len(pid) == 36 and fake.requests == []  # nothing sent on the caller's thread
    assert vigil.flush(5) is True
    assert [(path, len(items)) for path, items, _ in fake.requests] == [("v1/predictions", 2), ("v1/feedback", 1)]
    assert fake.requests[0][1][0] == {"model": "churn", "id": pid, "timestamp": fake.requests[0][1][0]["timestamp"], "features": {"plan": "pro"}, "prediction": "stay"}
    assert fake.requests[0][1][0]["timestamp"].endswith("Z")
    assert vigil.close().delivered == 3


def test_sends_a_partial_batch_after_the_interval() -> None:
    fake = FakeVigil()
    vigil, _ = client(fake, flush_interval_s=0.05)
    vigil.log_prediction("churn", {"x": 1}, 0)
    wait_until(lambda: len(fake.requests) == 1, "the interval to send the batch")
    vigil.close()


def test_raises_for_a_callers_bug_and_queues_nothing() -> None:
    vigil, _ = client(FakeVigil())
    with pytest.raises(VigilValidationError, match=r"^features\.age: expected a finite number, a string or None, got nan$"):
        vigil.log_prediction("churn", {"age": float("nan")}, 1)
    assert vigil.stats.queued == 0
    vigil.close()


def test_keeps_items_through_an_outage_and_honours_retry_after() -> None:
    fake = FakeVigil(["down", (503, {"Retry-After": "1"}, {"error": {"message": "storage unavailable"}})])
    vigil, problems = client(fake)
    vigil.log_prediction("churn", {"x": 1}, 0, id="p-1")
    assert vigil.flush(5) is True
    assert fake.ids() == [["p-1"], ["p-1"], ["p-1"]]
    assert fake.requests[2][2] - fake.requests[1][2] >= 0.99
    assert [(p.kind, p.status, p.attempt) for p in problems] == [("retrying", None, 1), ("retrying", 503, 2)]
    assert "Connection refused" in problems[0].message and problems[1].retry_in_s == 1.0
    assert vigil.close().retries == 2


def test_drops_a_batch_refused_whole_once_and_says_why() -> None:
    fake = FakeVigil([(404, {}, {"error": {"code": "not_found", "message": 'model "churn" does not exist'}})])
    vigil, problems = client(fake)
    vigil.log_prediction("churn", {"x": 1}, 0)
    vigil.log_prediction("churn", {"x": 2}, 0)
    assert vigil.flush(5) is True
    assert len(fake.requests) == 1
    assert problems == [DeliveryProblem("rejected", 2, 'Vigil refused 2 prediction item(s): model "churn" does not exist', status=404)]
    assert vigil.close().rejected == 2


def test_drops_only_the_items_a_400_names_and_sends_the_rest_again() -> None:
    details = [{"path": "predictions[1].features.x", "message": 'expected a number, got string "y"'}]
    fake = FakeVigil([(400, {}, {"error": {"message": "invalid predictions", "details": details}})])
    vigil, problems = client(fake)
    for pid in ["p-0", "p-1", "p-2"]:
        vigil.log_prediction("churn", {"x": 1}, 0, id=pid)
    assert vigil.flush(5) is True
    assert fake.ids() == [["p-0", "p-1", "p-2"], ["p-0", "p-2"]]
    assert problems[0].message == 'Vigil refused 1 prediction item(s): invalid predictions; predictions[1].features.x: expected a number, got string "y"'
    stats = vigil.close()
    assert (stats.rejected, stats.delivered) == (1, 2)


def test_drops_the_oldest_when_the_queue_overflows_and_counts_them() -> None:
    fake = FakeVigil(["down"] * 1000)
    vigil, problems = client(fake, max_queue_size=5, batch_size=5, initial_retry_delay_s=60)
    for i in range(5):
        vigil.log_prediction("churn", {"x": i}, 0, id=f"old-{i}")
    wait_until(lambda: vigil.stats.retries == 1, "the first batch to fail")
    for i in range(7):
        vigil.log_prediction("churn", {"x": i}, 0, id=f"new-{i}")
    assert (vigil.stats.queued, vigil.stats.dropped) == (5, 7)
    assert vigil.close(0.05).dropped == 12  # 7 overflowed + 5 abandoned at close
    assert ("dropped", 7) in [(p.kind, p.count) for p in problems]
    assert ("abandoned", 5) in [(p.kind, p.count) for p in problems]


def test_context_manager_flushes_on_exit_and_later_calls_raise() -> None:
    fake = FakeVigil()
    with client(fake, flush_interval_s=60)[0] as vigil:
        vigil.log_prediction("churn", {"x": 1}, 0)
    assert len(fake.requests) == 1
    with pytest.raises(RuntimeError, match="closed"):
        vigil.log_prediction("churn", {"x": 1}, 0)


def test_a_failing_on_error_callback_does_not_stop_sending() -> None:
    fake = FakeVigil(["down"])

    def explode(problem: DeliveryProblem) -> None:
        raise RuntimeError("callback bug")

    vigil, _ = client(fake, on_error=explode)
    vigil.log_prediction("churn", {"x": 1}, 0)
    assert vigil.flush(5) is True
    vigil.close()


def test_needs_a_url_and_a_key_unless_it_emits_opentelemetry_records() -> None:
    with pytest.raises(TypeError, match="both are required"):
        Vigil("http://x")
