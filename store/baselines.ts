import { randomBytes } from 'node:crypto';
import type { Store } from './clickhouse';
import {
  BASELINE_BINS,
  TOP_CATEGORIES,
  dedupeEdges,
  quantileLevels,
  type BaselineProfile,
  type CategoricalColumnProfile,
  type ColumnProfile,
  type NumericColumnProfile,
} from './baselineProfile';
import { nextRevision } from './revision';
import { toRfc3339 } from './time';

/** Pseudo-features under which the model's output and ground truth are stored. */
export const PREDICTION_FEATURE = '__prediction';
export const LABEL_FEATURE = '__label';

/** A column of a baseline as stored: its feature name (or pseudo-feature) and kind. */
export interface BaselineColumn {
  feature: string;
  kind: 'numeric' | 'categorical';
}

/**
 * One row of a baseline file, split by kind: `nums[i]` is the value of the i-th numeric
 * column, `cats[j]` of the j-th categorical one; `null` is missing.
 */
export interface BaselineRow {
  nums: (number | null)[];
  cats: (string | null)[];
}

export interface BaselineUpload {
  baselineId: string;
  /** The version the file was uploaded for. */
  version: string;
  format: string;
  rowCount: number;
  profile: BaselineProfile;
  uploadedAt: string;
  uploadedBy: string;
}

/** A version's baseline as the detectors use it: its own, or the one named by `baselineFrom`. */
export interface ResolvedBaseline extends BaselineUpload {
  /** `own`: uploaded for this version; `inherited`: reached through `baselineFrom`. */
  source: 'own' | 'inherited';
  /** The version whose baseline this is (differs from the asked version when inherited). */
  fromVersion: string;
}

export interface BaselineStatus {
  status: 'own' | 'inherited' | 'none';
  baselineId: string | null;
  fromVersion: string | null;
  rowCount: number | null;
  uploadedAt: string | null;
}

export interface WriteBaselineInput {
  project: string;
  model: string;
  version: string;
  format: string;
  /** Every column a row carries (`nums` / `cats` follow their order by kind). */
  columns: BaselineColumn[];
  /**
   * The columns to profile, asked once all rows are read (optional columns the file turned
   * out not to have are left out); default: all of `columns`.
   */
  profiledColumns?: () => BaselineColumn[];
  rows: AsyncIterable<BaselineRow>;
  uploadedBy: string;
  now: () => number;
}

/**
 * Rows per insert. chDB holds an insert's JSON, its parsed block and the view's exploded block
 * at once, so memory grows with this (measured for 20 features: 5,000 rows ~180 MiB peak RSS
 * delta, 20,000 ~470, 50,000 ~810) while fewer, larger inserts are faster; see
 * docs/architecture.md for the numbers behind this choice.
 */
const DEFAULT_CHUNK_ROWS = 10_000;

/**
 * Follows a version to the baseline it uses: its own when it has one, else along
 * `baselineFrom` (which may chain) until a version with its own baseline. Stops on a cycle.
 */
export function followBaseline(
  version: string,
  ownBaselines: ReadonlyMap<string, string>,
  baselineFrom: ReadonlyMap<string, string | null>,
): { baselineId: string; fromVersion: string } | undefined {
  const seen = new Set<string>();
  let current: string | null | undefined = version;
  while (current !== null && current !== undefined && !seen.has(current)) {
    seen.add(current);
    const own = ownBaselines.get(current);
    if (own !== undefined) return { baselineId: own, fromVersion: current };
    current = baselineFrom.get(current);
  }
  return undefined;
}

interface UploadRow {
  baseline_id: string;
  version: string;
  format: string;
  row_count: string;
  profile?: string;
  created_at: string;
  created_by: string;
}

/**
 * Training baselines: streamed uploads into `baseline_values`, profiles, and the per-version
 * pointer that makes a finished upload visible in one insert.
 */
export class BaselineRepository {
  constructor(
    private readonly store: Store,
    private readonly options: { chunkRows?: number; bins?: number; topCategories?: number } = {},
  ) {}

