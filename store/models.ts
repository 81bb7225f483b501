import type { Store } from './clickhouse';
import { toRfc3339 } from './time';

export interface FeatureSpec {
  name: string;
  type: 'numeric' | 'categorical';
}

/** Per-model behaviour; every key is optional in storage and defaulted where it is read. */
export interface ModelSettings {
  /** Accept (and ignore) features the model does not declare, instead of rejecting the item. */
  allowUnknownFeatures: boolean;
  /** Detector window size: `<n>m`, `<n>h` or `<n>d`, tumbling, aligned to the epoch (UTC). */
  windowSize: string;
  /** A window is evaluated once its end plus this much has passed; later rows re-evaluate it. */
  allowedLatenessMs: number;
  /** Windows with fewer current values get `insufficient_data` (STATISTICS.md). */
  minSamples: number;
  /** PSI at or above this is drift. */
  psiDrift: number;
  /** PSI at or above this (and below psiDrift) is moderate. */
  psiModerate: number;
  /** A Benjamini-Hochberg adjusted p-value below this is significant. */
  adjustedPValue: number;
  /** Smallest normed Wasserstein distance that is not negligible. */
  wassersteinNormedMin: number;
  /** Smallest Jensen-Shannon distance that is not negligible. */
  jsDistanceMin: number;
  /** Positive class of a binary classifier; default: "1" / "true" / 1. */
  positiveClass: string | null;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  allowUnknownFeatures: false,
  windowSize: '1h',
  allowedLatenessMs: 300_000,
  minSamples: 100,
  psiDrift: 0.2,
  psiModerate: 0.1,
  adjustedPValue: 0.05,
  wassersteinNormedMin: 0.1,
  jsDistanceMin: 0.1,
  positiveClass: null,
};

export interface ModelRecord {
  project: string;
  name: string;
  task: 'binary_classification' | 'multiclass_classification' | 'regression';
  features: FeatureSpec[];
  description: string;
  owner: string;
  tags: Record<string, string>;
  settings: ModelSettings;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export type NewModel = Omit<ModelRecord, 'createdAt' | 'updatedAt'>;

interface ModelRow {
  project: string;
  name: string;
  task: ModelRecord['task'];
  features: FeatureSpec[];
  description: string;
  owner: string;
  tags: Record<string, string>;
  settings: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

const COLUMNS = 'project, name, task, features, description, owner, tags, settings, created_at, created_by, updated_at';

function fromRow(row: ModelRow): ModelRecord {
  return {
    project: row.project,
    name: row.name,
    task: row.task,
    features: row.features,
    description: row.description,
    owner: row.owner,
    tags: row.tags,
    settings: { ...DEFAULT_MODEL_SETTINGS, ...(JSON.parse(row.settings || '{}') as Partial<ModelSettings>) },
    createdAt: toRfc3339(row.created_at),
    createdBy: row.created_by,
    updatedAt: toRfc3339(row.updated_at),
  };
}

/** Models of a project: name, task and typed features, the schema telemetry is checked against. */
export class ModelRepository {
  /** Creations in flight, so that two concurrent creates of one name cannot both succeed. */
  private readonly creating = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Store) {}

  async get(project: string, name: string): Promise<ModelRecord | undefined> {
    const rows = await this.store.query<ModelRow>(
      'models.get',
      `SELECT ${COLUMNS} FROM models FINAL WHERE project = {project:String} AND name = {name:String}`,
      { project, name },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async list(project: string): Promise<ModelRecord[]> {
    const rows = await this.store.query<ModelRow>(
      'models.list',
      `SELECT ${COLUMNS} FROM models FINAL WHERE project = {project:String} ORDER BY name`,
      { project },
    );
    return rows.map(fromRow);
  }

  /** Creates the model; resolves to `undefined` when one of that name already exists. */
  async create(model: NewModel, now: number): Promise<ModelRecord | undefined> {
    const key = JSON.stringify([model.project, model.name]);
    const previous = this.creating.get(key) ?? Promise.resolve();
    const attempt = previous.catch(() => undefined).then(async () => {
      if (await this.get(model.project, model.name)) return undefined;
      await this.store.insert('models.create', 'models', [
        {
          project: model.project,
          name: model.name,
          task: model.task,
          features: model.features,
          description: model.description,
          owner: model.owner,
          tags: model.tags,
          settings: JSON.stringify(model.settings),
          created_at: now,
          created_by: model.createdBy,
          updated_at: now,
        },
      ]);
      const at = new Date(now).toISOString();
      return { ...model, createdAt: at, updatedAt: at } satisfies ModelRecord;
    });
    this.creating.set(key, attempt);
    try {
      return await attempt;
    } finally {
      if (this.creating.get(key) === attempt) this.creating.delete(key);
    }
  }
}
