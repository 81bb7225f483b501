import type { FeatureSpec, ModelRecord } from '../../store/models';

/**
 * Open Inference Protocol v2 tensors to Vigil predictions (docs/gateway.md, "What is logged").
 * Pure functions of the parsed JSON bodies and the model's declared features.
 */

export type FeatureValue = number | string | null;

export interface MappedInputs {
  /** One feature map per row of the request (a batch request has several). */
  rows: Record<string, FeatureValue>[];
  /** How the inputs were read: one tensor per feature, one [n, k] matrix, or not at all. */
  layout: 'per_feature' | 'matrix' | 'unmapped';
  /** Values that could not take their feature's type and were logged as missing. */
  unmappedValues: number;
}

export interface MappedOutputs {
  predictions: (number | string)[];
  /** Per row, when a second output (or a several-column first one) looks like probabilities. */
  scores: Record<string, number>[] | undefined;
}

interface Tensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
}

/** Deeper nesting than any tensor has is refused, not recursed into (a crafted body could exhaust the stack). */
const MAX_TENSOR_DEPTH = 32;

/** Row-major values of flat or nested tensor data, without recursion; null when nested deeper than MAX_TENSOR_DEPTH. */
function flattenData(data: unknown[]): unknown[] | null {
  const out: unknown[] = [];
  const stack: { items: unknown[]; at: number }[] = [{ items: data, at: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { items: unknown[]; at: number };
    if (top.at === top.items.length) {
      stack.pop();
      continue;
    }
    const item = top.items[top.at++];
    if (!Array.isArray(item)) out.push(item);
    else if (stack.length >= MAX_TENSOR_DEPTH) return null;
    else stack.push({ items: item, at: 0 });
  }
  return out;
}

/** The tensors of an inference request or response (`inputs` / `outputs`) that carry JSON data. */
function tensorsOf(body: unknown, field: 'inputs' | 'outputs'): Tensor[] {
  if (typeof body !== 'object' || body === null) return [];
  const list = (body as Record<string, unknown>)[field];
  if (!Array.isArray(list)) return [];
  const out: Tensor[] = [];
  for (const t of list) {
    if (typeof t !== 'object' || t === null) continue;
    const { name, shape, datatype, data } = t as Record<string, unknown>;
    if (typeof name !== 'string' || !Array.isArray(data)) continue;
    // The protocol allows row-major flat data or nested arrays; both flatten to row-major.
    const flat = flattenData(data);
    if (flat === null) continue;
    out.push({
      name,
      shape: Array.isArray(shape) ? shape.map(Number) : [],
      datatype: typeof datatype === 'string' ? datatype.toUpperCase() : '',
      data: flat,
    });
  }
  return out;
}

/** Rows of a tensor: its first dimension, or 1 for a scalar. */
function rowCount(t: Tensor): number {
  return t.shape.length === 0 ? 1 : (t.shape[0] ?? 1);
}

function featureValue(value: unknown, feature: FeatureSpec): { value: FeatureValue; unmapped: boolean } {
  if (value === null || value === undefined) return { value: null, unmapped: false };
  if (feature.type === 'numeric') {
    if (typeof value === 'number' && Number.isFinite(value)) return { value, unmapped: false };
    if (typeof value === 'boolean') return { value: value ? 1 : 0, unmapped: false };
    return { value: null, unmapped: true };
  }
  if (typeof value === 'string') return { value, unmapped: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value), unmapped: false };
  return { value: null, unmapped: true };
}

/**
 * Feature rows of an inference request. Per feature: every input whose name is a declared
 * feature gives that feature, one value per row (shape `[n]`, `[n, 1]` or a scalar), and the
 * other inputs are ignored. Matrix: when no input is named after a feature, the first input
 * of shape `[n, k]` with k = the number of declared features gives n rows whose columns follow
 * the declared order. Otherwise one row with every feature missing.
 */
