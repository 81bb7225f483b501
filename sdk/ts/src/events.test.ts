import { describe, expect, it } from 'vitest';
import { toFeedbackRecord, toPredictionRecord, utcTimestamp, VigilValidationError, type PredictionInput } from './events.js';

const now = () => Date.parse('2026-11-23T17:00:00.000Z');
const newId = () => 'generated-id';
const valid: PredictionInput = { model: 'churn', features: { tenure_months: 14, plan: 'pro', seats: null }, prediction: 1 };

describe('toPredictionRecord', () => {
  it('fills in the id and the time of the call, in UTC', () => {
    expect(toPredictionRecord(valid, newId, now)).toEqual({ model: 'churn', id: 'generated-id', timestamp: '2026-11-23T17:00:00.000Z', features: { tenure_months: 14, plan: 'pro', seats: null }, prediction: 1 });
  });

  it('keeps what the caller gave, converting times to UTC and leaving out undefined features', () => {
    const record = toPredictionRecord({ ...valid, id: 'req-1', version: '3', timestamp: '2026-11-23T18:30:00+01:30', features: { a: 1, b: undefined }, scores: { '0': 0.2, '1': 0.8 }, latencyMs: 12.5 }, newId, now);
    expect(record).toEqual({ model: 'churn', version: '3', id: 'req-1', timestamp: '2026-11-23T17:00:00.000Z', features: { a: 1 }, prediction: 1, scores: { '0': 0.2, '1': 0.8 }, latencyMs: 12.5 });
  });

  // Each row: a caller's bug, and the error that names it.
  it.each([
    ['no model', { ...valid, model: '' }, 'model: expected a non-empty string, got ""'],
    ['model not a string', { ...valid, model: 7 }, 'model: expected a non-empty string, got 7'],
    ['features missing', { ...valid, features: undefined }, 'features: expected an object of feature name to value, got undefined'],
    ['features an array', { ...valid, features: [1, 2] }, 'features: expected an object of feature name to value, got an array'],
    ['NaN feature', { ...valid, features: { age: Number.NaN } }, 'features.age: expected a finite number, a string or null, got NaN'],
    ['infinite feature', { ...valid, features: { age: Infinity } }, 'features.age: expected a finite number, a string or null, got Infinity'],
    ['boolean feature', { ...valid, features: { vip: true } }, 'features.vip: expected a finite number, a string or null, got true'],
    ['object feature', { ...valid, features: { address: { city: 'Oslo' } } }, 'features.address: expected a finite number, a string or null, got an object'],
    ['empty feature name', { ...valid, features: { '': 1 } }, 'features: feature names must be non-empty strings'],
    ['no prediction', { ...valid, prediction: undefined }, 'prediction: is required (the model output: a number or a class)'],
    ['NaN prediction', { ...valid, prediction: Number.NaN }, 'prediction: expected a finite number or a string, got NaN'],
    ['empty id', { ...valid, id: '' }, 'id: expected a non-empty string, got ""'],
    ['numeric version', { ...valid, version: 3 }, 'version: expected a non-empty string, got 3'],
    ['score not a number', { ...valid, scores: { '1': '0.8' } }, 'scores.1: expected a finite number, got "0.8"'],
    ['negative latency', { ...valid, latencyMs: -1 }, 'latencyMs: expected 0 or more, got -1'],
    ['time without a zone', { ...valid, timestamp: '2026-11-23T17:00:00' }, 'timestamp: expected an RFC 3339 time with a zone (e.g. "2026-11-23T17:00:00Z"), got "2026-11-23T17:00:00"'],
    ['invalid Date', { ...valid, timestamp: new Date('nope') }, 'timestamp: expected a valid time, got an object'],
  ])('refuses %s', (_name, input, message) => {
    expect(() => toPredictionRecord(input as PredictionInput, newId, now)).toThrow(new VigilValidationError(message.split(': ')[0]!, message.slice(message.indexOf(': ') + 2)));
    expect(() => toPredictionRecord(input as PredictionInput, newId, now)).toThrow(message);
  });
});

describe('toFeedbackRecord', () => {
  it('checks the label and stamps the time', () => {
    expect(toFeedbackRecord({ model: 'churn', predictionId: 'p-1', label: 'churned' }, now)).toEqual({ model: 'churn', predictionId: 'p-1', label: 'churned', timestamp: '2026-11-23T17:00:00.000Z' });
    expect(() => toFeedbackRecord({ model: 'churn', predictionId: '', label: 0 }, now)).toThrow('predictionId: expected a non-empty string, got ""');
    expect(() => toFeedbackRecord({ model: 'churn', predictionId: 'p-1', label: null as never }, now)).toThrow('label: expected a finite number or a string, got null');
  });
});

describe('utcTimestamp', () => {
  it.each([
    ['a Date', new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), '2026-01-02T03:04:05.000Z'],
    ['epoch milliseconds', 1_767_323_045_000, '2026-01-02T03:04:05.000Z'],
    ['an offset time', '2026-01-02T05:04:05+02:00', '2026-01-02T03:04:05.000Z'],
    ['a UTC time', '2026-01-02T03:04:05.5Z', '2026-01-02T03:04:05.500Z'],
  ])('reads %s', (_name, input, expected) => {
    expect(utcTimestamp(input, 'timestamp', now)).toBe(expected);
  });
});
