-- Predictions: one row each, as sent. Sorted by (project, model, time) so that a model's window
-- is one contiguous range; partitioned by day of event time. Features are kept in two maps by
-- declared type; a null value is a missing feature. Per-feature values for the detectors are
-- derived from the maps inside ClickHouse when a window is evaluated (ARRAY JOIN over
-- mapKeys/mapValues in the same scan), not exploded at insert time: a materialised view with
-- one row per (prediction, feature) cut insert throughput several times (docs/architecture.md).
-- A re-sent id is filtered out before insert (see prediction_ids); ReplacingMergeTree is the
-- backstop for the rare race between replicas.
CREATE TABLE IF NOT EXISTS predictions
(
    project        LowCardinality(String),
    model          LowCardinality(String),
    version        LowCardinality(String),
    id             String,
    timestamp      DateTime64(3, 'UTC'),
    received_at    DateTime64(3, 'UTC'),
    num_features   Map(LowCardinality(String), Nullable(Float64)),
    cat_features   Map(LowCardinality(String), Nullable(String)),
    prediction_num Nullable(Float64),
    prediction_cat Nullable(String),
    scores         Map(LowCardinality(String), Float64),
    latency_ms     Nullable(Float64),
    source         LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (project, model, timestamp, id)
TTL toDateTime(received_at) + INTERVAL 400 DAY;

-- Every stored prediction id, sorted by id: the idempotency check before each insert, the
-- lookup of one prediction by id, and the join key for late labels.
CREATE TABLE IF NOT EXISTS prediction_ids
(
    project   LowCardinality(String),
    model     LowCardinality(String),
    id        String,
    version   LowCardinality(String),
    timestamp DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (project, model, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS prediction_ids_mv TO prediction_ids AS
SELECT project, model, id, version, timestamp
FROM predictions;

-- Traffic per model, version and minute, aggregated as rows arrive: the cost of reading it
-- grows with minutes, not with predictions. Serves versions seen (registered or not), request
-- rates and latency percentiles. Read with the -Merge combinators.
CREATE TABLE IF NOT EXISTS traffic_minutely
(
    project     LowCardinality(String),
    model       LowCardinality(String),
    version     LowCardinality(String),
    minute      DateTime('UTC'),
    predictions AggregateFunction(count),
    latency_ms  AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), Float64),
    first_seen  SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_seen   SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (project, model, version, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS traffic_minutely_mv TO traffic_minutely AS
SELECT
    project,
    model,
    version,
    toStartOfMinute(timestamp) AS minute,
    countState() AS predictions,
    quantilesTDigestStateIf(0.5, 0.9, 0.99)(assumeNotNull(latency_ms), latency_ms IS NOT NULL) AS latency_ms,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen
FROM predictions
GROUP BY project, model, version, minute;

-- Ground truth, joined to predictions by id; it may arrive before or after its prediction.
-- The latest label for an id wins.
CREATE TABLE IF NOT EXISTS feedback
(
    project       LowCardinality(String),
    model         LowCardinality(String),
    prediction_id String,
    label_num     Nullable(Float64),
    label_cat     Nullable(String),
    timestamp     DateTime64(3, 'UTC'),
    received_at   DateTime64(3, 'UTC'),
    source        LowCardinality(String)
)
ENGINE = ReplacingMergeTree(received_at)
ORDER BY (project, model, prediction_id);

-- Items refused at ingest, counted per model, feature and reason (never stored, never
-- coerced): the data-quality detectors report type-error bursts from here.
CREATE TABLE IF NOT EXISTS ingest_rejections
(
    project   LowCardinality(String),
    model     LowCardinality(String),
    feature   LowCardinality(String),
    reason    LowCardinality(String),
    timestamp DateTime64(3, 'UTC'),
    count     UInt64
)
ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (project, model, feature, reason, timestamp);
