import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { categoricalDrift } from './categoricalDrift.js';
import { numericDrift } from './numericDrift.js';

// shared/reference/drift-cases.json: samples with the values numpy/scipy give for them
// (STATISTICS.md). Every case and every expected field is checked.
interface ReferenceFile {
  bins: number;
  epsilon: number;
  tolerance: { absolute: number; ksPValueRelative: number; ksPValueAbsolute: number };
  cases: ReferenceCase[];
}
type ReferenceCase =
  | { name: string; baseline: (number | null)[]; current: (number | null)[]; expected: Expected & { kind: 'numeric' } }
  | { name: string; baseline: (string | null)[]; current: (string | null)[]; expected: Expected & { kind: 'categorical' } };
type Expected = Record<string, number | string | null | (number | string)[]>;

const referencePath = process.env.VIGIL_SHARED_DIR
  ? join(process.env.VIGIL_SHARED_DIR, 'reference', 'drift-cases.json')
  : fileURLToPath(new URL('../../../shared/reference/drift-cases.json', import.meta.url));
const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as ReferenceFile;
const { tolerance } = reference;

function computed(referenceCase: ReferenceCase): Map<string, unknown> {
  const options = { epsilon: reference.epsilon };
  const result = referenceCase.expected.kind === 'numeric'
    ? numericDrift(referenceCase.baseline as (number | null)[], referenceCase.current as (number | null)[], {
        ...options,
        bins: reference.bins,
      })
    : categoricalDrift(referenceCase.baseline as (string | null)[], referenceCase.current as (string | null)[], options);
  return new Map(Object.entries(result));
}

function expectClose(field: string, actual: unknown, expected: unknown): void {
  if (typeof expected === 'number' && field === 'ksPValue') {
    expect(typeof actual, field).toBe('number');
    const error = Math.abs((actual as number) - expected);
    const withinRelative = error <= tolerance.ksPValueRelative * Math.abs(expected);
    expect(withinRelative || error <= tolerance.ksPValueAbsolute, `${field}: ${String(actual)} vs ${expected}`).toBe(true);
  } else if (typeof expected === 'number') {
    expect(typeof actual, field).toBe('number');
    expect(Math.abs((actual as number) - expected), `${field}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(tolerance.absolute);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), field).toBe(true);
    expect((actual as unknown[]).length, `${field} length`).toBe(expected.length);
    expected.forEach((item, i) => expectClose(`${field}[${i}]`, (actual as unknown[])[i], item));
  } else {
    expect(actual, field).toEqual(expected);
  }
}

describe('reference cases (shared/reference/drift-cases.json)', () => {
  it('has cases of both kinds', () => {
    expect(reference.cases.some((c) => c.expected.kind === 'numeric')).toBe(true);
    expect(reference.cases.some((c) => c.expected.kind === 'categorical')).toBe(true);
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))('%s matches numpy/scipy', (_name, referenceCase) => {
    const result = computed(referenceCase);
    expect(result.get('status')).toBe('ok');
    for (const [field, expected] of Object.entries(referenceCase.expected)) {
      expect(result.has(field), `field ${field} is reported`).toBe(true);
      expectClose(field, result.get(field), expected);
    }
  });
});
