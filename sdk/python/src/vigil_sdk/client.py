"""The Vigil client: validate and queue on the caller's thread, send from a background thread."""

from __future__ import annotations

import atexit
import logging
import os
import random as _random
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

from .events import FeatureValue, Label, TimeInput, feedback_record, prediction_record
from .queue import DropOldestQueue
from .retry import Delivered, Rejected, retry_delay_s
from .transport import Post, send_batch, urllib_post

logger = logging.getLogger("vigil_sdk")


@dataclass(frozen=True)
class DeliveryProblem:
    """Something that went wrong on the way to Vigil; given to ``on_error``, never raised.

    ``kind`` is ``retrying`` (Vigil unreachable or busy, the batch stays queued), ``rejected``
    (the server refused items; they are dropped and ``message`` says why), ``dropped`` (the
    queue was full, the oldest items were discarded) or ``abandoned`` (still queued when
    ``close`` gave up).
    """

    kind: str
    count: int
    message: str
    status: Optional[int] = None
    retry_in_s: Optional[float] = None
    attempt: Optional[int] = None


@dataclass(frozen=True)
class Stats:
    """Counters since the client was created."""

    queued: int
    in_flight: int
    delivered: int
    dropped: int
    rejected: int
    retries: int


def _log_problem(problem: DeliveryProblem) -> None:
    """The default ``on_error``: a warning per problem; of an outage's retries, only the first."""
    quiet = problem.kind == "retrying" and problem.attempt != 1
    logger.log(logging.DEBUG if quiet else logging.WARNING, "vigil-sdk: %s", problem.message)


Item = Tuple[str, Dict[str, Any]]  # (kind, record as the API takes it)


