import { describe, expect, it } from 'vitest';
import type { VersionRegistration } from '../../store/registry';
import { registrationDifferences } from './changes';

const base: VersionRegistration = {
  version: '3',
  artifactUri: 's3://m/3',
  endpoint: null,
  metrics: { accuracy: 0.91, auc: 0.95 },
  params: { depth: 6 },
  datasetVersion: null,
  gitCommit: 'abc',
  tags: { team: 'risk' },
  baselineFrom: null,
};

describe('registrationDifferences', () => {
  it.each([
    { name: 'the same registration', other: { ...base }, expected: [] },
    { name: 'the same maps in another key order', other: { ...base, metrics: { auc: 0.95, accuracy: 0.91 } }, expected: [] },
    { name: 'another artifact and metric', other: { ...base, artifactUri: 's3://m/3b', metrics: { accuracy: 0.9, auc: 0.95 } }, expected: ['artifactUri', 'metrics'] },
    { name: 'a field set that was absent', other: { ...base, endpoint: 'http://m:8080' }, expected: ['endpoint'] },
  ])('$name', ({ other, expected }) => {
    expect(registrationDifferences(base, other)).toEqual(expected);
  });
});
