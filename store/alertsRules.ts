import { defaultRules } from '../alerts/rules/defaults';
import type { AlertRule } from '../alerts/rules/rule';
import type { Store } from './clickhouse';
import { nextRevision } from './revision';
import { toRfc3339 } from './time';

export interface StoredRule extends AlertRule {
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

interface RuleRow {
  id: string;
  name: string;
  model: string;
  metric: AlertRule['metric'];
  feature: string;
  op: AlertRule['op'];
  threshold: number;
  for_windows: number;
  severity: AlertRule['severity'];
  channels: string[];
  enabled: number;
  is_default: number;
  deleted: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

const COLUMNS = 'id, name, model, metric, feature, op, threshold, for_windows, severity, channels, enabled, is_default, deleted, created_at, updated_at, updated_by';

const fromRow = (r: RuleRow): StoredRule => ({
  id: r.id,
  name: r.name,
  model: r.model,
  metric: r.metric,
  feature: r.feature,
  op: r.op,
  threshold: r.threshold,
  forWindows: Number(r.for_windows),
  severity: r.severity,
  channels: r.channels,
  enabled: Number(r.enabled) === 1,
  isDefault: Number(r.is_default) === 1,
  createdAt: toRfc3339(r.created_at),
  updatedAt: toRfc3339(r.updated_at),
  updatedBy: r.updated_by,
});

function toRow(project: string, rule: AlertRule, createdAtMs: number, now: number, updatedBy: string, deleted: boolean) {
  return {
    project,
    id: rule.id,
    name: rule.name,
    model: rule.model,
    metric: rule.metric,
    feature: rule.feature,
    op: rule.op,
    threshold: rule.threshold,
    for_windows: rule.forWindows,
    severity: rule.severity,
    channels: rule.channels,
    enabled: rule.enabled ? 1 : 0,
    is_default: rule.isDefault ? 1 : 0,
    deleted: deleted ? 1 : 0,
    created_at: createdAtMs,
    updated_at: now,
    updated_by: updatedBy,
    revision: nextRevision(now),
  };
}

/** Alert rules of a project (`alert_rules`), default rules included once written. */
export class RuleRepository {
  constructor(private readonly store: Store) {}

  /** Live rules, optionally of one model (rules for `*` included). */
  async list(project: string, model?: string): Promise<StoredRule[]> {
    const rows = await this.store.query<RuleRow>(
      'alerts.rules.list',
      `SELECT ${COLUMNS} FROM (SELECT * FROM alert_rules FINAL WHERE project = {project:String}) WHERE deleted = 0
       ${model === undefined ? '' : "AND model IN ({model:String}, '*')"} ORDER BY model, created_at, id`,
      { project, model },
    );
    return rows.map(fromRow);
  }

  async get(project: string, id: string): Promise<StoredRule | undefined> {
    const rows = await this.store.query<RuleRow>(
      'alerts.rules.get',
      `SELECT ${COLUMNS} FROM alert_rules FINAL WHERE project = {project:String} AND id = {id:String} AND deleted = 0`,
      { project, id },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async put(project: string, rule: AlertRule, updatedBy: string, now: number, createdAtMs = now): Promise<StoredRule> {
    await this.store.insert('alerts.rules.put', 'alert_rules', [toRow(project, rule, createdAtMs, now, updatedBy, false)]);
    const at = new Date(now).toISOString();
    return { ...rule, createdAt: new Date(createdAtMs).toISOString(), updatedAt: at, updatedBy };
  }

  async delete(project: string, rule: StoredRule, deletedBy: string, now: number): Promise<void> {
    await this.store.insert('alerts.rules.delete', 'alert_rules', [toRow(project, rule, Date.parse(rule.createdAt), now, deletedBy, true)]);
  }

  /**
   * Writes the default rules of every model of the project that has a baseline and never had
   * them (a deleted default rule counts as had: deleting one is a choice that sticks).
   * Returns how many were written.
   */
  async ensureDefaults(project: string, now: number): Promise<number> {
    const [models, existing] = await Promise.all([
      this.store.query<{ model: string }>('alerts.rules.models_with_baseline', 'SELECT DISTINCT model FROM baselines FINAL WHERE project = {project:String}', { project }),
      this.store.query<{ id: string }>('alerts.rules.default_ids', "SELECT DISTINCT id FROM alert_rules WHERE project = {project:String} AND is_default = 1", { project }),
    ]);
    const had = new Set(existing.map((r) => r.id));
    const missing = models.flatMap((m) => defaultRules(m.model)).filter((r) => !had.has(r.id));
    if (missing.length === 0) return 0;
    await this.store.insert(
      'alerts.rules.defaults',
      'alert_rules',
      missing.map((r) => toRow(project, { ...r, channels: [], enabled: true, isDefault: true }, now, now, 'vigil', false)),
    );
    return missing.length;
  }

  /** Projects with at least one model (the evaluator looks at each). */
  async projects(): Promise<string[]> {
    const rows = await this.store.query<{ project: string }>('alerts.projects', 'SELECT DISTINCT project FROM models FINAL ORDER BY project');
    return rows.map((r) => r.project);
  }
}
