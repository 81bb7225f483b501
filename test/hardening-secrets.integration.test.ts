import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until as pollUntil } from './support/wait';
import { PROMPT_ALERTING_ENV } from './support/alerting';
import { freePort } from './support/ports';
import { startServer, tempDataDir, type RunningServer } from './support/server';
import { startSmtpServer, type TestSmtpServer } from './support/smtpServer';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

/**
 * No response and no log line ever carries an API key, a webhook secret, a secret header value
 * or an SMTP password. Vigil runs as a user runs it (its own process, LOG_LEVEL=trace so every
 * line it can write is written) through a session that creates and uses keys, signs in, creates
 * channels with secrets, test-sends through them while their receivers fail and recover, and
 * fires an alert whose deliveries fail, retry and succeed. Then every answer and every line
 * of stdout is searched for each secret, in the forms it could be written (as is, URL-encoded,
 * base64). A key may appear only in the one answer that created it (shown once, API.md), and
 * in the sign-in answer's cookie for the key the caller itself sent.
 */

const hex = () => randomBytes(12).toString('hex');
const ADMIN_KEY = `vgl_${randomBytes(32).toString('base64url')}`;
const SMTP_USER = 'vigil-mailer';
const SMTP_PASSWORD = `smtp-pw-${hex()}`;
const CHANNEL_SMTP_PASSWORD = `channel-smtp-pw-${hex()}`;
const WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const HEADER_SECRET = `header-secret-${hex()}`;
const TOKEN_HEADER_SECRET = `token-header-secret-${hex()}`;
const URL_PASSWORD = `url-pw-${hex()}`;
const UNKNOWN_KEY = `vgl_${randomBytes(32).toString('base64url')}`;
const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;

let server: RunningServer;
let data: { dir: string; remove(): void };
let smtp: TestSmtpServer;
let hooks: WebhookReceiver;
/** A loopback port where nothing listens: an Alertmanager that is down. */
let closedPort: number;

/** Every secret the session makes or uses; `allowed` below says the only places one may appear. */
const secrets: { name: string; value: string }[] = [
  { name: 'the admin key (VIGIL_ADMIN_KEY)', value: ADMIN_KEY },
  { name: 'an unknown key a caller sent', value: UNKNOWN_KEY },
  { name: 'the SMTP password (SMTP_URL)', value: SMTP_PASSWORD },
  { name: "an email channel's own SMTP password", value: CHANNEL_SMTP_PASSWORD },
  { name: 'a given webhook secret', value: WEBHOOK_SECRET },
  { name: 'a secret webhook header', value: HEADER_SECRET },
  { name: 'a secret Alertmanager header', value: TOKEN_HEADER_SECRET },
  { name: "the password in a receiver's URL", value: URL_PASSWORD },
];

interface Answer {
  request: string;
  status: number;
  /** Headers and body as one text, for searching. */
  text: string;
  body: any;
}

/** Every answer of the session, in order. */
const answers: Answer[] = [];

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${ADMIN_KEY}` }): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }) } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(new URL(path, server.url), init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  const answer = { request: `${method} ${path}`, status: response.status, text: `${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`, body: parsed };
  answers.push(answer);
  return answer;
}

const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000) => pollUntil(what, probe, { timeoutMs, context: () => server.output.slice(-20).join('\n') });

/** The ways a secret can be written: as is, URL-encoded, and base64 (alone, or as SMTP AUTH PLAIN sends it). */
function formsOf(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
    Buffer.from(`\0${SMTP_USER}\0${value}`).toString('base64'),
    ...(value.startsWith('whsec_') ? [value.slice('whsec_'.length)] : []),
  ];
}

beforeAll(async () => {
  [smtp, hooks] = await Promise.all([startSmtpServer({ auth: { username: SMTP_USER, password: SMTP_PASSWORD, refuseFirst: 1 } }), startWebhookReceiver({ secret: WEBHOOK_SECRET })]);
  closedPort = await freePort();
  data = tempDataDir('vigil-hardening-secrets-');
  const smtpPort = new URL(smtp.url).port;
  server = await startServer({
    dataDir: data.dir,
    env: {
      LOG_LEVEL: 'trace',
      VIGIL_ADMIN_KEY: ADMIN_KEY,
      ...PROMPT_ALERTING_ENV,
      SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtpPort}`,
      VIGIL_DELIVERY_BACKOFF_MS: '100',
      VIGIL_DELIVERY_MAX_BACKOFF_MS: '200',
      VIGIL_DELIVERY_MAX_ATTEMPTS: '4',
      VIGIL_DELIVERY_TIMEOUT_MS: '2000',
    },
  });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  data?.remove();
  await Promise.all([smtp?.close(), hooks?.close()]);
});

