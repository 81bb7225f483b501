"""OpenTelemetry's Python logs SDK and OTLP/HTTP exporter (from PyPI) sending to Vigil's
``/v1/logs``: first with no help from vigil_sdk, then through its helper and its OTel mode."""

from __future__ import annotations

from datetime import datetime, timezone

from opentelemetry._logs import LogRecord, SeverityNumber
from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor
from opentelemetry.sdk.resources import Resource

from conftest import ADMIN_KEY, VigilServer
from vigil_sdk import Vigil
from vigil_sdk.otel import configure_logging

T = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
T_NS = int(T.timestamp()) * 1_000_000_000


def test_the_plain_opentelemetry_sdk_sends_predictions_and_labels(vigil: VigilServer) -> None:
    provider = LoggerProvider(resource=Resource.create({"service.name": "churn-service", "ml.model.name": "churn", "ml.model.version": "5"}))
    exporter = OTLPLogExporter(endpoint=f"{vigil.url}/v1/logs", headers={"Authorization": f"Bearer {ADMIN_KEY}"})
    provider.add_log_record_processor(BatchLogRecordProcessor(exporter))
    logger = provider.get_logger("churn-service")
    logger.emit(LogRecord(
        timestamp=T_NS, event_name="ml.prediction", severity_number=SeverityNumber.INFO, body="prediction",
        attributes={"ml.prediction.id": "py-otel-raw-1", "ml.features": {"tenure_months": 21.5, "plan": "basic"}, "ml.prediction.value": 1, "ml.prediction.scores": {"0": 0.35, "1": 0.65}, "ml.latency_ms": 4.5},
    ))
    logger.emit(LogRecord(event_name="ml.feedback", severity_number=SeverityNumber.INFO, attributes={"ml.prediction.id": "py-otel-raw-1", "ml.label": 1}))
    logger.emit(LogRecord(severity_number=SeverityNumber.INFO, body="an ordinary log line"))
    assert provider.force_flush()
    provider.shutdown()
    status, body = vigil.prediction("churn", "py-otel-raw-1")
    assert status == 200, body
    assert {k: body[k] for k in ["version", "timestamp", "features", "prediction", "scores", "latencyMs", "source", "label"]} == {
        "version": "5", "timestamp": "2026-11-23T09:30:00.000Z", "features": {"tenure_months": 21.5, "plan": "basic"},
        "prediction": 1, "scores": {"0": 0.35, "1": 0.65}, "latencyMs": 4.5, "source": "otlp", "label": 1,
    }


def test_the_helper_and_the_clients_opentelemetry_mode(vigil: VigilServer) -> None:
    provider = configure_logging(vigil.url, ADMIN_KEY, service_name="churn-service", set_global=False)
    client = Vigil(otel_logger=provider.get_logger("churn-service"))
    pid = client.log_prediction("churn", {"tenure_months": 8, "plan": None}, "1", version="6", timestamp=T, scores={"1": 0.9, "0": 0.1}, latency_ms=2)
    client.log_feedback("churn", pid, "0")
    client.close()
    assert provider.force_flush()
    provider.shutdown()
    status, body = vigil.prediction("churn", pid)
    assert status == 200, body
    assert {k: body[k] for k in ["version", "timestamp", "features", "prediction", "scores", "latencyMs", "source", "label"]} == {
        "version": "6", "timestamp": "2026-11-23T09:30:00.000Z", "features": {"tenure_months": 8, "plan": None},
        "prediction": "1", "scores": {"0": 0.1, "1": 0.9}, "latencyMs": 2, "source": "otlp", "label": "0",
    }
