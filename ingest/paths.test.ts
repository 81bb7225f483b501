import { describe, expect, it } from 'vitest';
import { formatPath } from './paths';

describe('formatPath', () => {
  const cases: [string, PropertyKey[], string][] = [
    ['top-level field', ['task'], 'task'],
    ['array item field', ['predictions', 3, 'features', 'age'], 'predictions[3].features.age'],
    ['name that is not an identifier', ['features', 'monthly spend'], 'features["monthly spend"]'],
    ['leading index', [0, 'name'], '[0].name'],
    ['empty path', [], ''],
  ];
  it.each(cases)('%s', (_name, path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
