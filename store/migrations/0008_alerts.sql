-- Alerts and actions (docs/alerts.md). Small tables of row versions (ReplacingMergeTree by
-- revision, read with FINAL) for what changes, MergeTree for what is only appended (history,
-- attempts, rollbacks).

-- Where notifications go. config is the channel's JSON without its secret; secret is the
-- webhook / retrain signing secret (whsec_...), never returned in full by the API nor logged.
CREATE TABLE IF NOT EXISTS alert_channels
(
    project    String,
    id         String,
    name       String,
    type       LowCardinality(String),
    config     String,
    secret     String,
    is_default UInt8,
    deleted    UInt8,
    created_at DateTime64(3, 'UTC'),
    created_by String,
    updated_at DateTime64(3, 'UTC'),
    revision   UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, id);

-- Alert rules: a metric of the detectors' results (or of traffic) compared with a threshold for
-- forWindows consecutive windows. Default rules (is_default = 1) are written for every model
-- with a baseline, with ids derived from model and metric, so an edit or a deletion sticks.
CREATE TABLE IF NOT EXISTS alert_rules
(
    project     String,
    id          String,
    name        String,
    model       String,
    metric      LowCardinality(String),
    feature     String,
    op          LowCardinality(String),
    threshold   Float64,
    for_windows UInt32,
    severity    LowCardinality(String),
    channels    Array(String),
    enabled     UInt8,
    is_default  UInt8,
    deleted     UInt8,
    created_at  DateTime64(3, 'UTC'),
    updated_at  DateTime64(3, 'UTC'),
    updated_by  String,
    revision    UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, id);

-- The current state of every alert instance, one per fingerprint (its label set). The state
-- machine's fields survive a restart here; details holds what notifications show (statistics
-- of the last window that held, the window itself).
CREATE TABLE IF NOT EXISTS alert_instances
(
    project           String,
    fingerprint       String,
    rule_id           String,
    labels            Map(String, String),
    state             LowCardinality(String),
    held_windows      UInt32,
    active_since      Nullable(DateTime64(3, 'UTC')),
    pending_since     Nullable(DateTime64(3, 'UTC')),
    fired_at          Nullable(DateTime64(3, 'UTC')),
    resolved_at       Nullable(DateTime64(3, 'UTC')),
    last_window_start Nullable(DateTime64(3, 'UTC')),
    value             Nullable(Float64),
    details           String,
    silenced_by       Array(String),
    inhibited_by      String,
    acked_at          Nullable(DateTime64(3, 'UTC')),
    acked_by          String,
    first_seen        DateTime64(3, 'UTC'),
    updated_at        DateTime64(3, 'UTC'),
    revision          UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, fingerprint);

-- The history of every alert: each transition (pending, firing, resolved, dropped, reset),
-- acknowledgement, silence and inhibition change, appended, never changed.
CREATE TABLE IF NOT EXISTS alert_events
(
    project     String,
    fingerprint String,
    seq         UInt64,
    at          DateTime64(3, 'UTC'),
    event       LowCardinality(String),
    state       LowCardinality(String),
    labels      Map(String, String),
    value       Nullable(Float64),
    detail      String
)
ENGINE = MergeTree
ORDER BY (project, fingerprint, seq);

-- Silences: matchers (JSON) and a time range. Expiring one early writes a newer row with
-- ends_at = now. expiry_noticed is set once the "silence expired over firing alerts" notice
-- has been queued.
CREATE TABLE IF NOT EXISTS alert_silences
(
    project        String,
    id             String,
    matchers       String,
    starts_at      DateTime64(3, 'UTC'),
    ends_at        DateTime64(3, 'UTC'),
    created_by     String,
    comment        String,
    expiry_noticed UInt8,
    created_at     DateTime64(3, 'UTC'),
    revision       UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, id);

-- Notification timing per (group of alerts, channel): when the group started, when it was last
-- notified and which alerts were firing then (grouping.ts).
CREATE TABLE IF NOT EXISTS alert_groups
(
    project              String,
    group_key            String,
    channel_id           String,
    created_at           DateTime64(3, 'UTC'),
    last_notified_at     Nullable(DateTime64(3, 'UTC')),
    last_notified_firing Array(String),
    revision             UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, group_key, channel_id);

-- The delivery queue: one row version per change of a delivery (queued, each attempt's
-- result). A pending delivery whose next_attempt_at has passed is taken by the worker, in
-- this process or after a restart. message_id stays the same across attempts (webhook-id).
CREATE TABLE IF NOT EXISTS alert_deliveries
(
    project         String,
    id              String,
    channel_id      String,
    channel_type    LowCardinality(String),
    kind            LowCardinality(String),
    group_key       String,
    fingerprints    Array(String),
    payload         String,
    state           LowCardinality(String),
    attempts        UInt32,
    next_attempt_at DateTime64(3, 'UTC'),
    last_error      String,
    created_at      DateTime64(3, 'UTC'),
    updated_at      DateTime64(3, 'UTC'),
    revision        UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, id);

-- Every attempt of every delivery, with its outcome.
CREATE TABLE IF NOT EXISTS alert_delivery_attempts
(
    project         String,
    delivery_id     String,
    attempt         UInt32,
    started_at      DateTime64(3, 'UTC'),
    duration_ms     Float64,
    outcome         LowCardinality(String),
    retry           UInt8,
    status_code     Nullable(UInt16),
    error           String,
    next_attempt_at Nullable(DateTime64(3, 'UTC'))
)
ENGINE = MergeTree
ORDER BY (project, delivery_id, attempt);

-- Rollbacks made by Vigil (a rollback channel, or POST /v1/models/{model}/rollback): what the
-- cooldown and the daily limit count. The registry's audit log has the same moves.
CREATE TABLE IF NOT EXISTS alert_rollbacks
(
    project      String,
    model        String,
    alias        String,
    from_version String,
    to_version   String,
    at           DateTime64(3, 'UTC'),
    channel_id   String,
    fingerprints Array(String),
    reason       String
)
ENGINE = MergeTree
ORDER BY (project, model, at);

-- How far the evaluator has read, per model and source: `detector` is the newest evaluated_at
-- of drift_windows taken into account, `serving` the start of the last closed window whose
-- gateway and traffic numbers were evaluated (epoch ms). Re-reading is harmless (the state
-- machine ignores windows it has applied), so a lost cursor only costs work.
CREATE TABLE IF NOT EXISTS alert_cursors
(
    project  String,
    model    String,
    source   LowCardinality(String),
    position Int64,
    revision UInt64
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (project, model, source);