export function inputRows(body: unknown, features: FeatureSpec[]): MappedInputs {
  const inputs = tensorsOf(body, 'inputs');
  const byName = new Map(features.map((f) => [f.name, f]));
  const named = inputs.flatMap((t) => {
    const feature = byName.get(t.name);
    return feature === undefined ? [] : [{ tensor: t, feature }];
  });
  let unmappedValues = 0;
  if (named.length > 0) {
    const n = Math.max(...named.map(({ tensor }) => rowCount(tensor)));
    // Rows without a prototype: a feature named `__proto__` is a value like any other.
    const rows: Record<string, FeatureValue>[] = Array.from({ length: n }, () => Object.create(null) as Record<string, FeatureValue>);
    for (const { tensor, feature } of named) {
      const rowsOfTensor = rowCount(tensor);
      // A value per row; a tensor with several values per row is not one feature's value.
      const perRow = tensor.data.length === rowsOfTensor && (rowsOfTensor === n || rowsOfTensor === 1);
      rows.forEach((row, i) => {
        const mapped = perRow ? featureValue(tensor.data[rowsOfTensor === 1 ? 0 : i], feature) : { value: null, unmapped: true };
        row[feature.name] = mapped.value;
        if (mapped.unmapped) unmappedValues++;
      });
    }
    return { rows, layout: 'per_feature', unmappedValues };
  }
  const matrix = inputs[0];
  const k = features.length;
  const n = matrix?.shape[0] ?? 0;
  if (matrix !== undefined && k > 0 && matrix.shape.length === 2 && matrix.shape[1] === k && matrix.data.length === n * k) {
    const rows: Record<string, FeatureValue>[] = [];
    for (let i = 0; i < n; i++) {
      const row = Object.create(null) as Record<string, FeatureValue>;
      features.forEach((feature, j) => {
        const mapped = featureValue(matrix.data[i * k + j], feature);
        row[feature.name] = mapped.value;
        if (mapped.unmapped) unmappedValues++;
      });
      rows.push(row);
    }
    return { rows, layout: 'matrix', unmappedValues };
  }
  return { rows: [{}], layout: 'unmapped', unmappedValues: 0 };
}

/** Probabilities: every value in [0, 1] and, with several columns, each row summing to 1. */
function probabilities(values: unknown[], n: number): Record<string, number>[] | undefined {
  if (n === 0 || values.length % n !== 0 || !values.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) return undefined;
  const c = values.length / n;
  const numbers = values as number[];
  const out: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const row = numbers.slice(i * c, (i + 1) * c);
    const [p = 0] = row;
    if (c === 1) out.push({ '0': 1 - p, '1': p });
    else if (Math.abs(row.reduce((s, v) => s + v, 0) - 1) > 1e-3) return undefined;
    else out.push(Object.fromEntries(row.map((v, j) => [String(j), v])));
  }
  return out;
}

function outputValue(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/**
 * Predictions of an inference response with `n` rows: the first output's value per row. When
 * that output has several values per row that look like probabilities (a classifier that only
 * returns probabilities), the prediction is the index of the largest and they are the scores.
 * Otherwise a second output that looks like probabilities gives the scores (one column: the
 * probability of class "1"). Scores are kept for classifiers only. `undefined` when the
 * response has no usable first output.
 */
export function outputRows(body: unknown, n: number, task: ModelRecord['task']): MappedOutputs | undefined {
  const [first, second] = tensorsOf(body, 'outputs');
  if (first === undefined || n === 0) return undefined;
  const classifier = task !== 'regression';
  if (first.data.length === n) {
    const predictions = first.data.map(outputValue);
    if (predictions.some((p) => p === undefined)) return undefined;
    return { predictions: predictions as (number | string)[], scores: classifier && second ? probabilities(second.data, n) : undefined };
  }
  const scores = classifier ? probabilities(first.data, n) : undefined;
  if (scores === undefined || first.data.length / n < 2) return undefined;
  const predictions = scores.map((row) => Object.entries(row).reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0]).map(Number);
  return { predictions, scores };
}

/** Prediction ids of a request of `n` rows: the base id alone, or `<base>:<row>` from 0. */
export function predictionIds(base: string, n: number): string[] {
  return n === 1 ? [base] : Array.from({ length: n }, (_, i) => `${base}:${i}`);
}
