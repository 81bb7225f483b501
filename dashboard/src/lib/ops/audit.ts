/**
 * The audit log's "before → after" column. Entries carry the state before and after a change
 * as JSON; the column shows what changed: for an alias the versions (`1 → 2`), for an update
 * only the fields that differ, for a creation a short summary of what was created.
 */

const MAX_SUMMARY = 120;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value in a few words: scalars as they are, a record as `key=value` pairs, a record with a
 * `name` (a feature) by its name, a list as its items.
 */
function compact(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (isRecord(value)) {
    if (typeof value.name === 'string') return value.name;
    return `{${Object.entries(value).map(([k, v]) => `${k}=${compact(v)}`).join(' ')}}`;
  }
  return String(value);
}

/**
 * One side of a change as a short line: nothing is `–`; an object of one field is that
 * field's value; a larger one lists `field: value` pairs, cut at 140 characters.
 *
 * @example summarizeState({ version: '2' }) // '2'
 */
export function summarizeState(value: unknown): string {
  let text: string;
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(isRecord(v) && Object.keys(v).length === 0));
    text = entries.length === 1 && Object.keys(value).length === 1 ? compact(entries[0]?.[1]) : entries.map(([k, v]) => `${k}: ${compact(v)}`).join(', ');
    if (text === '') text = '–';
  } else text = compact(value);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/**
 * Before and after of an audit entry as two short lines. When both sides are objects, only
 * the fields whose value changed are shown.
 *
 * @example describeChange({ version: '1' }, { version: '2' }) // { before: '1', after: '2' }
 * @example describeChange({ tags: { a: '1' }, baselineFrom: null }, { tags: { a: '2' }, baselineFrom: null }) // { before: 'tags: {a=1}', after: 'tags: {a=2}' }
 */
export function describeChange(before: unknown, after: unknown): { before: string; after: string } {
  if (isRecord(before) && isRecord(after)) {
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length > 0 && changed.length < new Set([...Object.keys(before), ...Object.keys(after)]).size) {
      const pick = (side: Record<string, unknown>) => changed.map((k) => `${k}: ${compact(side[k])}`).join(', ');
      return { before: cut(pick(before)), after: cut(pick(after)) };
    }
  }
  return { before: summarizeState(before), after: summarizeState(after) };
}

const cut = (text: string) => (text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text);

/** The whole state, for a tooltip or an expanded view. */
export function fullState(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** Audit actions in words. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'model.created': 'model created',
  'version.registered': 'version registered',
  'version.updated': 'version updated',
  'alias.set': 'alias moved',
  'alias.deleted': 'alias removed',
  'baseline.uploaded': 'baseline uploaded',
};
