import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_SETTINGS, type ModelRecord } from '../store/models';
import { FeedbackBodySchema, PredictionsBodySchema } from './schemas';
import { hostileJson, hostileName } from './testing/hostileInput';
import { validateFeedback, validatePredictions, type IncomingItem, type Validated, type ValidationContext } from './validation';

/**
 * Property-based fuzzing of the checks every receiver runs (JSON API, OTLP, Kafka, gateway):
 * whatever an item holds, validation answers rows or rejections naming the item, never throws;
 * valid items come out as rows holding exactly what was sent.
 */

const NOW = Date.parse('2026-11-20T10:00:00Z');
const TASKS = ['binary_classification', 'multiclass_classification', 'regression'] as const;

function modelArbitrary(): fc.Arbitrary<ModelRecord> {
  return fc.record({
    name: hostileName(),
    task: fc.constantFrom(...TASKS),
    features: fc.uniqueArray(fc.record({ name: hostileName(), type: fc.constantFrom('numeric' as const, 'categorical' as const) }), { selector: (f) => f.name, maxLength: 6 }),
    allowUnknownFeatures: fc.boolean(),
  }).map(({ name, task, features, allowUnknownFeatures }) => ({
    project: 'p',
    name,
    task,
    features,
    description: '',
    owner: '',
    tags: {},
    settings: { ...DEFAULT_MODEL_SETTINGS, allowUnknownFeatures },
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'k',
    updatedAt: '2026-11-01T00:00:00.000Z',
  }));
}

function contextFor(model: ModelRecord, production?: string): ValidationContext {
  return {
    project: 'p',
    source: 'api',
    now: NOW,
    model: async (name) => (name === model.name ? model : undefined),
    productionVersion: async () => production,
  };
}

const finiteNumber = () => fc.double({ noNaN: true, noDefaultInfinity: true });
const timestamp = () =>
  fc.oneof(
    fc.integer({ min: 0, max: NOW }),
    fc.integer({ min: 0, max: NOW }).map((ms) => new Date(ms).toISOString()),
  );

/** A prediction the model accepts: each declared feature absent, null or of its type. */
function validPrediction(model: ModelRecord) {
  const features = fc.tuple(
    ...model.features.map((f) =>
      fc.oneof(fc.constant(undefined), fc.constant(null), f.type === 'numeric' ? finiteNumber() : fc.string({ unit: 'binary', maxLength: 30 })),
    ),
  );
  const output = model.task === 'regression' ? finiteNumber() : fc.oneof(fc.integer({ min: 0, max: 9 }), hostileName());
  return fc.record(
    {
      model: fc.constant(model.name),
      version: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
      id: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      timestamp: timestamp(),
      features: features.map((values) => {
        const out: Record<string, unknown> = {};
        // As JSON.parse builds it: every key an own property, `__proto__` included.
        values.forEach((value, i) => {
          if (value !== undefined) Object.defineProperty(out, model.features[i]!.name, { value, enumerable: true, writable: true, configurable: true });
        });
        return out;
      }),
      prediction: output,
      scores: fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__'), fc.double({ min: 0, max: 1, noNaN: true }), { maxKeys: 3 }),
      latencyMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
    },
    { requiredKeys: ['model', 'prediction'] },
  );
}

/** Replaces the value at one path of a JSON-like tree (or adds it), for near-valid items. */
function withReplaced(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  const base = typeof value === 'object' && value !== null ? (Array.isArray(value) ? [...value] : { ...value }) : {};
  Object.defineProperty(base, head, { value: withReplaced((base as Record<string, unknown>)[head], rest, replacement), enumerable: true, writable: true, configurable: true });
  return base;
}

const ITEM_PATHS = [['model'], ['version'], ['id'], ['timestamp'], ['features'], ['prediction'], ['scores'], ['latencyMs'], ['predictionId'], ['label']];

/** What the writer sends ClickHouse is JSON: every number finite, nothing undefined, keys kept. */
function expectJsonSafe(value: unknown, path = 'row'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (value === undefined || typeof value === 'function' || typeof value === 'bigint') throw new Error(`${path} is ${typeof value}, which JSON cannot carry`);
  else if (typeof value === 'object' && value !== null) {
    expect(Object.keys(JSON.parse(JSON.stringify(value)) as object), path).toEqual(Object.keys(value));
    for (const [key, child] of Object.entries(value)) expectJsonSafe(child, `${path}.${key}`);
  }
}

/** Checks the shape of any outcome: rows for every item, or rejections naming one of them. */
function expectWellFormed<Row>(result: Validated<Row>, items: IncomingItem[]) {
  if (result.ok) {
    expect(result.rows).toHaveLength(items.length);
    for (const row of result.rows) expectJsonSafe(row);
  } else {
    expect(result.rejections.length).toBeGreaterThan(0);
    for (const rejection of result.rejections) {
      expect(items.some((item) => rejection.path.startsWith(item.path))).toBe(true);
      expect(typeof rejection.message).toBe('string');
      expect(rejection.message.length).toBeGreaterThan(0);
    }
  }
}

