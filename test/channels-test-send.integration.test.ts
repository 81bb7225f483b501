import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, overHttp } from './support/http';
import { startServer, tempDataDir, type RunningServer } from './support/server';
import { startSmtpServer, type TestSmtpServer } from './support/smtpServer';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

/** The Settings page's "Send test" button: one real attempt through the channel, saying how it went. */
const ADMIN_KEY = 'test-send-admin-key-0123456789';
const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

let server: RunningServer;
let data: { dir: string; remove(): void };
let smtp: TestSmtpServer;
let receiver: WebhookReceiver;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  [smtp, receiver] = await Promise.all([startSmtpServer(), startWebhookReceiver({ secret: SECRET })]);
  data = tempDataDir('vigil-test-send-');
  server = await startServer({
    dataDir: data.dir,
    env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_DETECTORS: 'off', SMTP_URL: smtp.url, SMTP_FROM: 'Vigil <alerts@vigil.example>', VIGIL_WEBHOOK_ALLOWLIST: '127.0.0.1' },
  });
  api = apiClient(overHttp(server.url), ADMIN_KEY);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  data?.remove();
  await Promise.all([smtp?.close(), receiver?.close()]);
});

const channel = async (body: unknown) => {
  const created = await api.post('/v1/channels', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
};

describe('POST /v1/channels/{id}/test', () => {
  it('sends a test email that says it is a test', async () => {
    const id = await channel({ name: 'on-call', type: 'email', config: { recipients: ['oncall@example.com'] } });
    const result = await api.post(`/v1/channels/${id}/test`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ delivered: true, detail: 'delivered (status 250)' });
    const mail = await smtp.waitFor((m) => m.subject.includes('VigilTest'), 10_000);
    expect(mail.to).toEqual(['oncall@example.com']);
    expect(mail.subject).toContain('vigil-test');
  });

  it("sends through the channel's own SMTP server when it names one, never showing its password", async () => {
    const own = await startSmtpServer();
    try {
      const url = new URL(own.url);
      url.username = 'team';
      url.password = 's3cret-pw';
      const id = await channel({ name: 'team mail', type: 'email', config: { recipients: ['team@example.com'], smtpUrl: url.toString() } });
      const shown = await api.get(`/v1/channels/${id}`);
      expect(shown.body.config.smtpUrl).toBe(`smtp://team:%E2%80%A6@${url.host}`);
      expect(JSON.stringify(shown.body)).not.toContain('s3cret-pw');
      const result = await api.post(`/v1/channels/${id}/test`);
      expect(result.body).toEqual({ delivered: true, detail: 'delivered (status 250)' });
      expect((await own.waitFor((m) => m.subject.includes('VigilTest'), 10_000)).to).toEqual(['team@example.com']);
      expect(smtp.mails.some((m) => m.to.includes('team@example.com'))).toBe(false);
    } finally {
      await own.close();
    }
  });

  it('refuses an SMTP URL that is not smtp:// or smtps://, naming the field', async () => {
    const refused = await api.post('/v1/channels', { name: 'bad', type: 'email', config: { recipients: ['a@example.com'], smtpUrl: 'http://mail.example.com' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('config.smtpUrl');
  });

  it('posts a signed test notification to a webhook', async () => {
    const id = await channel({ name: 'hook', type: 'webhook', config: { url: `${receiver.url}/hooks/test` }, secret: SECRET });
    const result = await api.post(`/v1/channels/${id}/test`);
    expect(result.body.delivered).toBe(true);
    const hook = await receiver.waitFor((h) => h.path === '/hooks/test', 10_000);
    expect(hook.signatureValid).toBe(true);
    expect(hook.json).toMatchObject({ type: 'vigil.alerts', model: 'vigil-test', status: 'firing' });
    expect(hook.json.firing[0].labels.alertname).toBe('VigilTest');
  });

  it('reports a receiver that is down as not delivered, with the reason', async () => {
    const id = await channel({ name: 'gone', type: 'webhook', config: { url: 'http://127.0.0.1:9/nowhere' } });
    const result = await api.post(`/v1/channels/${id}/test`);
    expect(result.status).toBe(200);
    expect(result.body.delivered).toBe(false);
    expect(result.body.detail).toMatch(/^failed: /);
  });

  it('refuses channels that act (retrain, rollback) with 409, unknown ids with 404, and read keys with 403', async () => {
    const retrain = await channel({ name: 'pipeline', type: 'retrain', config: { url: `${receiver.url}/hooks/retrain` } });
    const refused = await api.post(`/v1/channels/${retrain}/test`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('training run');
    expect(receiver.received.some((h) => h.path === '/hooks/retrain')).toBe(false);
    expect((await api.post('/v1/channels/ch_nope/test')).status).toBe(404);
    const reader = (await api.post('/v1/keys', { scopes: ['read'] })).body.key;
    expect((await apiClient(overHttp(server.url), reader).post(`/v1/channels/${retrain}/test`)).status).toBe(403);
  });
});
