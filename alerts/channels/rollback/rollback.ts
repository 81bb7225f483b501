import type { RollbackLog } from '../../../store/alertsRollbacks';
import { ModelLocks } from '../../../store/modelLocks';
import type { RegistryRepository } from '../../../store/registry';
import type { RegistryAuditLog } from '../../../store/registryAudit';
import type { Delivery } from '../../../store/alertsDeliveries';
import type { HttpAttemptResult } from '../../delivery/outbound';
import type { Channel, RollbackConfig } from '../config';
import type { Notifier } from '../notifier';
import { previousVersion, rollbackAllowed, type AliasMove } from './previousVersion';

/** Moves an alias through the registry's change path (server/registry/changes.ts), which writes the audit entry. */
export type MoveAlias = (project: string, model: string, alias: string, version: string, author: { keyId: string; reason: string }) => Promise<void>;

export interface RollbackRequest {
  project: string;
  model: string;
  alias: string;
  /** Lands in the audit entry: names the alert (or the person's reason). */
  reason: string;
  /** Who acts: the caller's key id, or `channel:<id>` for the policy. */
  keyId: string;
  channelId: string;
  fingerprints: string[];
  /** The automatic policy's limits; absent for a rollback by hand. */
  policy?: { cooldownMs: number; maxPerDay: number };
  /** A token that marks one request (a delivery's notification id): a retried request does not roll back twice. */
  idempotencyToken?: string;
}

export type RollbackResult =
  | { kind: 'rolled_back'; alias: string; fromVersion: string; toVersion: string; at: number; repeated: boolean }
  | { kind: 'refused'; code: 'no_alias' | 'no_previous' | 'policy'; reason: string };

const MAX_AUDIT_PAGES = 50;

/**
 * Rolls an alias back to the version it was moved forward from (see `previousVersion`), through
 * the registry's own change path, so the move is one alias row plus one audit entry whose
 * reason names the alert. Serialised per model in the process, so two alerts of one model
 * cannot both roll back past the cooldown.
 */
export class ModelRollback {
  private readonly locks = new ModelLocks();

  constructor(
    private readonly deps: {
      registry: RegistryRepository;
      audit: RegistryAuditLog;
      rollbacks: RollbackLog;
      moveAlias: MoveAlias;
      now: () => number;
    },
  ) {}

  /** The alias's history of moves, oldest first, and the reasons given for each. */
  private async aliasMoves(project: string, model: string, alias: string): Promise<{ moves: AliasMove[]; reasons: string[] }> {
    const moves: AliasMove[] = [];
    const reasons: string[] = [];
    let after: number | undefined;
    for (let page = 0; page < MAX_AUDIT_PAGES; page += 1) {
      const result = await this.deps.audit.page(project, model, { order: 'asc', limit: 1000, after });
      for (const e of result.entries) {
        if (e.target !== alias || (e.action !== 'alias.set' && e.action !== 'alias.deleted')) continue;
        const to = e.action === 'alias.set' ? ((e.after as { version?: string } | null)?.version ?? null) : null;
        moves.push({ to });
        reasons.push(e.reason ?? '');
      }
      if (result.next === null) break;
      after = result.next;
    }
    return { moves, reasons };
  }

  async rollBack(request: RollbackRequest): Promise<RollbackResult> {
    const { registry, rollbacks, moveAlias, now } = this.deps;
    return this.locks.run(request.project, request.model, async () => {
      const current = await registry.resolveAlias(request.project, request.model, request.alias);
      if (current === undefined) return { kind: 'refused', code: 'no_alias', reason: `alias ${JSON.stringify(request.alias)} of model ${JSON.stringify(request.model)} is not set` };
      const { moves, reasons } = await this.aliasMoves(request.project, request.model, request.alias);
      const token = request.idempotencyToken;
      if (token !== undefined && reasons.some((r) => r.includes(token))) {
        return { kind: 'rolled_back', alias: request.alias, fromVersion: '', toVersion: current, at: now(), repeated: true };
      }
      // The audit log ends where the alias points now; if not (written outside the registry), trust the alias.
      if (moves.at(-1)?.to !== current) moves.push({ to: current });
      const target = previousVersion(moves);
      if (target === null) return { kind: 'refused', code: 'no_previous', reason: `alias ${JSON.stringify(request.alias)} of model ${JSON.stringify(request.model)} points at version ${JSON.stringify(current)} and has no previous version to go back to` };
      if (request.policy !== undefined) {
        const at = now();
        const verdict = rollbackAllowed(await rollbacks.since(request.project, request.model, request.alias, at - 86_400_000), at, request.policy);
        if (!verdict.allowed) return { kind: 'refused', code: 'policy', reason: verdict.reason };
      }
      const reason = token === undefined ? request.reason : `${request.reason} [${token}]`;
      await moveAlias(request.project, request.model, request.alias, target, { keyId: request.keyId, reason });
      const at = now();
      await rollbacks.append({ project: request.project, model: request.model, alias: request.alias, fromVersion: current, toVersion: target, at, channelId: request.channelId, fingerprints: request.fingerprints, reason });
      return { kind: 'rolled_back', alias: request.alias, fromVersion: current, toVersion: target, at, repeated: false };
    });
  }
}

/**
 * The rollback channel: for a notification with firing alerts, rolls the model's alias back
 * under the channel's policy. Refusals (no previous version, cooldown, daily limit) are
 * `skipped`, not failures: nothing is retried.
 */
export function rollbackNotifier(rollback: ModelRollback): Notifier {
  return {
    wants: (n) => n.kind === 'alerts' && n.firing.length > 0,
    async deliver(delivery: Delivery, channel: Channel): Promise<HttpAttemptResult> {
      const config = channel.config as RollbackConfig;
      const n = delivery.payload;
      const named = n.firing.map((a) => `${a.labels.alertname ?? 'alert'}${a.labels.feature ? ` on ${a.labels.feature}` : ''} (alert ${a.id})`);
      const result = await rollback.rollBack({
        project: n.project,
        model: n.model,
        alias: config.alias,
        reason: `auto-rollback by channel ${JSON.stringify(channel.name)}: ${named.slice(0, 10).join(', ')}${named.length > 10 ? ` and ${named.length - 10} more` : ''}`,
        keyId: `channel:${channel.id}`,
        channelId: channel.id,
        fingerprints: n.firing.map((a) => a.id),
        policy: { cooldownMs: config.cooldownMs, maxPerDay: config.maxPerDay },
        idempotencyToken: n.id,
      });
      if (result.kind === 'refused') return { outcome: { kind: 'skipped', reason: result.reason }, statusCode: null };
      return { outcome: { kind: 'delivered' }, statusCode: null };
    },
  };
}
