import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { verbatimRecord } from './verbatimRecord';

const scores = verbatimRecord(z.string().max(16), z.number());
const own = (record: object, key: string) => Object.getOwnPropertyDescriptor(record, key)?.value as unknown;

describe('verbatimRecord', () => {
  it('keeps a __proto__ key as an own property, beside the others, without touching the prototype', () => {
    const parsed = scores.parse(JSON.parse('{"0": 0.25, "__proto__": 0.75}'));
    expect(Object.keys(parsed)).toEqual(['0', '__proto__']);
    expect(own(parsed, '__proto__')).toBe(0.75);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(JSON.stringify(parsed)).toBe('{"0":0.25,"__proto__":0.75}');
  });

  it('checks the value under __proto__ like any other (plain z.record skips it unchecked)', () => {
    expect(z.record(z.string(), z.number()).safeParse(JSON.parse('{"__proto__": "x"}')).success).toBe(true);
    const result = scores.safeParse(JSON.parse('{"__proto__": "x"}'));
    expect(result.success).toBe(false);
  });

  it.each([
    ['the escaped spelling sent as is', '{"\\u0000__proto__": 1}', ['\u0000__proto__']],
    ['both spellings at once', '{"__proto__": 1, "\\u0000__proto__": 2, "\\u0000\\u0000__proto__": 3}', ['__proto__', '\u0000__proto__', '\u0000\u0000__proto__']],
    ['names that only look alike', '{"__proto__x": 1, "x__proto__": 2, "constructor": 3, "toString": 4}', ['__proto__x', 'x__proto__', 'constructor', 'toString']],
  ])('%s: every key comes back as sent', (_, json, keys) => {
    const sent = JSON.parse(json) as Record<string, number>;
    const parsed = scores.parse(sent);
    expect(Object.keys(parsed)).toEqual(keys);
    for (const key of keys) expect(own(parsed, key)).toBe(own(sent, key));
  });

  it('refuses what a record refuses, and documents itself as a record', () => {
    expect(scores.safeParse([1]).success).toBe(false);
    expect(scores.safeParse(null).success).toBe(false);
    expect(scores.safeParse({ ['k'.repeat(17)]: 1 }).success).toBe(false);
    expect(z.toJSONSchema(scores, { io: 'input', unrepresentable: 'any' })).toMatchObject({ type: 'object', additionalProperties: { type: 'number' } });
  });
});
