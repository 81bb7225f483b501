import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportLogsServiceRequestType } from '../otlp/schema';
import { hostileJson, hostileName } from '../testing/hostileInput';
import { decodeMessage, type DecodeOutcome } from './message';

/**
 * Property-based fuzzing of the Kafka message decoder: any message value is decoded or given a
 * dead-letter reason, never an exception; JSON bodies decode to exactly the items sent, with
 * ids derived from the message's place in the log, the same on every re-delivery.
 */

const origin = { topic: 'vigil.predictions', partition: 3, offset: '1234' };

function decodeChecked(value: Buffer): DecodeOutcome {
  const outcome = decodeMessage(value, origin);
  if (outcome.ok) {
    for (const item of [...outcome.predictions, ...outcome.feedback]) expect(typeof item.path).toBe('string');
    for (const item of outcome.predictions) {
      // Every object prediction has an id, so a re-delivered message is stored once.
      if (typeof item.value === 'object' && item.value !== null && !Array.isArray(item.value)) expect((item.value as { id?: unknown }).id).toBeDefined();
    }
    // Re-delivery decodes the same items.
    const again = decodeMessage(value, origin);
    expect(again.ok && again.predictions).toEqual(outcome.predictions);
  } else {
    expect(outcome.reason.length).toBeGreaterThan(0);
    expect(outcome.reason).not.toContain('log records could not be mapped');
  }
  return outcome;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const prediction = fc.record(
  { model: hostileName(), id: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), prediction: fc.oneof(fc.integer(), hostileName()), features: fc.dictionary(hostileName(), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 4 }) },
  { requiredKeys: ['model', 'prediction'] },
);
const feedback = fc.record({ model: hostileName(), predictionId: fc.string({ minLength: 1 }), label: fc.oneof(fc.integer(), hostileName()) });

describe('decodeMessage, fuzzed', () => {
  it('decodes or gives a reason for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        decodeChecked(Buffer.from(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('decodes or gives a reason for any JSON value, alone or as predictions, feedback or OTLP', () => {
    fc.assert(
      fc.property(hostileJson(), fc.constantFrom('', ' ', '\n\t '), (value, blank) => {
        for (const body of [value, { predictions: value }, { feedback: value }, { predictions: [value], feedback: [value] }, { resourceLogs: value }]) {
          decodeChecked(Buffer.from(blank + JSON.stringify(body)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decodes JSON bodies to the items sent, giving id-less predictions ids from their place in the log', () => {
    fc.assert(
      fc.property(fc.array(prediction, { maxLength: 5 }), fc.array(feedback, { maxLength: 3 }), (predictions, labels) => {
        fc.pre(predictions.length + labels.length > 0);
        const outcome = decodeChecked(json({ ...(predictions.length > 0 ? { predictions } : {}), ...(labels.length > 0 ? { feedback: labels } : {}) }));
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(outcome.format).toBe('json');
        expect(outcome.predictions).toEqual(predictions.map((p, i) => ({ path: `predictions[${i}]`, value: { ...p, id: p.id ?? `kafka:vigil.predictions:3:1234:${i}` } })));
        expect(outcome.feedback).toEqual(labels.map((f, i) => ({ path: `feedback[${i}]`, value: f })));
      }),
      { numRuns: 200 },
    );
  });

  it('decodes one prediction as a message, and the same prediction as OTLP protobuf', () => {
    fc.assert(
      fc.property(prediction, (p) => {
        const one = decodeChecked(json(p));
        expect(one.ok && one.predictions).toEqual([{ path: 'prediction', value: { ...p, id: p.id ?? 'kafka:vigil.predictions:3:1234:0' } }]);
        const attributes = [
          { key: 'ml.model.name', value: { stringValue: p.model } },
          { key: 'ml.prediction.value', value: typeof p.prediction === 'number' ? { intValue: String(p.prediction) } : { stringValue: p.prediction } },
          ...(p.id === undefined ? [] : [{ key: 'ml.prediction.id', value: { stringValue: p.id } }]),
        ];
        const request = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ eventName: 'ml.prediction', attributes }] }] }] };
        const otlp = decodeChecked(Buffer.from(exportLogsServiceRequestType.encode(exportLogsServiceRequestType.fromObject(request)).finish()));
        expect(otlp.ok && otlp.format).toBe('otlp_proto');
        expect(otlp.ok && otlp.predictions[0]?.value).toEqual({ model: p.model, prediction: p.prediction, id: p.id ?? 'kafka:vigil.predictions:3:1234:0' });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses JSON that is not valid UTF-8 instead of storing replacement characters', () => {
    fc.assert(
      fc.property(prediction, fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]), (p, bad) => {
        const text = JSON.stringify({ ...p, model: 'MARK' });
        const [before, after] = text.split('MARK') as [string, string];
        const outcome = decodeChecked(Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(after)]));
        expect(outcome.ok ? 'decoded' : outcome.reason).toContain('UTF-8');
      }),
      { numRuns: 50 },
    );
  });
});
