-- Models: the schema that telemetry is validated against (task and typed features).
-- One row version per change; read with FINAL.
CREATE TABLE IF NOT EXISTS models
(
    project     String,
    name        String,
    task        LowCardinality(String),
    features    Array(Tuple(name String, type LowCardinality(String))),
    description String,
    owner       String,
    tags        Map(String, String),
    -- Per-model settings as JSON (validated and defaulted by the server), e.g.
    -- {"allowUnknownFeatures": false}; later features add their own keys.
    settings    String DEFAULT '{}',
    created_at  DateTime64(3, 'UTC'),
    created_by  String,
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (project, name);
