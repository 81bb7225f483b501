import type { Int64 } from './messages';

const TWO_POW_32 = 4_294_967_296;

/**
 * Converts an OTLP int64 (AnyValue `intValue`) to a JavaScript number. Values beyond ±2^53 lose
 * precision, as any number in a JSON body of `/v1/predictions` would.
 *
 * @example int64ToNumber({ low: -1, high: -1, unsigned: false }) // -1
 */
export function int64ToNumber(value: Int64): number {
  if (typeof value === 'number') return value;
  const high = value.unsigned ? value.high >>> 0 : value.high | 0;
  return high * TWO_POW_32 + (value.low >>> 0);
}

/**
 * Converts an OTLP timestamp (fixed64 nanoseconds since the Unix epoch, e.g. LogRecord
 * `timeUnixNano`) to whole epoch milliseconds, rounding down, or `undefined` for 0, which OTLP
 * uses for "unknown".
 *
 * Exact for every fixed64: nanoseconds near today (~1.7e18) are beyond 2^53, so converting to a
 * number first could land a value just below a millisecond boundary on the wrong side of it.
 * With 2^32 = 4294 * 1e6 + 967296, the high half contributes `high * 4294` whole milliseconds
 * plus `high * 967296` nanoseconds, and that remainder plus the low half stays below 2^53.
 *
 * @example nanosToEpochMs({ low: 1032178965, high: 395812094, unsigned: true }) // 1700000000123
 */
export function nanosToEpochMs(value: Int64): number | undefined {
  if (typeof value === 'number') return value > 0 ? Math.floor(value / 1e6) : undefined;
  const high = value.high >>> 0;
  const rest = high * 967_296 + (value.low >>> 0);
  if (high === 0 && rest === 0) return undefined;
  return high * 4294 + (rest - (rest % 1e6)) / 1e6;
}
