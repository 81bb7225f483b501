-- Serving gateway: one row per call the gateway made to a model server (the production or
-- canary version that answered the caller, and each shadow copy), with its outcome. Answered
-- predictions are in `predictions` as well (source 'gateway'); failed calls have no output and
-- are only here, so that error rates per model version and window come from one table and the
-- detectors reading `predictions` never see a row without a prediction.
-- outcome: ok | rejected (the model server answered 4xx) | upstream_error (5xx) | timeout |
-- unreachable | circuit_open (refused by the gateway's breaker without calling).
CREATE TABLE IF NOT EXISTS gateway_requests
(
    project     LowCardinality(String),
    model       LowCardinality(String),
    version     LowCardinality(String),
    role        LowCardinality(String),
    request_id  String,
    timestamp   DateTime64(3, 'UTC'),
    latency_ms  Float64,
    outcome     LowCardinality(String),
    http_status UInt16,
    error       String
)
ENGINE = MergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (project, model, timestamp)
TTL toDateTime(timestamp) + INTERVAL 400 DAY;
