import type { Store } from './clickhouse';
import { toRfc3339 } from './time';

/** A prediction as stored: one row of `predictions` (see migration 0003). */
export interface PredictionRow {
  project: string;
  model: string;
  version: string;
  id: string;
  /** Event time, epoch milliseconds. */
  timestamp: number;
  received_at: number;
  num_features: Record<string, number | null>;
  cat_features: Record<string, string | null>;
  prediction_num: number | null;
  prediction_cat: string | null;
  scores: Record<string, number>;
  latency_ms: number | null;
  source: TelemetrySource;
}

export type TelemetrySource = 'api' | 'otlp' | 'kafka' | 'gateway';

/** A label as stored: one row of `feedback`. */
export interface FeedbackRow {
  project: string;
  model: string;
  prediction_id: string;
  label_num: number | null;
  label_cat: string | null;
  timestamp: number;
  received_at: number;
  source: TelemetrySource;
}

/** A stored prediction as the API shows it, with its label once known. */
export interface StoredPrediction {
  id: string;
  model: string;
  version: string;
  timestamp: string;
  receivedAt: string;
  features: Record<string, number | string | null>;
  prediction: number | string | null;
  scores: Record<string, number>;
  latencyMs: number | null;
  source: string;
  label: number | string | null;
  labeledAt: string | null;
}

interface StoredPredictionRow {
  id: string;
  model: string;
  version: string;
  timestamp: string;
  received_at: string;
  ts_ms: string;
  num_features: Record<string, number | null>;
  cat_features: Record<string, string | null>;
  prediction_num: number | null;
  prediction_cat: string | null;
  scores: Record<string, number>;
  latency_ms: number | null;
  source: string;
}

interface LabelRow {
  prediction_id: string;
  label_num: number | null;
  label_cat: string | null;
  timestamp: string;
}

export interface PredictionPageQuery {
  project: string;
  model: string;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  version?: string | undefined;
  limit: number;
  /** Continue after this (timestamp, id), newest first. */
  after?: { timestampMs: number; id: string } | undefined;
}

const PREDICTION_COLUMNS =
  'id, model, version, timestamp, received_at, toUnixTimestamp64Milli(timestamp) AS ts_ms, num_features, cat_features, prediction_num, prediction_cat, scores, latency_ms, source';

/** Telemetry in ClickHouse: predictions, their id index, and labels. */
export class TelemetryRepository {
  constructor(private readonly store: Store) {}

