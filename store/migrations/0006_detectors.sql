-- Detector results, one evaluation of a (model, version, window) at a time. A window is
-- re-evaluated when late predictions or labels arrive; each evaluation writes all its rows with
-- a new run_version (monotonic microseconds), and readers take only the rows whose run_version
-- is the window's latest (drift_windows FINAL), so features that vanished from a re-evaluation
-- never show. ReplacingMergeTree drops the superseded rows at merge time.
CREATE TABLE IF NOT EXISTS drift_windows
(
    project          LowCardinality(String),
    model            LowCardinality(String),
    version          LowCardinality(String),
    window_start     DateTime64(3, 'UTC'),
    window_end       DateTime64(3, 'UTC'),
    -- ok | insufficient_data | no_baseline
    status           LowCardinality(String),
    reason           String,
    prediction_count UInt64,
    labeled_count    UInt64,
    baseline_id      String,
    -- Newest received_at of the window's predictions and of its labels when evaluated: the
    -- scheduler re-evaluates the window when newer rows appear (late data, late labels).
    last_received_at DateTime64(3, 'UTC'),
    last_feedback_at DateTime64(3, 'UTC'),
    evaluated_at     DateTime64(3, 'UTC'),
    duration_ms      Float64,
    -- Online performance (accuracy, f1, rocAuc, mae, ...) and its difference from the
    -- version's offline metrics of the same name.
    performance      Map(String, Float64),
    skew             Map(String, Float64),
    run_version      UInt64
)
ENGINE = ReplacingMergeTree(run_version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (project, model, window_start, version);

-- One row per (window, feature) of an evaluation; the pseudo-feature __prediction carries
-- prediction drift. Statistics use the names of the API (psi, jsDistance, ksStatistic,
-- ksPValue, ksPValueAdjusted, wasserstein, wassersteinNormed, chi2*, newCategoryRate,
-- baselineMissingRate, currentMissingRate, outOfRangeRate); a statistic that is null (for
-- example wassersteinNormed of a constant baseline) is absent from the map.
CREATE TABLE IF NOT EXISTS drift_results
(
    project         LowCardinality(String),
    model           LowCardinality(String),
    version         LowCardinality(String),
    window_start    DateTime64(3, 'UTC'),
    feature         LowCardinality(String),
    kind            LowCardinality(String),
    verdict         LowCardinality(String),
    baseline_count  UInt64,
    current_count   UInt64,
    statistics      Map(LowCardinality(String), Float64),
    edges           Array(Float64),
    categories      Array(String),
    baseline_counts Array(UInt64),
    current_counts  Array(UInt64),
    run_version     UInt64
)
ENGINE = ReplacingMergeTree(run_version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (project, model, window_start, version, feature);