  /**
   * Writes an upload's rows under a fresh baseline id, chunk by chunk as the rows arrive
   * (never holding the file), then computes and stores its profile. The version's pointer is
   * not moved: call `pointVersionAt` once this resolves. If reading the rows or writing fails,
   * the rows written so far are deleted (best effort; no pointer ever names them) and the
   * error is rethrown.
   */
  async write(input: WriteBaselineInput, onDiscardFailure: (error: unknown) => void = () => {}): Promise<BaselineUpload> {
    const baselineId = `bl_${randomBytes(12).toString('hex')}`;
    const numFeatures = input.columns.filter((c) => c.kind === 'numeric').map((c) => c.feature);
    const catFeatures = input.columns.filter((c) => c.kind === 'categorical').map((c) => c.feature);
    const chunkRows = this.options.chunkRows ?? DEFAULT_CHUNK_ROWS;
    let rowCount = 0;
    try {
      let chunk: object[] = [];
      for await (const row of input.rows) {
        chunk.push({ project: input.project, model: input.model, baseline_id: baselineId, num_features: numFeatures, nums: row.nums, cat_features: catFeatures, cats: row.cats });
        rowCount += 1;
        if (chunk.length >= chunkRows) {
          // Awaiting here stops pulling rows, which pauses the parser and the request body.
          await this.store.insert('baselines.values', 'baseline_rows_in', chunk);
          chunk = [];
        }
      }
      await this.store.insert('baselines.values', 'baseline_rows_in', chunk);
      const profile = await this.profile(input.project, input.model, baselineId, input.profiledColumns?.() ?? input.columns, rowCount);
      const uploadedAt = input.now();
      await this.store.insert('baselines.upload', 'baseline_uploads', [
        {
          project: input.project,
          model: input.model,
          baseline_id: baselineId,
          version: input.version,
          format: input.format,
          row_count: rowCount,
          profile: JSON.stringify(profile),
          created_at: uploadedAt,
          created_by: input.uploadedBy,
        },
      ]);
      return { baselineId, version: input.version, format: input.format, rowCount, profile, uploadedAt: new Date(uploadedAt).toISOString(), uploadedBy: input.uploadedBy };
    } catch (error) {
      await this.discard(input.project, input.model, baselineId).catch(onDiscardFailure);
      throw error;
    }
  }

  /** Deletes the values of a baseline that no pointer names (a failed upload). */
  async discard(project: string, model: string, baselineId: string): Promise<void> {
    await this.store.command(
      'baselines.discard',
      'DELETE FROM baseline_values WHERE project = {project:String} AND model = {model:String} AND baseline_id = {baselineId:String}',
      { project, model, baselineId },
    );
  }

  /** Makes a written baseline the version's own, atomically: one inserted row. */
  async pointVersionAt(project: string, model: string, version: string, baselineId: string, updatedBy: string, now: number): Promise<void> {
    await this.store.insert('baselines.point', 'baselines', [
      { project, model, version, baseline_id: baselineId, updated_at: now, updated_by: updatedBy, revision: nextRevision(now) },
    ]);
  }

  /** The id of the baseline uploaded for this very version, if any (not following `baselineFrom`). */
  async ownBaselineId(project: string, model: string, version: string): Promise<string | undefined> {
    const rows = await this.store.query<{ baseline_id: string }>(
      'baselines.own',
      'SELECT baseline_id FROM baselines FINAL WHERE project = {project:String} AND model = {model:String} AND version = {version:String}',
      { project, model, version },
    );
    return rows[0]?.baseline_id;
  }

