import { describe, expect, it } from 'vitest';
import { anyValueToPlain, keyValuesToRecord } from './anyValue';
import type { AnyValueMessage } from './messages';

const string = (stringValue: string): AnyValueMessage => ({ value: 'stringValue', stringValue });
const double = (doubleValue: number): AnyValueMessage => ({ value: 'doubleValue', doubleValue });

describe('anyValueToPlain', () => {
  const rows: Array<[name: string, value: AnyValueMessage | null, plain: unknown]> = [
    ['a string', string('pro'), 'pro'],
    ['a double', double(72.5), 72.5],
    ['a negative int64', { value: 'intValue', intValue: { low: -14, high: -1, unsigned: false } }, -14],
    ['a boolean, kept for validation to refuse', { value: 'boolValue', boolValue: false }, false],
    ['an empty AnyValue, a missing value', {}, null],
    ['an absent AnyValue', null, null],
    ['a key-value list', { value: 'kvlistValue', kvlistValue: { values: [{ key: 'a', value: double(1) }, { key: 'b', value: null }] } }, { a: 1, b: null }],
    ['an array', { value: 'arrayValue', arrayValue: { values: [string('x'), double(2), {}] } }, ['x', 2, null]],
    ['bytes', { value: 'bytesValue', bytesValue: new Uint8Array([1, 2]) }, new Uint8Array([1, 2])],
    ['a string table reference, meaningless in logs', { value: 'stringValueStrindex' }, undefined],
  ];

  it.each(rows)('%s', (_name, value, plain) => {
    expect(anyValueToPlain(value)).toEqual(plain);
  });
});

describe('keyValuesToRecord', () => {
  it('keeps the last of repeated keys', () => {
    expect(keyValuesToRecord([{ key: 'age', value: double(1) }, { key: 'age', value: double(2) }])).toEqual({ age: 2 });
  });

  it('makes __proto__ an own property instead of changing the prototype', () => {
    const record = keyValuesToRecord([{ key: '__proto__', value: string('polluted') }]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__']);
  });
});