describe('a session with keys, channels and failing receivers', () => {
  it('creates, uses, signs in with and revokes keys', async () => {
    for (const scopes of [['ingest'], ['read'], ['admin']]) {
      const created = await call('POST', '/v1/keys', { scopes, name: `a ${scopes[0]} key` });
      expect(created.status).toBe(201);
      secrets.push({ name: `a created ${scopes[0]} key`, value: created.body.key });
    }
    const other = await call('POST', '/v1/keys', { scopes: ['admin'], project: 'secrets-b' });
    secrets.push({ name: "another project's key", value: other.body.key });
    const doomed = await call('POST', '/v1/keys', { scopes: ['read'] });
    secrets.push({ name: 'a revoked key', value: doomed.body.key });
    expect((await call('DELETE', `/v1/keys/${doomed.body.id}`)).status).toBe(204);

    expect((await call('GET', '/v1/models', undefined, { authorization: `Bearer ${doomed.body.key}` })).status).toBe(401);
    expect((await call('GET', '/v1/models', undefined, { authorization: `Bearer ${UNKNOWN_KEY}` })).status).toBe(401);
    expect((await call('GET', '/v1/models', undefined, { authorization: UNKNOWN_KEY })).status).toBe(401);
    expect((await call('POST', '/v1/models', { name: 'x', task: 'nonsense' }, { authorization: `Bearer ${secrets.at(-3)!.value}` })).status).toBe(400);
    expect((await call('GET', '/v1/keys')).status).toBe(200);
    // A key pasted into a query string by mistake is not written to the request log.
    expect((await call('GET', `/v1/models?api_key=${encodeURIComponent(ADMIN_KEY)}`)).status).toBe(200);

    const signedIn = await call('POST', '/v1/session', { key: ADMIN_KEY }, {});
    expect(signedIn.status).toBe(200);
    const cookie = `vigil_session=${ADMIN_KEY}`;
    expect((await call('GET', '/v1/session', undefined, { cookie })).status).toBe(200);
    expect((await call('POST', '/v1/models', { name: 'csrf', task: 'regression' }, { cookie })).status).toBe(403);
    expect((await call('POST', '/v1/session', { key: UNKNOWN_KEY }, {})).status).toBe(401);
    expect((await call('DELETE', '/v1/session', undefined, { cookie })).status).toBe(204);
  });

  it('creates channels with secrets, lists them, and test-sends while receivers fail and recover', async () => {
    const smtpPort = new URL(smtp.url).port;
    const channels = [
      { name: 'mail', type: 'email', config: { recipients: ['oncall@example.com'] } },
      { name: 'mail via its own server', type: 'email', config: { recipients: ['ml@example.com'], smtpUrl: `smtp://channel-user:${CHANNEL_SMTP_PASSWORD}@127.0.0.1:${smtpPort}` } },
      { name: 'hook', type: 'webhook', config: { url: `${hooks.url}/hook`, headers: { authorization: `Bearer ${HEADER_SECRET}` } }, secret: WEBHOOK_SECRET },
      { name: 'pipeline', type: 'retrain', config: { url: `${hooks.url}/retrain` } },
      { name: 'alertmanager that is down', type: 'alertmanager', config: { url: `http://vigil:${URL_PASSWORD}@127.0.0.1:${closedPort}`, headers: { 'x-token': TOKEN_HEADER_SECRET } } },
      { name: 'hook with basic auth', type: 'webhook', config: { url: `http://vigil:${URL_PASSWORD}@127.0.0.1:${new URL(hooks.url).port}/basic` }, secret: WEBHOOK_SECRET },
    ];
    const ids: Record<string, string> = {};
    for (const channel of channels) {
      const created = await call('POST', '/v1/channels', channel);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids[channel.name] = created.body.id;
      if (created.body.secret !== undefined) secrets.push({ name: `the generated secret of channel "${channel.name}"`, value: created.body.secret });
    }
    expect(Object.keys(secrets.find((s) => s.name.includes('generated')) ?? {})).not.toEqual([]);
    expect((await call('GET', '/v1/channels')).status).toBe(200);
    for (const id of Object.values(ids)) expect((await call('GET', `/v1/channels/${id}`)).status).toBe(200);

    hooks.failNext(1);
    const sends = [
      ['mail', false],
      ['mail', true],
      ['mail via its own server', false],
      ['hook', false],
      ['hook', true],
      ['alertmanager that is down', false],
      ['hook with basic auth', true],
    ] as const;
    for (const [name, delivered] of sends) {
      const sent = await call('POST', `/v1/channels/${ids[name]}/test`);
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      expect([name, sent.body.delivered]).toEqual([name, delivered]);
    }
  });

  it('fires an alert whose deliveries fail, retry and succeed', async () => {
    const model = { name: 'churn', task: 'regression', features: [{ name: 'age', type: 'numeric' }], settings: { minSamples: 10 } };
    expect((await call('POST', '/v1/models', model)).status).toBe(201);
    expect((await call('POST', '/v1/models/churn/versions', { version: '1' })).status).toBe(201);
    const baseline = ['age,prediction', ...Array.from({ length: 200 }, (_, i) => `${i % 50},1`)].join('\n');
    expect((await call('POST', '/v1/models/churn/versions/1/baseline', baseline)).status).toBe(201);
    const predictions = Array.from({ length: 100 }, (_, i) => ({ model: 'churn', version: '1', id: `p-${i}`, timestamp: T0 + i * 1000, features: { age: 100 + (i % 50) }, prediction: 1 }));
    expect((await call('POST', '/v1/predictions', { predictions })).status).toBe(200);
    const ids = ((await call('GET', '/v1/channels')).body.channels as { id: string; type: string }[]).filter((c) => c.type !== 'rollback').map((c) => c.id);
    expect((await call('POST', '/v1/alert-rules', { name: 'AgeDrift', model: 'churn', metric: 'psi', feature: 'age', op: '>', threshold: 0.2, channels: ids })).status).toBe(201);

    smtp.mails.length = 0;
    hooks.failNext(2);
    expect((await call('POST', '/v1/models/churn/drift/run', { from: T0, to: T0 + HOUR, window: 'all' })).status).toBe(200);

    await smtp.waitFor((mail) => mail.subject.includes('churn'), 30_000);
    await hooks.waitFor((hook) => hook.path === '/hook' && hook.status === 200, 30_000);
    await until('an alert to fire', async () => (await call('GET', '/v1/alerts?state=firing&model=churn')).body.alerts?.[0]);
    // Every channel's delivery ends: delivered, or failed for good (the Alertmanager that stays down).
    let seen: { channel: string; state: string }[] = [];
    await until('deliveries to settle', async () => {
      seen = (await call('GET', '/v1/deliveries')).body.deliveries;
      return ids.every((id) => seen.some((d) => d.channel === id)) && seen.every((d) => d.state !== 'pending');
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${JSON.stringify(seen.map((d) => [d.channel, d.state]))}`);
    });
    const alert = (await call('GET', '/v1/alerts?state=firing&model=churn')).body.alerts[0];
    expect((await call('GET', `/v1/alerts/${alert.id}`)).status).toBe(200);
    expect((await call('GET', '/v1/deliveries')).status).toBe(200);
    expect((await call('GET', '/v1/alert-history')).status).toBe(200);
  }, 90_000);

  it('stops, writing its last lines', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});

describe('what was shown and logged', () => {
  /** Where a secret may be: the answer that created a key or generated a secret, and sign-in's cookie for the key sent. */
  function allowed(answer: Answer, secret: string): boolean {
    if (answer.request === 'POST /v1/keys' && answer.body?.key === secret) return true;
    if (answer.request === 'POST /v1/channels' && answer.body?.secret === secret) return true;
    if (answer.request === 'POST /v1/session' && answer.status === 200 && secret === ADMIN_KEY) return answer.body?.key === undefined && !JSON.stringify(answer.body).includes(secret);
    return false;
  }

  it('no answer carries a key, secret or password, except the one that created it', () => {
    expect(answers.length).toBeGreaterThan(40);
    const found: string[] = [];
    for (const answer of answers) {
      for (const { name, value } of secrets) {
        if (allowed(answer, value)) continue;
        if (formsOf(value).some((form) => answer.text.includes(form))) found.push(`${answer.request} (${answer.status}) shows ${name}: ${answer.text.slice(0, 300)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('no log line carries a key, secret or password', () => {
    const lines = server.output;
    // The session was logged: requests, deliveries that failed and were retried, the shutdown.
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.some((line) => line.includes('delivery attempt failed; retrying'))).toBe(true);
    expect(lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    const found: string[] = [];
    for (const line of lines) {
      for (const { name, value } of secrets) if (formsOf(value).some((form) => line.includes(form))) found.push(`${name}: ${line.slice(0, 400)}`);
    }
    expect(found).toEqual([]);
  });
});