  /**
   * Which of `ids` are already stored for the model. Read from `predictions` itself (its
   * projection sorted by id, migration 0009), not from `prediction_ids`: that table is written
   * after the predictions part, and a crash between the two must not hide a stored id.
   */
  async existingPredictionIds(project: string, model: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.store.query<{ id: string }>(
      'predictions.existing_ids',
      'SELECT DISTINCT id FROM predictions WHERE project = {project:String} AND model = {model:String} AND id IN {ids:Array(String)}',
      { project, model, ids },
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Indexes again, in `prediction_ids`, those of `ids` that are stored in `predictions` but
   * missing from the index: the view writes the index in a part of its own after the
   * predictions part, and a crash or a full disk between the two leaves the prediction without
   * it (not found by id, its label not joined). Called for ids re-sent after such a failure.
   */
  async reindexPredictionIds(project: string, model: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.store.command(
      'prediction_ids.reindex',
      `INSERT INTO prediction_ids (project, model, id, version, timestamp)
       SELECT project, model, id, version, timestamp FROM predictions
       WHERE project = {project:String} AND model = {model:String} AND id IN {ids:Array(String)}
         AND id NOT IN (SELECT id FROM prediction_ids WHERE project = {project:String} AND model = {model:String} AND id IN {ids:Array(String)})`,
      { project, model, ids },
    );
  }

  insertPredictions(rows: PredictionRow[]): Promise<void> {
    return this.store.insert('predictions.insert', 'predictions', rows);
  }

  insertFeedback(rows: FeedbackRow[]): Promise<void> {
    return this.store.insert('feedback.insert', 'feedback', rows);
  }

  /** One page of a model's predictions, newest first, with labels. */
  async page(query: PredictionPageQuery): Promise<{ items: StoredPrediction[]; last: { timestampMs: number; id: string } | undefined }> {
    const rows = await this.store.query<StoredPredictionRow>(
      'predictions.page',
      `SELECT ${PREDICTION_COLUMNS}
       FROM predictions FINAL
       WHERE project = {project:String} AND model = {model:String}
         AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
         AND timestamp < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
         AND ({version:String} = '' OR version = {version:String})
         AND (NOT {hasAfter:Bool} OR (timestamp, id) < (fromUnixTimestamp64Milli({afterMs:Int64}, 'UTC'), {afterId:String}))
       ORDER BY timestamp DESC, id DESC
       LIMIT {limit:UInt32}`,
      {
        project: query.project,
        model: query.model,
        fromMs: query.fromMs ?? 0,
        toMs: query.toMs ?? 32503680000000,
        version: query.version ?? '',
        hasAfter: query.after !== undefined,
        afterMs: query.after?.timestampMs ?? 0,
        afterId: query.after?.id ?? '',
        limit: query.limit,
      },
    );
    const labels = await this.labels(query.project, query.model, rows.map((r) => r.id));
    const lastRow = rows.at(-1);
    return {
      items: rows.map((row) => present(row, labels.get(row.id))),
      last: lastRow && { timestampMs: Number(lastRow.ts_ms), id: lastRow.id },
    };
  }

  /** Versions that predictions were logged under, registered or not, with counts and times. */
  async versionsSeen(project: string, model: string): Promise<{ version: string; predictions: number; firstSeen: string; lastSeen: string }[]> {
    const rows = await this.store.query<{ version: string; predictions: string; first_seen: string; last_seen: string }>(
      'traffic.versions_seen',
      `SELECT version, countMerge(predictions) AS predictions, min(first_seen) AS first_seen, max(last_seen) AS last_seen
       FROM traffic_minutely
       WHERE project = {project:String} AND model = {model:String}
       GROUP BY version
       ORDER BY first_seen`,
      { project, model },
    );
    return rows.map((r) => ({ version: r.version, predictions: Number(r.predictions), firstSeen: toRfc3339(r.first_seen), lastSeen: toRfc3339(r.last_seen) }));
  }

  /** One prediction by id, found through the id index, with its label. */
  async get(project: string, model: string, id: string): Promise<StoredPrediction | undefined> {
    const rows = await this.store.query<StoredPredictionRow>(
      'predictions.get',
      `SELECT ${PREDICTION_COLUMNS}
       FROM predictions FINAL
       WHERE project = {project:String} AND model = {model:String} AND id = {id:String}
         AND timestamp IN (SELECT timestamp FROM prediction_ids WHERE project = {project:String} AND model = {model:String} AND id = {id:String})
       LIMIT 1`,
      { project, model, id },
    );
    if (rows[0] === undefined) return undefined;
    const labels = await this.labels(project, model, [id]);
    return present(rows[0], labels.get(id));
  }

  private async labels(project: string, model: string, ids: string[]): Promise<Map<string, LabelRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.store.query<LabelRow>(
      'feedback.for_predictions',
      `SELECT prediction_id, label_num, label_cat, timestamp
       FROM feedback FINAL
       WHERE project = {project:String} AND model = {model:String} AND prediction_id IN {ids:Array(String)}`,
      { project, model, ids },
    );
    return new Map(rows.map((r) => [r.prediction_id, r]));
  }
}

function present(row: StoredPredictionRow, label: LabelRow | undefined): StoredPrediction {
  return {
    id: row.id,
    model: row.model,
    version: row.version,
    timestamp: toRfc3339(row.timestamp),
    receivedAt: toRfc3339(row.received_at),
    features: { ...row.num_features, ...row.cat_features },
    prediction: row.prediction_num ?? row.prediction_cat,
    scores: row.scores,
    latencyMs: row.latency_ms,
    source: row.source,
    label: label === undefined ? null : (label.label_num ?? label.label_cat),
    labeledAt: label === undefined ? null : toRfc3339(label.timestamp),
  };
}
