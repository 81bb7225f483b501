import { describe, expect, it } from 'vitest';
import { emitWithSdk, protobufBody } from '../otlp/testing/sdkLogs';
import { decodeMessage, headerText, refusalReason, sourceOf } from './message';

const origin = { topic: 'vigil.predictions', partition: 2, offset: '41' };
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeMessage', () => {
  it('reads a /v1/predictions body and gives id-less predictions ids from their place in the log', () => {
    const decoded = decodeMessage(json({ predictions: [{ model: 'churn', id: 'a', prediction: 1 }, { model: 'churn', prediction: 0 }] }), origin);
    expect(decoded.ok && decoded.format).toBe('json');
    expect(decoded.ok && decoded.predictions.map((p) => (p.value as { id: string }).id)).toEqual(['a', 'kafka:vigil.predictions:2:41:1']);
  });

  it('reads one prediction, and feedback bodies', () => {
    const one = decodeMessage(json({ model: 'churn', prediction: 1 }), origin);
    expect(one.ok && one.predictions).toEqual([{ path: 'prediction', value: { model: 'churn', prediction: 1, id: 'kafka:vigil.predictions:2:41:0' } }]);
    const labels = decodeMessage(json({ feedback: [{ model: 'churn', predictionId: 'a', label: 1 }] }), origin);
    expect(labels.ok && labels.feedback.length).toBe(1);
  });

  it('reads OTLP protobuf as the Collector exports it, naming the attribute in refusals', async () => {
    const records = await emitWithSdk([{ eventName: 'ml.prediction', attributes: { 'ml.model.name': 'churn', 'ml.prediction.id': 'p1', 'ml.prediction.value': 1 } }, { body: 'not ml' }]);
    const decoded = decodeMessage(Buffer.from(protobufBody(records)), origin);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.format).toBe('otlp_proto');
    expect(decoded.ignored).toBe(1);
    expect((decoded.predictions[0]?.value as { id: string }).id).toBe('p1');
    const path = decoded.senderPath({ path: `${decoded.predictions[0]!.path}.prediction`, message: 'x', reason: 'wrong_prediction_type' });
    expect(path).toContain('attributes["ml.prediction.value"]');
  });

  it.each([
    ['an empty message', Buffer.alloc(0), 'empty message'],
    ['broken JSON', Buffer.from('{"predictions": ['), 'not JSON'],
    ['a JSON array', Buffer.from('[1]'), 'not an OTLP logs request'],
    ['predictions that are not an array', json({ predictions: 3 }), 'predictions: expected an array'],
    ['random bytes', Buffer.from([0xff, 0xff, 0xff, 0x01]), 'not an OTLP logs request'],
  ])('refuses %s with a reason', (_name, value, reason) => {
    const decoded = decodeMessage(value, origin);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toContain(reason);
  });
});

describe('headers', () => {
  it('reads text from Buffers and arrays, and only trusts known sources', () => {
    expect(headerText({ k: Buffer.from(' key ') }, 'k')).toBe('key');
    expect(headerText({ k: [Buffer.from('a'), Buffer.from('b')] }, 'k')).toBe('a');
    expect(headerText({}, 'k')).toBeUndefined();
    expect(sourceOf({ 'vigil-source': 'otlp' })).toBe('otlp');
    expect(sourceOf({ 'vigil-source': 'evil' })).toBe('kafka');
  });

  it('says what was refused in one line', () => {
    const reason = refusalReason(
      [1, 2, 3, 4].map((i) => ({ path: `predictions[${i}].features.age`, message: 'expected a number', reason: 'wrong_type' as const })),
      (r) => r.path,
    );
    expect(reason).toBe('invalid items: predictions[1].features.age: expected a number; predictions[2].features.age: expected a number; predictions[3].features.age: expected a number (and 1 more)');
  });
});