class Vigil:
    """Sends predictions and labels to Vigil without blocking the caller.

    ``log_prediction`` and ``log_feedback`` validate (raising ``VigilValidationError`` for a
    malformed call) and queue, and return at once; a background thread sends batches, retries
    with back-off honouring ``Retry-After``, and never raises into the caller for a transport
    problem. Re-sends are safe: Vigil stores a prediction id once.

    Example::

        with Vigil("http://localhost:8080", api_key=os.environ["VIGIL_KEY"]) as vigil:
            pid = vigil.log_prediction("churn", {"tenure_months": 14, "plan": "pro"}, 1)
            vigil.log_feedback("churn", pid, label=0)

    Args:
        url: Vigil's base URL. Required unless ``otel_logger`` is given.
        api_key: a key with the ``ingest`` scope. Required unless ``otel_logger`` is given.
        otel_logger: emit OpenTelemetry log records (API.md's conventions) through this logger
            (``opentelemetry._logs.get_logger(...)``) instead of posting; batching, retries and
            export are then the OpenTelemetry pipeline's.
        max_queue_size: items waiting at most (plus one batch in flight); beyond it the oldest
            are dropped and counted.
        batch_size: items per request at most.
        flush_interval_s: how long a partial batch waits before it is sent.
        initial_retry_delay_s, max_retry_delay_s: exponential back-off bounds (a server's
            ``Retry-After`` is honoured as given).
        request_timeout_s: per request.
        flush_on_exit: flush (for at most ``exit_flush_timeout_s``) at interpreter exit.
        on_error: told about every delivery problem; default: the ``vigil_sdk`` logger.
        post, now, random, new_id: for tests.
    """

    def __init__(
        self,
        url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        otel_logger: Any = None,
        max_queue_size: int = 10_000,
        batch_size: int = 500,
        flush_interval_s: float = 1.0,
        initial_retry_delay_s: float = 0.5,
        max_retry_delay_s: float = 30.0,
        request_timeout_s: float = 10.0,
        flush_on_exit: bool = True,
        exit_flush_timeout_s: float = 5.0,
        on_error: Optional[Callable[[DeliveryProblem], None]] = None,
        post: Optional[Post] = None,
        now: Optional[Callable[[], datetime]] = None,
        random: Optional[Callable[[], float]] = None,
        new_id: Optional[Callable[[], str]] = None,
    ) -> None:
        if otel_logger is None and (not url or not api_key):
            raise TypeError("Vigil(url, api_key): both are required (or pass otel_logger=...)")
        self._url = (url or "").rstrip("/")
        self._api_key = api_key or ""
        self._otel_logger = otel_logger
        self._queue: DropOldestQueue[Item] = DropOldestQueue(max_queue_size)
        self._batch_size = max(1, batch_size)
        self._flush_interval_s = flush_interval_s
        self._initial_retry_delay_s = initial_retry_delay_s
        self._max_retry_delay_s = max_retry_delay_s
        self._request_timeout_s = request_timeout_s
        self._exit_flush_timeout_s = exit_flush_timeout_s
        self._on_error = on_error or _log_problem
        self._post = post or urllib_post
        self._now = now or (lambda: datetime.now(timezone.utc))
        self._random = random or _random.random
        self._new_id = new_id or (lambda: str(uuid.uuid4()))

        # One lock guards the queue and the counters; the worker and flush() wait on it.
        self._cond = threading.Condition()
        self._in_flight = 0
        self._delivered = 0
        self._rejected = 0
        self._retries = 0
        self._abandoned = 0
        self._dropped_reported = 0
        self._attempt = 0
        self._oldest_at: Optional[float] = None
        self._flushers = 0
        self._closed = False
        self._stopping = False
        self._worker: Optional[threading.Thread] = None
        self._pid = os.getpid()
        self._exit_hook = flush_on_exit and otel_logger is None
        if self._exit_hook:
            atexit.register(self._at_exit)

    # -- the caller's side -------------------------------------------------------------------

    def log_prediction(
        self,
        model: str,
        features: Mapping[str, FeatureValue],
        prediction: Label,
        *,
        id: Optional[str] = None,
        version: Optional[str] = None,
        timestamp: Optional[TimeInput] = None,
        scores: Optional[Mapping[str, float]] = None,
        latency_ms: Optional[float] = None,
    ) -> str:
        """Queues a prediction and returns its id (the one given, or a new UUID).

        Raises ``VigilValidationError`` only for a malformed prediction, never for a transport
        problem. ``timestamp`` defaults to now (UTC).
        """
        record = prediction_record(
            model=model, features=features, prediction=prediction, id=id, version=version,
            timestamp=timestamp, scores=scores, latency_ms=latency_ms, new_id=self._new_id, now=self._now,
        )
        self._enqueue("prediction", record)
        return str(record["id"])

    def log_feedback(self, model: str, prediction_id: str, label: Label, *, timestamp: Optional[TimeInput] = None) -> None:
        """Queues the ground truth for an earlier prediction. Raises only for a malformed label."""
        self._enqueue("feedback", feedback_record(model=model, prediction_id=prediction_id, label=label, timestamp=timestamp, now=self._now))

    @property
    def stats(self) -> Stats:
        with self._cond:
            return Stats(
                queued=len(self._queue), in_flight=self._in_flight, delivered=self._delivered,
                dropped=self._queue.dropped + self._abandoned, rejected=self._rejected, retries=self._retries,
            )

    def flush(self, timeout_s: Optional[float] = None) -> bool:
        """Sends everything queued and blocks until the queue is empty (``True``) or ``timeout_s``
        passes with items still waiting (``False``). A back-off wait in progress is honoured."""
        with self._cond:
            if self._idle():
                return True
            self._flushers += 1
            self._cond.notify_all()
            try:
                return self._cond.wait_for(lambda: self._idle() or self._stopping, timeout_s) and self._idle()
            finally:
                self._flushers -= 1

    def close(self, timeout_s: Optional[float] = None) -> Stats:
        """Flushes for at most ``timeout_s`` (default ``exit_flush_timeout_s``), then stops the
        background thread; whatever is still queued is counted as dropped and reported."""
        if self._exit_hook:
            atexit.unregister(self._at_exit)
            self._exit_hook = False
        if not self._closed:
            self.flush(self._exit_flush_timeout_s if timeout_s is None else timeout_s)
            with self._cond:
                self._closed = True
                self._stopping = True
                left = len(self._queue.clear()) + self._in_flight
                self._abandoned += left
                self._cond.notify_all()
            if left:
                self._on_error(DeliveryProblem("abandoned", left, f"{left} item(s) not delivered before close()"))
            self._report_drops()
        return self.stats

    def __enter__(self) -> "Vigil":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------

    def _at_exit(self) -> None:
        self.close()

    def _idle(self) -> bool:
        return len(self._queue) == 0 and self._in_flight == 0

    def _enqueue(self, kind: str, record: Dict[str, Any]) -> None:
        if self._closed:
            raise RuntimeError("Vigil client is closed")
        if self._otel_logger is not None:
            from .otel import emit_record

            emit_record(self._otel_logger, kind, record)
            return
        with self._cond:
            if len(self._queue) == 0:
                self._oldest_at = time.monotonic()
            self._queue.push((kind, record))
            self._ensure_worker()
            self._cond.notify_all()

    def _ensure_worker(self) -> None:
        # After a fork (gunicorn, multiprocessing) the child has the queue but not the thread.
        if self._worker is None or not self._worker.is_alive() or self._pid != os.getpid():
            self._pid = os.getpid()
            self._worker = threading.Thread(target=self._run, name="vigil-sdk", daemon=True)
            self._worker.start()

    def _ready_to_send(self) -> bool:
        pending = len(self._queue)
        if pending == 0:
            return False
        if pending >= self._batch_size or self._flushers > 0 or self._attempt > 0:
            return True
        return self._oldest_at is not None and time.monotonic() - self._oldest_at >= self._flush_interval_s

    def _run(self) -> None:
        """The background loop: wait for a batch, send it, handle the outcome; until close."""
        while True:
            with self._cond:
                while not self._stopping and not self._ready_to_send():
                    timeout = None if len(self._queue) == 0 or self._oldest_at is None else max(0.0, self._oldest_at + self._flush_interval_s - time.monotonic())
                    self._cond.wait(timeout)
                if self._stopping:
                    return
                batch = self._queue.take_run(self._batch_size, lambda first, item: first[0] == item[0])
                self._oldest_at = time.monotonic() if len(self._queue) else None
                self._in_flight = len(batch)
            self._report_drops()
            kind = batch[0][0]
            outcome = send_batch(self._post, self._url, self._api_key, self._request_timeout_s, kind, [record for _, record in batch])
            problem: Optional[DeliveryProblem] = None
            wait_s = 0.0
            with self._cond:
                self._in_flight = 0
                if self._stopping:
                    return  # close() counted this batch as abandoned
                if isinstance(outcome, Delivered):
                    self._attempt = 0
                    self._delivered += len(batch)
                elif isinstance(outcome, Rejected):
                    self._attempt = 0
                    # The server refuses a request whole; when it names the bad items, the rest go again.
                    bad = {i for i in outcome.bad_indexes if i < len(batch)}
                    if bad and len(bad) < len(batch):
                        self._queue.return_to_front([item for i, item in enumerate(batch) if i not in bad])
                    refused = len(bad) if bad and len(bad) < len(batch) else len(batch)
                    self._rejected += refused
                    problem = DeliveryProblem("rejected", refused, f"Vigil refused {refused} {kind} item(s): {outcome.message}", status=outcome.status)
                else:
                    self._attempt += 1
                    self._retries += 1
                    self._queue.return_to_front(batch)
                    wait_s = retry_delay_s(self._attempt, outcome.retry_after_s, self._initial_retry_delay_s, self._max_retry_delay_s, self._random())
                    problem = DeliveryProblem(
                        "retrying", len(batch), f"{outcome.message}; {len(batch)} {kind} item(s) kept, attempt {self._attempt}, next in {wait_s:.2f} s",
                        status=outcome.status, retry_in_s=wait_s, attempt=self._attempt,
                    )
                self._cond.notify_all()
            if problem is not None:
                self._safe_on_error(problem)
            if wait_s > 0:
                with self._cond:
                    self._cond.wait_for(lambda: self._stopping, wait_s)

    def _report_drops(self) -> None:
        with self._cond:
            new = self._queue.dropped - self._dropped_reported
            self._dropped_reported = self._queue.dropped
        if new > 0:
            self._safe_on_error(DeliveryProblem("dropped", new, f"queue full ({self._queue.capacity} items): dropped the oldest {new} item(s)"))

    def _safe_on_error(self, problem: DeliveryProblem) -> None:
        # A failing callback must not kill the sending thread.
        try:
            self._on_error(problem)
        except Exception:  # noqa: BLE001
            logger.exception("vigil-sdk: on_error raised")
