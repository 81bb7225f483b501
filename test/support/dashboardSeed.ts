import { seededRandom } from '../../bench/support';

/**
 * A drifting model and a healthy one, sent to a running Vigil through its public API: what the
 * dashboard's browser test looks at and what `scripts/dev-dashboard.ts` serves for development.
 *
 * `delivery-time` (regression, 8 features, versions 1 and 2, production on 2) receives three
 * days of hourly traffic; in the last day `distance_km` shifts upwards and `city` sees a new
 * category, `lyon`. Labels arrive for half the predictions. `fraud-score` sees the same
 * traffic as its baseline and never drifts.
 */
export const HOUR = 3_600_000;
export const DRIFTING_MODEL = 'delivery-time';
export const HEALTHY_MODEL = 'fraud-score';
export const DRIFTED_FEATURES = ['distance_km', 'city'];
export const SEED_DAYS = 3;

const NUMERIC = ['distance_km', 'items', 'basket_value', 'courier_rating', 'hour_of_day'] as const;
const CATEGORICAL = ['city', 'vehicle', 'payment'] as const;
const CITIES = ['paris', 'berlin', 'madrid', 'rome'];
const VEHICLES = ['bike', 'scooter', 'car'];
const PAYMENTS = ['card', 'cash', 'voucher'];

type Row = Record<string, number | string>;

const BATCH = 240;

/**
 * Row `i` of a batch of BATCH: numbers by stratified draws (each batch covers its distribution
 * evenly, so undrifted hours match the baseline closely and the detectors flag only real
 * drift), categories in turn.
 */
function row(random: () => number, i: number, drifted: boolean): Row {
  // A standard logistic draw (sd about 1) from stratum (i * step) mod BATCH.
  const draw = (step: number) => {
    const u = ((((i % BATCH) * step) % BATCH) + 0.05 + 0.9 * random()) / BATCH;
    return 0.55 * Math.log(u / (1 - u));
  };
  const distance = Math.max(0.2, (drifted ? 9 : 4) + 1.5 * draw(97));
  const items = 1 + (i % 6);
  const city = drifted && i % 10 < 3 ? 'lyon' : (CITIES[i % CITIES.length] as string);
  return {
    distance_km: Math.round(distance * 100) / 100,
    items,
    basket_value: Math.round((12 + items * 8 + 5 * draw(173)) * 100) / 100,
    courier_rating: Math.round((4.4 + 0.3 * draw(211)) * 10) / 10,
    hour_of_day: i % 24,
    city,
    vehicle: VEHICLES[Math.floor(i / 4) % VEHICLES.length] as string,
    payment: PAYMENTS[Math.floor(i / 12) % PAYMENTS.length] as string,
  };
}

const minutes = (r: Row) => 8 + 3.2 * Number(r.distance_km) + 1.1 * Number(r.items);

export interface SeedClient {
  request(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: any }>;
}

/** A client over HTTP with an admin key. */
export function seedClient(baseUrl: string, adminKey: string): SeedClient {
  return {
    async request(method, path, body, contentType = 'application/json') {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
        body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    },
  };
}

async function must(client: SeedClient, method: string, path: string, body?: unknown, contentType?: string): Promise<any> {
  const response = await client.request(method, path, body, contentType);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

async function seedModel(client: SeedClient, name: string, endMs: number, drifts: boolean, seed: number, log: (line: string) => void): Promise<void> {
  const random = seededRandom(seed);
  const features = [...NUMERIC.map((f) => ({ name: f, type: 'numeric' })), ...CATEGORICAL.map((f) => ({ name: f, type: 'categorical' }))];
  await must(client, 'POST', '/v1/models', { name, task: 'regression', description: drifts ? 'Minutes from order to door' : 'Fraud risk score of a payment', owner: 'ml-platform', features });
  for (const version of ['1', '2']) {
    await must(client, 'POST', `/v1/models/${name}/versions`, { version, metrics: { mae: version === '1' ? 2.4 : 2.1 }, datasetVersion: `2026-10-${version === '1' ? '01' : '15'}`, gitCommit: version === '1' ? 'a1b2c3d' : 'e4f5a6b' });
    await must(client, 'PUT', `/v1/models/${name}/aliases/production`, { version, reason: `release ${version}` });
  }
  const baseline = Array.from({ length: 7200 }, (_, i) => {
    const r = row(random, i, false);
    return JSON.stringify({ ...r, prediction: minutes(r), label: minutes(r) + 2 * (random() - 0.5) });
  }).join('\n');
  await must(client, 'POST', `/v1/models/${name}/versions/2/baseline`, baseline, 'application/x-ndjson');
  log(`${name}: versions 1 and 2, production on 2, baseline of 7,200 rows`);

  const startMs = endMs - SEED_DAYS * 24 * HOUR;
  const perHour = BATCH;
  for (let hour = 0; hour < SEED_DAYS * 24; hour++) {
    const drifted = drifts && hour >= (SEED_DAYS - 1) * 24;
    const predictions = Array.from({ length: perHour }, (_, i) => {
      const r = row(random, i, drifted);
      return { model: name, version: '2', id: `${name}-${hour}-${i}`, timestamp: startMs + hour * HOUR + Math.floor((i * HOUR) / perHour), features: r, prediction: minutes(r), latencyMs: 5 + 20 * random() };
    });
    await must(client, 'POST', '/v1/predictions', { predictions });
    const feedback = predictions.filter((_, i) => i % 2 === 0).map((p) => ({ model: name, predictionId: p.id, label: p.prediction + (drifted ? 6 : 1) * (random() - 0.3) }));
    await must(client, 'POST', '/v1/feedback', { feedback });
  }
  log(`${name}: ${SEED_DAYS * 24 * perHour} predictions over ${SEED_DAYS} days, half of them labelled${drifts ? '; distance_km and city drift in the last day' : ''}`);
  await must(client, 'POST', `/v1/models/${name}/drift/run`, { from: startMs, to: endMs, window: '1h' });
  log(`${name}: drift evaluated over ${SEED_DAYS * 24} hourly windows`);
}

/** Seeds both models; `endMs` (default: this hour's start) ends the data. */
export async function seedDashboard(client: SeedClient, { endMs = Math.floor(Date.now() / HOUR) * HOUR, log = () => {} }: { endMs?: number; log?: (line: string) => void } = {}): Promise<{ startMs: number; endMs: number }> {
  await seedModel(client, DRIFTING_MODEL, endMs, true, 7, log);
  await seedModel(client, HEALTHY_MODEL, endMs, false, 11, log);
  return { startMs: endMs - SEED_DAYS * 24 * HOUR, endMs };
}
