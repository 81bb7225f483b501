import fc from 'fast-check';

/**
 * Names and values an attacker, a careless pipeline or an unusual alphabet sends: quotes, SQL,
 * HTML, control characters, the names of Object.prototype's members, path syntax, and text
 * outside ASCII. Shared by the fuzz tests of the decoders and the HTTP hardening tests.
 */
export const HOSTILE_NAMES: readonly string[] = [
  "O'Brien",
  'say "hi"',
  '`backtick`',
  "'; DROP TABLE predictions; --",
  '1 OR 1=1',
  "{name:String}') UNION SELECT * FROM api_keys --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&amp; &lt;b&gt;',
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'nul\u0000byte',
  'bell\u0007 escape\u001b[31m red',
  'delete\u007f',
  'zero\u200bwidth',
  'right-to-left \u202e override',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'a.b',
  'a[0]',
  'a/b',
  '.',
  '..',
  'a%2Fb',
  'question?mark#hash',
  'back\\slash',
  ' leading and trailing ',
  'ünïcødé',
  '日本語',
  'emoji 🧪📈',
  'comma,separated',
];

/** A name: one of `HOSTILE_NAMES`, or any Unicode text of 1-24 code points (control characters included). */
export function hostileName(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 24 }) },
  );
}

/** Any JSON value, with hostile keys and strings in it, bounded in size. */
export function hostileJson(): fc.Arbitrary<unknown> {
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 2 ** 53, -(2 ** 63), 2 ** 64),
      fc.string({ unit: 'binary', maxLength: 20 }),
      hostileName(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(hostileName(), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
}
