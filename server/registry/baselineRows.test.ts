import { describe, expect, it } from 'vitest';
import { baselineRows, numericCsvCell, type BaselineFilePlan, type BaselineFormat } from './baselineRows';

const plan: BaselineFilePlan = {
  columns: [
    { input: 'age', feature: 'age', kind: 'numeric', required: true },
    { input: 'plan', feature: 'plan', kind: 'categorical', required: true },
    { input: 'prediction', feature: '__prediction', kind: 'categorical', required: false, scalarsAsCategories: true },
  ],
  ignoreUnknownColumns: false,
};

/** A body arriving in small pieces, cut at arbitrary places as a network would. */
function body(text: string, pieceBytes = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + pieceBytes));
      offset += pieceBytes;
    },
  });
}

async function collect(text: string, format: BaselineFormat, withPlan = plan) {
  const rows = [];
  for await (const row of baselineRows(body(text), format, withPlan)) rows.push(row);
  return rows;
}

describe('numericCsvCell', () => {
  it.each([
    { text: '1.5', expected: 1.5 },
    { text: ' -2e3 ', expected: -2000 },
    { text: '.5', expected: 0.5 },
    { text: '', expected: null },
    { text: 'NaN', expected: null },
    { text: 'NA', expected: null },
    { text: 'abc', expected: { invalid: 'expected a number, got "abc"' } },
    { text: '0x10', expected: { invalid: 'expected a number, got "0x10"' } },
    { text: '1e999', expected: { invalid: 'expected a finite number, got "1e999"' } },
  ])('$text', ({ text, expected }) => {
    expect(numericCsvCell(text)).toEqual(expected);
  });
});

describe('baselineRows, CSV', () => {
  it('reads rows in any column order, with quotes, CRLF and empty cells as missing', async () => {
    const rows = await collect('plan,age\r\n"basic, yearly",41\r\npro,\r\n,3.5\r\n', 'csv');
    expect(rows).toEqual([
      { nums: [41], cats: ['basic, yearly', null] },
      { nums: [null], cats: ['pro', null] },
      { nums: [3.5], cats: [null, null] },
    ]);
  });

  it('takes an empty line of a one-column file as a missing value, and skips empty lines of wider files', async () => {
    const one: BaselineFilePlan = { columns: [{ input: 'age', feature: 'age', kind: 'numeric', required: true }], ignoreUnknownColumns: false };
    expect(await collect('age\n1\n\n3\n', 'csv', one)).toEqual([{ nums: [1], cats: [] }, { nums: [null], cats: [] }, { nums: [3], cats: [] }]);
    expect(await collect('\nage,plan\n1,a\n\n2,b\n\n', 'csv')).toHaveLength(2);
  });

  it.each([
    { name: 'a wrong type names row and column', text: 'age,plan\n1,a\n2,b\nabc,c\n', message: 'row 3, column "age": expected a number, got "abc"' },
    { name: 'an unknown column', text: 'age,plan,colour\n1,a,red\n', message: 'header: unknown column "colour"' },
    { name: 'a missing feature column', text: 'age\n1\n', message: 'header: missing column for feature "plan"' },
    { name: 'a duplicate column', text: 'age,plan,age\n1,a,2\n', message: 'header: column "age" appears twice' },
    { name: 'an empty file', text: '', message: 'file: the file is empty' },
    { name: 'a header without rows', text: 'age,plan\n', message: 'file: the file has a header but no rows' },
    { name: 'a truncated last line', text: 'age,plan\n1,a\n2', message: 'row 2: expected 2 columns as in the header, got 1' },
    { name: 'an unclosed quote', text: 'age,plan\n1,"a\n', message: 'row 1: a quoted field is not closed' },
  ])('rejects $name', async ({ text, message }) => {
    await expect(collect(text, 'csv')).rejects.toThrow(message);
  });

  it('ignores unknown columns when the model allows unknown features', async () => {
    expect(await collect('age,plan,colour\n1,a,red\n', 'csv', { ...plan, ignoreUnknownColumns: true })).toEqual([{ nums: [1], cats: ['a', null] }]);
  });
});

describe('baselineRows, NDJSON', () => {
  it('reads one object per line; absent keys and nulls are missing; class labels may be numbers', async () => {
    const rows = await collect('{"age": 41, "plan": "basic", "prediction": 1}\n\n{"age": null, "plan": "pro"}\r\n{"plan": null}', 'ndjson');
    expect(rows).toEqual([
      { nums: [41], cats: ['basic', '1'] },
      { nums: [null], cats: ['pro', null] },
      { nums: [null], cats: [null, null] },
    ]);
  });

  it.each([
    { name: 'a string for a number', text: '{"age": 1, "plan": "a"}\n{"age": "old", "plan": "a"}\n', message: 'row 2, column "age": expected a number or null, got string "old"' },
    { name: 'a number for a category', text: '{"age": 1, "plan": 3}\n', message: 'row 1, column "plan": expected a string (categorical) or null, got number 3' },
    { name: 'an unknown column', text: '{"age": 1, "plan": "a", "colour": "red"}\n', message: 'row 1, column "colour": unknown column' },
    { name: 'a truncated line', text: '{"age": 1, "plan": "a"}\n{"age": 2, "pl', message: 'row 2: invalid JSON' },
    { name: 'a line that is not an object', text: '[1, "a"]\n', message: 'row 1: expected a JSON object, got an array' },
    { name: 'an empty file', text: '\n\n', message: 'file: the file is empty' },
    { name: 'a feature never present', text: '{"age": 1}\n', message: 'file: missing column for feature "plan"' },
  ])('rejects $name', async ({ text, message }) => {
    await expect(collect(text, 'ndjson')).rejects.toThrow(message);
  });
});
