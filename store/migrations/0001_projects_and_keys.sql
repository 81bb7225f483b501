-- Projects: every API key, model and row of telemetry belongs to exactly one.
CREATE TABLE IF NOT EXISTS projects
(
    name       String,
    created_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY name;

-- API keys, stored as the SHA-256 of the key (keys are 256-bit random, so a fast hash is
-- enough); the key itself is shown once at creation. A revocation is a newer row version.
CREATE TABLE IF NOT EXISTS api_keys
(
    id          String,
    project     String,
    name        String,
    scopes      Array(LowCardinality(String)),
    key_hash    String,
    key_prefix  String,
    created_at  DateTime64(3, 'UTC'),
    created_by  String,
    revoked_at  Nullable(DateTime64(3, 'UTC')),
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY id;
