-- Predictions: one row each, as sent. Sorted by (project, model, time) so that a model's window
-- is one contiguous range; partitioned by day of event time. Features are kept in two maps by
-- declared type; a null value is a missing feature. A re-sent id is filtered out before insert
-- (see prediction_ids); ReplacingMergeTree is the backstop for the rare race between replicas.
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

-- One row per (prediction, feature), derived inside ClickHouse from the maps above, sorted so
-- that one feature of one model over a time window is one contiguous range for the detectors.
CREATE TABLE IF NOT EXISTS feature_values
(
    project   LowCardinality(String),
    model     LowCardinality(String),
    version   LowCardinality(String),
    feature   LowCardinality(String),
    timestamp DateTime64(3, 'UTC'),
    id        String,
    num       Nullable(Float64),
    cat       Nullable(String)
)
ENGINE = MergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (project, model, feature, timestamp)
TTL toDateTime(timestamp) + INTERVAL 400 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS feature_values_num_mv TO feature_values AS
SELECT project, model, version, feature, timestamp, id, num, CAST(NULL, 'Nullable(String)') AS cat
FROM predictions
ARRAY JOIN mapKeys(num_features) AS feature, mapValues(num_features) AS num;

CREATE MATERIALIZED VIEW IF NOT EXISTS feature_values_cat_mv TO feature_values AS
SELECT project, model, version, feature, timestamp, id, CAST(NULL, 'Nullable(Float64)') AS num, cat
FROM predictions
ARRAY JOIN mapKeys(cat_features) AS feature, mapValues(cat_features) AS cat;

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
