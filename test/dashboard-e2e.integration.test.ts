import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until as pollUntil } from './support/wait';
import { ARTIFACTS, launchBrowser } from './support/browser';
import { DRIFTED_FEATURES, DRIFTING_MODEL, HEALTHY_MODEL, seedClient, seedDashboard } from './support/dashboardSeed';
import { apiClient, overHttp } from './support/http';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * The dashboard in a real browser (Debian's headless Chromium driven by playwright-core)
 * against a real server seeded with a drifting model: sign in, see the heatmap mark the
 * drifted features, open a feature and see both distributions, acknowledge an alert, roll a
 * version back and see the audit entry. Each page is saved under test/artifacts/.
 */
const ADMIN_KEY = 'dashboard-e2e-admin-key-0123456789';

let server: RunningServer;
let data: { dir: string; remove(): void };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: ReturnType<typeof apiClient>;
const pageErrors: string[] = [];

const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000) => pollUntil(what, probe, { timeoutMs, everyMs: 200 });

const screenshot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-dashboard.mjs'], { stdio: 'inherit' });
  data = tempDataDir('vigil-dashboard-e2e-');
  server = await startServer({
    dataDir: data.dir,
    env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_DETECTORS: 'off', VIGIL_ALERT_INTERVAL_MS: '200', VIGIL_ALERT_GROUP_WAIT_MS: '0', VIGIL_ALERT_GROUP_INTERVAL_MS: '0' },
  });
  api = apiClient(overHttp(server.url), ADMIN_KEY);
  await seedDashboard(seedClient(server.url, ADMIN_KEY));
  await until('the drift alerts to fire', async () => {
    const alerts = (await api.get(`/v1/alerts?state=firing&model=${DRIFTING_MODEL}`)).body.alerts as { labels: { feature?: string } }[];
    return DRIFTED_FEATURES.every((f) => alerts.some((a) => a.labels.feature === f));
  });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: server.url });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  data?.remove();
});

describe('the dashboard in a browser', () => {
  it('asks for a key, refuses a wrong one, and signs in with an httpOnly cookie', async () => {
    await page.goto(`/models/${DRIFTING_MODEL}`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('API key').fill('vgl_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('unknown or revoked API key');

    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/models/${DRIFTING_MODEL}$`));
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'vigil_session', httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })')).not.toContain(ADMIN_KEY);
  });

  it('lists both models on the overview, the drifting one first', async () => {
    await page.goto('/');
    const cards = page.locator('[data-testid="model-card"]');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-model')))).toEqual([DRIFTING_MODEL, HEALTHY_MODEL]);
    expect(await cards.first().getAttribute('data-status')).toBe('attention');
    await expect.poll(() => cards.last().getAttribute('data-status')).toBe('healthy');
    await expect.poll(() => page.locator('main').textContent()).not.toContain('loading');
    await screenshot('overview');
  });

  it('marks exactly the drifted features in the model heatmap', async () => {
    await page.goto(`/models/${DRIFTING_MODEL}?range=7d`);
    const rows = page.locator('[data-testid="heatmap-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(8);
    const drifted = await rows.evaluateAll((nodes) => nodes.filter((n) => n.getAttribute('data-drifted') === 'true').map((n) => n.getAttribute('data-feature')));
    expect(drifted.filter((f) => f !== '__prediction').sort()).toEqual([...DRIFTED_FEATURES].sort());
    await screenshot('model');
    // What the README shows (docs/dashboard-model.png is a copy): the first screen of the page.
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-model-first-screen.png') });
  });

  it('shows the baseline and current distributions of a drifted feature, with its statistics', async () => {
    await page.locator(`[data-testid="heatmap-row"][data-feature="distance_km"] a, a[data-testid="heatmap-row"][data-feature="distance_km"]`).first().click();
    await page.waitForURL(new RegExp(`/models/${DRIFTING_MODEL}/features/distance_km`));
    const figure = page.locator('[data-testid="distribution"]');
    await expect.poll(() => figure.locator('[aria-label="baseline"]').count()).toBeGreaterThan(0);
    expect(await figure.locator('[aria-label="current"]').count()).toBeGreaterThan(0);
    const table = page.locator('[data-testid="statistics-table"]');
    await expect.poll(() => table.textContent()).toMatch(/psi/i);
    expect(await table.textContent()).toMatch(/drift/);
    await screenshot('feature');
  });

  it('acknowledges a firing alert', async () => {
    await page.goto(`/alerts?state=firing&model=${DRIFTING_MODEL}`);
    const row = page.locator('[data-testid="alert-row"]').filter({ hasText: 'distance_km' }).first();
    await row.waitFor();
    const id = await row.getAttribute('data-alert-id');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => row.textContent()).toMatch(/acknowledged/i);
    const stored = (await api.get(`/v1/alerts/${id}`)).body;
    expect(stored.acknowledgedAt ?? stored.ack?.at ?? stored.acknowledged).toBeTruthy();
    await screenshot('alerts');
  });

  it('rolls production back with a reason, and the audit log shows it', async () => {
    await page.goto(`/registry/${DRIFTING_MODEL}`);
    await page.getByRole('button', { name: /roll back/i }).first().click();
    await page.locator('dialog[open] textarea[name="reason"]').fill('e2e: distance drift after release 2');
    await page.getByRole('button', { name: 'Confirm rollback' }).click();
    const audit = page.locator('[data-testid="audit-log"]');
    await expect.poll(() => audit.textContent()).toContain('e2e: distance drift after release 2');
    const aliases = (await api.get(`/v1/models/${DRIFTING_MODEL}/aliases`)).body.aliases as { alias: string; version: string }[];
    expect(aliases.find((a) => a.alias === 'production')?.version).toBe('1');
    await screenshot('registry');
  });

  it('shows hostile model and feature names as text, never as markup', async () => {
    const model = '<img src=x onerror=alert(1)>';
    const features = ['<script>alert(2)</script>', "'; DROP TABLE predictions; --", 'say "hi" & <b>bold</b>'];
    const created = await api.post('/v1/models', { name: model, task: 'regression', features: features.map((name) => ({ name, type: 'numeric' })) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/');
    const card = page.locator('[data-testid="model-card"]').filter({ hasText: model });
    await card.waitFor();
    expect(await card.getAttribute('data-model')).toBe(model);
    await page.goto(`/registry/${encodeURIComponent(model)}`);
    await expect.poll(() => page.locator('main h1').first().textContent()).toContain(model);
    await page.goto(`/models/${encodeURIComponent(model)}/features/${encodeURIComponent(features[0]!)}`);
    await expect.poll(() => page.locator('main').textContent()).toContain(features[0]!);
    expect(await page.locator('img[src="x"], main script, main b').count()).toBe(0);
    await expect.poll(() => page.locator('main').textContent()).not.toContain('Loading');
    expect(dialogs).toEqual([]);
    await screenshot('hostile-names');
  });

  it('shows the settings: rules, channels and keys', async () => {
    for (const tab of ['rules', 'channels', 'keys']) {
      await page.goto(`/settings?tab=${tab}`);
      await page.locator('main table, main [data-testid="empty"], main .status.empty').first().waitFor();
      await screenshot(`settings-${tab}`);
    }
    expect(pageErrors).toEqual([]);
  });
});
