"""The Python SDK against a running Vigil (started by the ``vigil`` fixture): what a model
service logs arrives intact, through a refusal, an outage, a 429 and an overflowing queue."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, List, Tuple

from conftest import ADMIN_KEY, VigilServer, wait_until
from vigil_sdk import DeliveryProblem, Vigil


def sdk(url: str, **options: Any) -> Tuple[Vigil, List[DeliveryProblem]]:
    problems: List[DeliveryProblem] = []
    settings: dict = dict(flush_on_exit=False, initial_retry_delay_s=0.05, max_retry_delay_s=0.5, on_error=problems.append)
    settings.update(options)
    return Vigil(url, ADMIN_KEY, **settings), problems


def test_predictions_and_feedback_arrive_intact(vigil: VigilServer) -> None:
    client, problems = sdk(vigil.url)
    with client:
        pid = client.log_prediction(
            "churn", {"tenure_months": 14, "plan": "pro"}, 1, version="3",
            timestamp=datetime(2026, 11, 23, 16, 59, 59, 250000, tzinfo=timezone.utc), scores={"0": 0.18, "1": 0.82}, latency_ms=12.5,
        )
        given = client.log_prediction("churn", {"tenure_months": 2.5, "plan": None}, 0, id="py-given-id")
        client.log_feedback("churn", pid, 0)
    assert given == "py-given-id"
    assert problems == []
    assert client.stats.delivered == 3
    status, body = vigil.prediction("churn", pid)
    assert status == 200
    assert {k: body[k] for k in ["id", "version", "timestamp", "features", "prediction", "scores", "latencyMs", "label"]} == {
        "id": pid, "version": "3", "timestamp": "2026-11-23T16:59:59.250Z", "features": {"tenure_months": 14, "plan": "pro"},
        "prediction": 1, "scores": {"0": 0.18, "1": 0.82}, "latencyMs": 12.5, "label": 0,
    }
    assert vigil.prediction("churn", "py-given-id")[1]["features"] == {"tenure_months": 2.5, "plan": None}


def test_what_the_server_refuses_is_reported_with_its_message_and_the_rest_is_kept(vigil: VigilServer) -> None:
    client, problems = sdk(vigil.url)
    client.log_prediction("churn", {"tenure_months": 1, "plan": "basic"}, 0, id="py-good")
    client.log_prediction("churn", {"tenure_months": "long", "plan": "basic"}, 0, id="py-bad")
    stats = client.close()
    assert (stats.delivered, stats.rejected) == (1, 1)
    assert [(p.kind, p.status, p.count) for p in problems] == [("rejected", 400, 1)]
    assert "predictions[1].features.tenure_months" in problems[0].message
    assert vigil.prediction("churn", "py-good")[0] == 200
    assert vigil.prediction("churn", "py-bad")[0] == 404


def test_nothing_is_lost_while_the_server_is_down_within_the_queue_bound(vigil: VigilServer) -> None:
    client, problems = sdk(vigil.url, batch_size=20, flush_interval_s=0.01)
    vigil.stop()
    try:
        ids = [client.log_prediction("churn", {"tenure_months": i, "plan": "pro"}, i % 2) for i in range(50)]
        wait_until(lambda: client.stats.retries >= 2, "retries while the server is down")
        assert problems[0].kind == "retrying"
    finally:
        vigil.start()
    assert client.flush(30) is True
    stats = client.close()
    assert (stats.delivered, stats.dropped, stats.rejected) == (50, 0, 0)
    for i, pid in enumerate(ids):
        status, body = vigil.prediction("churn", pid)
        assert status == 200 and body["features"]["tenure_months"] == i


def test_a_429_retry_after_is_honoured(vigil: VigilServer, proxy: Any) -> None:
    gate = proxy(lambda n: (429, {"Retry-After": "1"}) if n == 1 else "forward")
    client, problems = sdk(gate.url)
    pid = client.log_prediction("churn", {"tenure_months": 7, "plan": "pro"}, 1)
    assert client.flush(10) is True
    client.close()
    assert len(gate.arrivals) == 2
    assert gate.arrivals[1] - gate.arrivals[0] >= 0.99
    assert [(p.kind, p.status, p.retry_in_s) for p in problems] == [("retrying", 429, 1.0)]
    assert vigil.prediction("churn", pid)[0] == 200


def test_the_queue_drops_the_oldest_when_it_overflows_and_counts_them(vigil: VigilServer, proxy: Any) -> None:
    state = {"open": False}
    gate = proxy(lambda n: "forward" if state["open"] else (503, {"Retry-After": "1"}))
    client, problems = sdk(gate.url, max_queue_size=10, batch_size=10, flush_interval_s=60)
    ids = [client.log_prediction("churn", {"tenure_months": i, "plan": "pro"}, 0) for i in range(10)]
    # The first 10 are refused and back in the queue, which is full; the client waits 1 s.
    wait_until(lambda: client.stats.retries == 1 and client.stats.queued == 10, "the first batch to be refused")
    ids += [client.log_prediction("churn", {"tenure_months": i, "plan": "pro"}, 0) for i in range(10, 25)]
    state["open"] = True
    assert client.flush(10) is True
    stats = client.close()
    assert (stats.delivered, stats.dropped, stats.queued) == (10, 15, 0)
    assert sum(p.count for p in problems if p.kind == "dropped") == 15
    assert all(vigil.prediction("churn", pid)[0] == 200 for pid in ids[15:])
    assert all(vigil.prediction("churn", pid)[0] == 404 for pid in ids[:15])