  /**
   * The baseline a version is judged against, with its profile: its own, or another
   * version's through `baselineFrom`; `undefined` when there is none. What detectors call.
   */
  async resolve(project: string, model: string, version: string): Promise<ResolvedBaseline | undefined> {
    const { own, from } = await this.links(project, model);
    const found = followBaseline(version, own, from);
    if (found === undefined) return undefined;
    const rows = await this.store.query<UploadRow>(
      'baselines.upload.get',
      `SELECT baseline_id, version, format, row_count, profile, created_at, created_by FROM baseline_uploads FINAL
       WHERE project = {project:String} AND model = {model:String} AND baseline_id = {baselineId:String}`,
      { project, model, baselineId: found.baselineId },
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return { ...uploadFromRow(row), source: found.fromVersion === version ? 'own' : 'inherited', fromVersion: found.fromVersion };
  }

  /** The baseline status of every version of a model (without profiles), in three queries. */
  async statuses(project: string, model: string, versions: readonly string[]): Promise<Map<string, BaselineStatus>> {
    const { own, from } = await this.links(project, model);
    const found = new Map(versions.map((v) => [v, followBaseline(v, own, from)] as const));
    const ids = [...new Set([...found.values()].flatMap((f) => (f ? [f.baselineId] : [])))];
    const uploads = new Map<string, UploadRow>();
    if (ids.length > 0) {
      const rows = await this.store.query<UploadRow>(
        'baselines.upload.list',
        `SELECT baseline_id, version, format, row_count, created_at, created_by FROM baseline_uploads FINAL
         WHERE project = {project:String} AND model = {model:String} AND baseline_id IN {ids:Array(String)}`,
        { project, model, ids },
      );
      for (const row of rows) uploads.set(row.baseline_id, row);
    }
    const out = new Map<string, BaselineStatus>();
    for (const version of versions) {
      const link = found.get(version);
      const upload = link && uploads.get(link.baselineId);
      out.set(
        version,
        link === undefined || upload === undefined
          ? { status: 'none', baselineId: null, fromVersion: null, rowCount: null, uploadedAt: null }
          : {
              status: link.fromVersion === version ? 'own' : 'inherited',
              baselineId: link.baselineId,
              fromVersion: link.fromVersion,
              rowCount: Number(upload.row_count),
              uploadedAt: toRfc3339(upload.created_at),
            },
      );
    }
    return out;
  }

  /** Every version's own baseline id and `baselineFrom` link, for following chains in memory. */
  private async links(project: string, model: string) {
    const [pointers, versions] = await Promise.all([
      this.store.query<{ version: string; baseline_id: string }>(
        'baselines.pointers',
        'SELECT version, baseline_id FROM baselines FINAL WHERE project = {project:String} AND model = {model:String}',
        { project, model },
      ),
      this.store.query<{ version: string; baseline_from: string | null }>(
        'baselines.from',
        'SELECT version, baseline_from FROM model_versions FINAL WHERE project = {project:String} AND model = {model:String}',
        { project, model },
      ),
    ]);
    return {
      own: new Map(pointers.map((p) => [p.version, p.baseline_id])),
      from: new Map(versions.map((v) => [v.version, v.baseline_from])),
    };
  }

  /** Computes the profile of a written baseline in ClickHouse: two aggregate queries. */
  private async profile(project: string, model: string, baselineId: string, columns: BaselineColumn[], rowCount: number): Promise<BaselineProfile> {
    const bins = this.options.bins ?? BASELINE_BINS;
    const top = this.options.topCategories ?? TOP_CATEGORIES;
    const numeric = columns.filter((c) => c.kind === 'numeric').map((c) => c.feature);
    const categorical = columns.filter((c) => c.kind === 'categorical').map((c) => c.feature);
    const where = 'project = {project:String} AND model = {model:String} AND baseline_id = {baselineId:String}';
    const [numericRows, categoricalRows, categoryRows] = await Promise.all([
      numeric.length === 0
        ? []
        : this.store.query<{ feature: string; present: string; min: number | null; max: number | null; mean: number | null; std: number | null }>(
            'baselines.profile.numeric',
            `SELECT feature, count(num) AS present, min(num) AS min, max(num) AS max, avg(num) AS mean, stddevPopStable(num) AS std
             FROM baseline_values WHERE ${where} AND feature IN {features:Array(String)} GROUP BY feature`,
            { project, model, baselineId, features: numeric },
          ),
      categorical.length === 0
        ? []
        : this.store.query<{ feature: string; present: string; total: string; distinct: string }>(
            'baselines.profile.categorical',
            `SELECT feature, count(cat) AS present, count() AS total, uniqExact(cat) AS distinct
             FROM baseline_values WHERE ${where} AND feature IN {features:Array(String)} GROUP BY feature`,
            { project, model, baselineId, features: categorical },
          ),
      categorical.length === 0
        ? []
        : this.store.query<{ feature: string; value: string; n: string }>(
            'baselines.profile.categories',
            `SELECT feature, cat AS value, count() AS n
             FROM baseline_values WHERE ${where} AND feature IN {features:Array(String)} AND cat IS NOT NULL
             GROUP BY feature, value ORDER BY feature, n DESC, value LIMIT {top:UInt32} BY feature`,
            { project, model, baselineId, features: categorical, top },
          ),
    ]);
    // Exact quantiles hold every value of a feature in memory: one feature at a time keeps
    // that to 8 bytes per row instead of 8 bytes per cell of the whole file.
    const quantilesBy = new Map<string, number[]>();
    for (const feature of numeric) {
      const rows = await this.store.query<{ q: (number | null)[] }>(
        'baselines.profile.quantiles',
        // The levels are literals built from a validated integer: parametric aggregate
        // arguments must be constants.
        `SELECT quantilesExactInclusive(${quantileLevels(bins)})(num) AS q FROM baseline_values WHERE ${where} AND feature = {feature:String} AND num IS NOT NULL`,
        { project, model, baselineId, feature },
      );
      quantilesBy.set(feature, (rows[0]?.q ?? []).filter((q): q is number => typeof q === 'number' && Number.isFinite(q)));
    }
    const numericBy = new Map(numericRows.map((r) => [r.feature, r]));
    const categoricalBy = new Map(categoricalRows.map((r) => [r.feature, r]));
    const categoriesBy = new Map<string, { value: string; count: number }[]>();
    for (const row of categoryRows) {
      const list = categoriesBy.get(row.feature) ?? [];
      list.push({ value: row.value, count: Number(row.n) });
      categoriesBy.set(row.feature, list);
    }

    const profileOf = (column: BaselineColumn, name: string): ColumnProfile => {
      if (column.kind === 'numeric') {
        const row = numericBy.get(column.feature);
        const count = Number(row?.present ?? 0);
        const numeric: NumericColumnProfile = {
          name,
          kind: 'numeric',
          count,
          missing: rowCount - count,
          min: count > 0 ? (row?.min ?? null) : null,
          max: count > 0 ? (row?.max ?? null) : null,
          mean: count > 0 ? (row?.mean ?? null) : null,
          std: count > 0 ? (row?.std ?? null) : null,
          edges: count > 0 ? dedupeEdges(quantilesBy.get(column.feature) ?? []) : [],
        };
        return numeric;
      }
      const row = categoricalBy.get(column.feature);
      const count = Number(row?.present ?? 0);
      const categories = categoriesBy.get(column.feature) ?? [];
      const categoricalProfile: CategoricalColumnProfile = {
        name,
        kind: 'categorical',
        count,
        missing: rowCount - count,
        distinct: Number(row?.distinct ?? 0),
        categories,
        otherCount: count - categories.reduce((sum, c) => sum + c.count, 0),
      };
      return categoricalProfile;
    };

    const pseudo = (feature: string, name: string) => {
      const column = columns.find((c) => c.feature === feature);
      return column === undefined ? null : profileOf(column, name);
    };
    return {
      rowCount,
      bins,
      features: columns.filter((c) => c.feature !== PREDICTION_FEATURE && c.feature !== LABEL_FEATURE).map((c) => profileOf(c, c.feature)),
      prediction: pseudo(PREDICTION_FEATURE, 'prediction'),
      label: pseudo(LABEL_FEATURE, 'label'),
    };
  }
}

function uploadFromRow(row: UploadRow): BaselineUpload {
  return {
    baselineId: row.baseline_id,
    version: row.version,
    format: row.format,
    rowCount: Number(row.row_count),
    profile: JSON.parse(row.profile ?? 'null') as BaselineProfile,
    uploadedAt: toRfc3339(row.created_at),
    uploadedBy: row.created_by,
  };
}
