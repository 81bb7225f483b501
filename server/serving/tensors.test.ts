import { describe, expect, it } from 'vitest';
import type { FeatureSpec } from '../../store/models';
import { inputRows, outputRows, predictionIds } from './tensors';

const FEATURES: FeatureSpec[] = [
  { name: 'age', type: 'numeric' },
  { name: 'income', type: 'numeric' },
  { name: 'plan', type: 'categorical' },
];

describe('inputRows', () => {
  it('reads one tensor per feature, ignoring inputs that are not features', () => {
    const body = {
      inputs: [
        { name: 'age', shape: [1], datatype: 'FP64', data: [42] },
        { name: 'plan', shape: [1], datatype: 'BYTES', data: ['pro'] },
        { name: 'debug', shape: [1], datatype: 'BOOL', data: [true] },
      ],
    };
    expect(inputRows(body, FEATURES)).toEqual({ rows: [{ age: 42, plan: 'pro' }], layout: 'per_feature', unmappedValues: 0 });
  });

  it('reads n rows from per-feature tensors of shape [n] or [n, 1], nested or flat', () => {
    const body = {
      inputs: [
        { name: 'age', shape: [2, 1], datatype: 'INT32', data: [[30], [40]] },
        { name: 'income', shape: [2], datatype: 'FP32', data: [1.5, 2.5] },
        { name: 'plan', shape: [2], datatype: 'BYTES', data: ['free', 'pro'] },
      ],
    };
    expect(inputRows(body, FEATURES).rows).toEqual([
      { age: 30, income: 1.5, plan: 'free' },
      { age: 40, income: 2.5, plan: 'pro' },
    ]);
  });

  it('skips a tensor nested deeper than any tensor is, without recursing into it', () => {
    let deep: unknown[] = [42];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const body = { inputs: [{ name: 'age', shape: [1], datatype: 'FP64', data: deep }, { name: 'plan', shape: [1], datatype: 'BYTES', data: [[['pro']]] }] };
    expect(inputRows(body, FEATURES).rows).toEqual([{ plan: 'pro' }]);
  });

  it('keeps a feature named __proto__ as a value', () => {
    const features: FeatureSpec[] = [{ name: '__proto__', type: 'numeric' }];
    const [row] = inputRows({ inputs: [{ name: '__proto__', shape: [1], datatype: 'FP64', data: [7] }] }, features).rows;
    expect(Object.keys(row!)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(7);
  });

  it('reads a [n, k] matrix in the declared feature order, numbers to categorical as text', () => {
    const body = { inputs: [{ name: 'input-0', shape: [2, 3], datatype: 'FP64', data: [1, 2, 3, 4, 5, 6] }] };
    expect(inputRows(body, FEATURES)).toEqual({
      rows: [
        { age: 1, income: 2, plan: '3' },
        { age: 4, income: 5, plan: '6' },
      ],
      layout: 'matrix',
      unmappedValues: 0,
    });
  });

  it('logs a value that cannot take its feature type as missing, and counts it', () => {
    const body = { inputs: [{ name: 'age', shape: [1], datatype: 'BYTES', data: ['old'] }] };
    expect(inputRows(body, FEATURES)).toEqual({ rows: [{ age: null }], layout: 'per_feature', unmappedValues: 1 });
  });

  it('gives one row without features when nothing maps', () => {
    expect(inputRows({ inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }] }, FEATURES).layout).toBe('unmapped');
    expect(inputRows('not json', FEATURES)).toEqual({ rows: [{}], layout: 'unmapped', unmappedValues: 0 });
  });
});

describe('outputRows', () => {
  it('takes the first output per row and a probability matrix as scores', () => {
    const body = {
      outputs: [
        { name: 'label', shape: [2], datatype: 'INT64', data: [1, 0] },
        { name: 'proba', shape: [2, 2], datatype: 'FP64', data: [0.2, 0.8, 0.9, 0.1] },
      ],
    };
    expect(outputRows(body, 2, 'binary_classification')).toEqual({
      predictions: [1, 0],
      scores: [
        { '0': 0.2, '1': 0.8 },
        { '0': 0.9, '1': 0.1 },
      ],
    });
  });

  it('reads one probability column as the probability of class "1"', () => {
    const body = { outputs: [{ name: 'label', shape: [1], datatype: 'BYTES', data: ['yes'] }, { name: 'p', shape: [1, 1], datatype: 'FP32', data: [0.75] }] };
    expect(outputRows(body, 1, 'binary_classification')).toEqual({ predictions: ['yes'], scores: [{ '0': 0.25, '1': 0.75 }] });
  });

  it('ignores a second output that is not probabilities, and scores of a regression', () => {
    expect(outputRows({ outputs: [{ name: 'y', shape: [1], datatype: 'FP64', data: [3] }, { name: 'z', shape: [1], datatype: 'FP64', data: [7] }] }, 1, 'multiclass_classification')).toEqual({ predictions: [3], scores: undefined });
    expect(outputRows({ outputs: [{ name: 'y', shape: [1], datatype: 'FP64', data: [250.5] }, { name: 'p', shape: [1], datatype: 'FP64', data: [0.5] }] }, 1, 'regression')).toEqual({ predictions: [250.5], scores: undefined });
  });

  it('takes the most probable class when the only output is a probability row', () => {
    const body = { outputs: [{ name: 'proba', shape: [1, 3], datatype: 'FP32', data: [0.1, 0.7, 0.2] }] };
    expect(outputRows(body, 1, 'multiclass_classification')).toEqual({ predictions: [1], scores: [{ '0': 0.1, '1': 0.7, '2': 0.2 }] });
  });

  it('gives nothing for a response without a usable output', () => {
    expect(outputRows({ outputs: [] }, 1, 'regression')).toBeUndefined();
    expect(outputRows({ outputs: [{ name: 'y', shape: [1], datatype: 'FP64', data: [[1, 2]] }] }, 1, 'regression')).toBeUndefined();
  });
});

describe('predictionIds', () => {
  it('keeps the base id for one row and numbers the rows of a batch', () => {
    expect(predictionIds('req-1', 1)).toEqual(['req-1']);
    expect(predictionIds('req-1', 3)).toEqual(['req-1:0', 'req-1:1', 'req-1:2']);
  });
});
