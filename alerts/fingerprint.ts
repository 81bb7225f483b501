import { createHash } from 'node:crypto';
import type { Labels } from './labels';

export type { Labels };

/**
 * A stable fingerprint of a label set: the same labels, in any order, give the same 16 hex
 * characters; any other label set gives another. As Alertmanager's fingerprint, it is what
 * deduplicates an alert across evaluations, restarts and replicas.
 *
 * @example alertFingerprint({ model: 'churn', alertname: 'FeatureDrift' }) === alertFingerprint({ alertname: 'FeatureDrift', model: 'churn' })
 */
export function alertFingerprint(labels: Labels): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((name) => [name, labels[name]]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}
