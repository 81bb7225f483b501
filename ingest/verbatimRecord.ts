import { z } from '@hono/zod-openapi';

/** The prefix `__proto__` carries while zod checks a record (NUL: no sensible name starts with it). */
const MARK = '\u0000';

/** How many marks precede `__proto__` in `key`: 0 for `__proto__` itself, -1 for other keys. */
function marksBeforeProto(key: string): number {
  if (!key.endsWith('__proto__')) return -1;
  const marks = key.length - '__proto__'.length;
  return key.slice(0, marks) === MARK.repeat(marks) ? marks : -1;
}

/** Renames `__proto__` to `\0__proto__` (and `\0__proto__` to `\0\0__proto__`, ...): a bijection, so no sent key collides. */
function escapeProto(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  if (!Object.keys(input).some((key) => marksBeforeProto(key) >= 0)) return input;
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [marksBeforeProto(key) >= 0 ? `${MARK}${key}` : key, value]));
}

/** The inverse of `escapeProto`; `Object.fromEntries` makes `__proto__` an own property, not a prototype. */
function unescapeProto<T extends Record<string, unknown>>(record: T): T {
  if (!Object.keys(record).some((key) => marksBeforeProto(key) > 0)) return record;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [marksBeforeProto(key) > 0 ? key.slice(MARK.length) : key, value])) as T;
}

/**
 * `z.record(key, value)` that keeps a key named `__proto__`, checked like any other. zod leaves
 * that key out of every record it builds (a guard against replacing its output's prototype),
 * which silently dropped a tag, score or parameter that a user named so; names are data here.
 * While zod checks the record the key is spelled `\0__proto__` (so an error about its value
 * names that path); the result has it back as an own property.
 *
 * @example verbatimRecord(z.string(), z.number()).parse(JSON.parse('{"__proto__": 1}')) // an object whose own key `__proto__` is 1
 */
export function verbatimRecord<K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V) {
  return z.preprocess(escapeProto, z.record(key, value)).transform(unescapeProto);
}
