"""OpenTelemetry: the log records of API.md's conventions, and a helper that sets up the
OpenTelemetry Python logs SDK to export them to Vigil over OTLP/HTTP.

Needs the ``otel`` extra (``pip install 'vigil-sdk[otel]'``); the core client does not.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, Mapping, Optional

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _nanoseconds(rfc3339_utc: str) -> int:
    moment = datetime.fromisoformat(rfc3339_utc.replace("Z", "+00:00"))
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1_000


def record_attributes(kind: str, record: Mapping[str, Any]) -> Dict[str, Any]:
    """The attributes of the ``ml.prediction`` or ``ml.feedback`` record for one API record.
    ``event.name`` is also set as an attribute, for collectors older than the record's event name."""
    if kind == "feedback":
        return {"event.name": "ml.feedback", "ml.model.name": record["model"], "ml.prediction.id": record["predictionId"], "ml.label": record["label"]}
    attributes: Dict[str, Any] = {
        "event.name": "ml.prediction",
        "ml.model.name": record["model"],
        "ml.prediction.id": record["id"],
        "ml.features": dict(record["features"]),
        "ml.prediction.value": record["prediction"],
    }
    if "version" in record:
        attributes["ml.model.version"] = record["version"]
    if "scores" in record:
        attributes["ml.prediction.scores"] = dict(record["scores"])
    if "latencyMs" in record:
        attributes["ml.latency_ms"] = record["latencyMs"]
    return attributes


def emit_record(otel_logger: Any, kind: str, record: Mapping[str, Any]) -> None:
    """Emits one record through an OpenTelemetry logger; the record's time is the event's."""
    from opentelemetry._logs import LogRecord, SeverityNumber

    event = "ml.feedback" if kind == "feedback" else "ml.prediction"
    otel_logger.emit(
        LogRecord(
            timestamp=_nanoseconds(record["timestamp"]),
            event_name=event,
            severity_number=SeverityNumber.INFO,
            severity_text="INFO",
            body=event,
            attributes=record_attributes(kind, record),
        )
    )


def configure_logging(url: str, api_key: str, *, service_name: Optional[str] = None, set_global: bool = True) -> Any:
    """Sets up OpenTelemetry's Python logs SDK to send log records to Vigil's ``/v1/logs``
    (OTLP/HTTP protobuf, batched by ``BatchLogRecordProcessor``) and returns the
    ``LoggerProvider``. With ``set_global``, it becomes the global provider.

    Use it when the service has no OpenTelemetry pipeline yet; with one, pass its logger to
    ``Vigil(otel_logger=...)`` instead, or point its Collector at Vigil. Call
    ``provider.shutdown()`` at exit (it flushes).
    """
    from opentelemetry._logs import set_logger_provider
    from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
    from opentelemetry.sdk._logs import LoggerProvider
    from opentelemetry.sdk._logs.export import BatchLogRecordProcessor
    from opentelemetry.sdk.resources import Resource

    resource = Resource.create({"service.name": service_name} if service_name else {})
    provider = LoggerProvider(resource=resource)
    exporter = OTLPLogExporter(endpoint=f"{url.rstrip('/')}/v1/logs", headers={"Authorization": f"Bearer {api_key}"})
    provider.add_log_record_processor(BatchLogRecordProcessor(exporter))
    if set_global:
        set_logger_provider(provider)
    return provider
