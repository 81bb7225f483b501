-- Registered versions of a model. The registration fields never change; tags and
-- baseline_from do, each change a newer row (higher revision). Read with FINAL.
CREATE TABLE IF NOT EXISTS model_versions
(
    project         String,
    model           String,
    version         String,
    artifact_uri    Nullable(String),
    endpoint        Nullable(String),
    metrics         Map(String, Float64),
    -- Training parameters as JSON: values may be strings, numbers, booleans or null.
    params          String DEFAULT '{}',
    dataset_version Nullable(String),
    git_commit      Nullable(String),
    tags            Map(String, String),
    baseline_from   Nullable(String),
    created_at      DateTime64(3, 'UTC'),
    created_by      String,
    updated_at      DateTime64(3, 'UTC'),
    revision        UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, model, version);

-- Aliases (production, canary, shadow, any name) pointing at versions. Moving one is one
-- inserted row, so a reader sees the old or the new version; a deletion is a newer row with
-- deleted = 1. The revision (monotonic microseconds) orders changes within a millisecond.
CREATE TABLE IF NOT EXISTS model_aliases
(
    project    String,
    model      String,
    alias      String,
    version    String,
    deleted    UInt8,
    updated_at DateTime64(3, 'UTC'),
    updated_by String,
    revision   UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, model, alias);

-- The registry's history: one row per change, appended, never updated or deleted by Vigil.
-- before / after are JSON ('null' when there was nothing); seq orders entries of a model.
CREATE TABLE IF NOT EXISTS registry_audit
(
    id      String,
    project String,
    model   String,
    seq     UInt64,
    at      DateTime64(3, 'UTC'),
    key_id  String,
    action  LowCardinality(String),
    target  String,
    before  String,
    after   String,
    reason  Nullable(String)
)
ENGINE = MergeTree
ORDER BY (project, model, seq);

-- Baseline values, one row per (row of the uploaded file, column): the shape the detectors
-- read (`WHERE baseline_id = ... AND feature = ...`). Numeric columns fill num, categorical
-- columns fill cat; NULL is a missing value. The model's output and ground truth are the
-- pseudo-features `__prediction` and `__label`. Rows of one upload share a fresh baseline_id
-- and are only ever read once a `baselines` pointer names that id.
CREATE TABLE IF NOT EXISTS baseline_values
(
    project     String,
    model       String,
    baseline_id String,
    feature     LowCardinality(String),
    num         Nullable(Float64),
    cat         Nullable(String)
)
ENGINE = MergeTree
ORDER BY (project, model, baseline_id, feature);

-- Uploads arrive as one row per file row (wide, one array per kind) and are turned into
-- baseline_values inside ClickHouse: Node sends one row per file row instead of one per cell.
-- The Null engine keeps nothing; the materialised view does the work. Missing cells of the
-- optional `__prediction` / `__label` are not stored (their missing count is the upload's row
-- count minus their values); missing feature cells are stored as NULL.
CREATE TABLE IF NOT EXISTS baseline_rows_in
(
    project      String,
    model        String,
    baseline_id  String,
    num_features Array(String),
    nums         Array(Nullable(Float64)),
    cat_features Array(String),
    cats         Array(Nullable(String))
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS baseline_rows_mv TO baseline_values AS
SELECT project, model, baseline_id, cell.1 AS feature, cell.2 AS num, cell.3 AS cat
FROM baseline_rows_in
ARRAY JOIN arrayConcat(
    arrayMap((f, v) -> (f, v, CAST(NULL, 'Nullable(String)')), num_features, nums),
    arrayMap((f, v) -> (f, CAST(NULL, 'Nullable(Float64)'), v), cat_features, cats)
) AS cell
WHERE NOT (cell.1 IN ('__prediction', '__label') AND cell.2 IS NULL AND cell.3 IS NULL);

-- One row per completed upload: who, when, how many rows, and the profile computed from
-- baseline_values right after the upload (JSON; see store/baselineProfile.ts).
CREATE TABLE IF NOT EXISTS baseline_uploads
(
    project     String,
    model       String,
    baseline_id String,
    version     String,
    format      LowCardinality(String),
    row_count   UInt64,
    profile     String,
    created_at  DateTime64(3, 'UTC'),
    created_by  String
)
ENGINE = ReplacingMergeTree
ORDER BY (project, model, baseline_id);

-- Which baseline a version uses: moved to a new id only once that upload is complete, so
-- readers see the old baseline or the new one, never a mix.
CREATE TABLE IF NOT EXISTS baselines
(
    project     String,
    model       String,
    version     String,
    baseline_id String,
    updated_at  DateTime64(3, 'UTC'),
    updated_by  String,
    revision    UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, model, version);