describe('validatePredictions, fuzzed', () => {
  it('answers rows or rejections by path for any JSON value as an item', async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary(), fc.array(hostileJson(), { minLength: 1, maxLength: 4 }), async (model, values) => {
        const items = values.map((value, i) => ({ path: `predictions[${i}]`, value }));
        expectWellFormed(await validatePredictions(items, contextFor(model)), items);
      }),
      { numRuns: 200 },
    );
  });

  it('answers rows or rejections by path for valid items with one field replaced by anything', async () => {
    const arbitrary = modelArbitrary().chain((model) => fc.tuple(fc.constant(model), validPrediction(model), fc.constantFrom(...ITEM_PATHS), hostileJson()));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([model, prediction, path, replacement]) => {
        const items = [{ path: 'predictions[0]', value: withReplaced(prediction, path, replacement) }];
        expectWellFormed(await validatePredictions(items, contextFor(model)), items);
      }),
      { numRuns: 200 },
    );
  });

  it('stores valid predictions as sent: features by declared type, missing ones as null', async () => {
    const arbitrary = modelArbitrary().chain((model) => fc.tuple(fc.constant(model), fc.array(validPrediction(model), { minLength: 1, maxLength: 3 }), fc.option(fc.constant('7'))));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([model, predictions, production]) => {
        const items = predictions.map((value, i) => ({ path: `predictions[${i}]`, value }));
        const result = await validatePredictions(items, contextFor(model, production ?? undefined));
        expect(result.ok ? [] : result.rejections).toEqual([]);
        if (!result.ok) return;
        result.rows.forEach((row, i) => {
          const sent = predictions[i]!;
          const sentFeatures = sent.features as Record<string, unknown> | undefined;
          const valueOf = (name: string) => (sentFeatures !== undefined && Object.hasOwn(sentFeatures, name) ? sentFeatures[name] : null);
          const expectedNum = Object.fromEntries(model.features.filter((f) => f.type === 'numeric').map((f) => [f.name, valueOf(f.name)]));
          const expectedCat = Object.fromEntries(model.features.filter((f) => f.type === 'categorical').map((f) => [f.name, valueOf(f.name)]));
          expect({ ...row.num_features }).toEqual(expectedNum);
          expect({ ...row.cat_features }).toEqual(expectedCat);
          expect(Object.keys(row.num_features).sort()).toEqual(Object.keys(expectedNum).sort());
          expect(Object.keys(row.cat_features).sort()).toEqual(Object.keys(expectedCat).sort());
          expect(row.model).toBe(model.name);
          expect(row.version).toBe(sent.version ?? production ?? '');
          if (sent.id !== undefined) expect(row.id).toBe(sent.id);
          expect(row.timestamp).toBe(sent.timestamp === undefined ? NOW : typeof sent.timestamp === 'number' ? sent.timestamp : Date.parse(sent.timestamp));
          if (model.task === 'regression') expect([row.prediction_num, row.prediction_cat]).toEqual([sent.prediction, null]);
          else expect([row.prediction_num, row.prediction_cat]).toEqual([typeof sent.prediction === 'number' ? sent.prediction : null, String(sent.prediction)]);
          expect(row.scores).toEqual(sent.scores ?? {});
          expect(row.latency_ms).toBe(sent.latencyMs ?? null);
          expectJsonSafe(row);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateFeedback, fuzzed', () => {
  it('answers rows or rejections by path for any JSON value as an item', async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary(), fc.array(hostileJson(), { minLength: 1, maxLength: 4 }), async (model, values) => {
        const items = values.map((value, i) => ({ path: `feedback[${i}]`, value }));
        expectWellFormed(await validateFeedback(items, contextFor(model)), items);
      }),
      { numRuns: 200 },
    );
  });

  it('stores valid labels as sent, and refuses near-valid ones by path', async () => {
    const arbitrary = modelArbitrary().chain((model) =>
      fc.tuple(
        fc.constant(model),
        fc.record(
          {
            model: fc.constant(model.name),
            predictionId: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
            label: model.task === 'regression' ? finiteNumber() : fc.oneof(fc.integer({ min: 0, max: 9 }), hostileName()),
            timestamp: timestamp(),
          },
          { requiredKeys: ['model', 'predictionId', 'label'] },
        ),
        fc.option(fc.tuple(fc.constantFrom(...ITEM_PATHS), hostileJson())),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([model, label, change]) => {
        const value = change === null ? label : withReplaced(label, change[0], change[1]);
        const items = [{ path: 'feedback[0]', value }];
        const result = await validateFeedback(items, contextFor(model));
        expectWellFormed(result, items);
        if (change !== null) return;
        expect(result.ok ? [] : result.rejections).toEqual([]);
        if (!result.ok) return;
        const [row] = result.rows;
        expect(row).toMatchObject({ model: model.name, prediction_id: label.predictionId, timestamp: label.timestamp === undefined ? NOW : typeof label.timestamp === 'number' ? label.timestamp : Date.parse(label.timestamp) });
        if (model.task === 'regression') expect([row!.label_num, row!.label_cat]).toEqual([label.label, null]);
        else expect([row!.label_num, row!.label_cat]).toEqual([typeof label.label === 'number' ? label.label : null, String(label.label)]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('request body shapes, fuzzed', () => {
  it('accept any array of items and refuse everything else with issues, never throwing', () => {
    fc.assert(
      fc.property(hostileJson(), (body) => {
        for (const schema of [PredictionsBodySchema, FeedbackBodySchema]) {
          const parsed = schema.safeParse(body);
          if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
