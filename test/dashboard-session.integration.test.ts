import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';
import { tempDataDir } from './support/server';

/**
 * The dashboard's side of the server: signing in exchanges a key for an httpOnly cookie,
 * the cookie authenticates reads and (with the CSRF header only) changes, and the built app is
 * served at `/` with every page path answered by its index.html (deep links).
 */
let t: TestApp;
let dist: { dir: string; remove(): void };
const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);
const INDEX = '<!doctype html><html><body><div id="app"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';

function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] ?? '';
}

beforeAll(async () => {
  dist = tempDataDir('vigil-dist-');
  mkdirSync(join(dist.dir, 'assets'));
  writeFileSync(join(dist.dir, 'index.html'), INDEX);
  writeFileSync(join(dist.dir, 'assets', 'index-abc123.js'), 'console.log("vigil")');
  t = await openTestApp({ dashboardDist: dist.dir });
});
afterAll(async () => {
  await t.close();
  dist.remove();
});

const signIn = (key: string) => t.fetcher('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Strict cookie for a valid key and answers with its project and scopes', async () => {
    const response = await signIn(TEST_ADMIN_KEY);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ project: 'default', scopes: ['admin'] });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^vigil_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // plain HTTP here; HTTPS adds Secure
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses an unknown key with 401 and sets nothing; an empty one with 400 naming the field', async () => {
    const unknown = await signIn('vgl_not-a-key');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const empty = await signIn('');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).error.details[0].path).toBe('key');
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const response = await t.fetcher('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ key: TEST_ADMIN_KEY }) });
    expect(response.headers.get('set-cookie')).toMatch(/Secure/);
  });
});

describe('the session cookie', () => {
  it('authenticates reads, and tells who is signed in', async () => {
    const cookie = cookieOf(await signIn(TEST_ADMIN_KEY));
    const me = await t.fetcher('/v1/session', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ project: 'default', scopes: ['admin'] });
    expect((await t.fetcher('/v1/models', { headers: { cookie } })).status).toBe(200);
  });

  it('changes things only with the CSRF header, which a cross-site form cannot send', async () => {
    const cookie = cookieOf(await signIn(TEST_ADMIN_KEY));
    const body = JSON.stringify({ name: 'csrf-model', task: 'regression', features: [{ name: 'x', type: 'numeric' }] });
    const forged = await t.fetcher('/v1/models', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as any).error.message).toContain('x-vigil-csrf');
    expect((await admin().get('/v1/models/csrf-model')).status).toBe(404);
    const made = await t.fetcher('/v1/models', { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-vigil-csrf': '1' }, body });
    expect(made.status).toBe(201);
  });

  it('carries the scopes of its key: a read key reads but cannot change', async () => {
    const created = await admin().post('/v1/keys', { scopes: ['read'], name: 'dashboard reader' });
    const cookie = cookieOf(await signIn(created.body.key));
    expect((await t.fetcher('/v1/models', { headers: { cookie } })).status).toBe(200);
    const denied = await t.fetcher('/v1/keys', { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-vigil-csrf': '1' }, body: JSON.stringify({ scopes: ['admin'] }) });
    expect(denied.status).toBe(403);
  });

  it('stops working once its key is revoked, and after sign-out the cookie is cleared', async () => {
    const created = await admin().post('/v1/keys', { scopes: ['read'] });
    const cookie = cookieOf(await signIn(created.body.key));
    expect((await admin().delete(`/v1/keys/${created.body.id}`)).status).toBe(204);
    expect((await t.fetcher('/v1/models', { headers: { cookie } })).status).toBe(401);

    const out = await t.fetcher('/v1/session', { method: 'DELETE', headers: { cookie: cookieOf(await signIn(TEST_ADMIN_KEY)) } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^vigil_session=;.*Max-Age=0/);
  });

  it('is never needed by API clients: the Authorization header wins over a cookie', async () => {
    const response = await t.fetcher('/v1/models', { headers: { cookie: 'vigil_session=vgl_wrong', authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(response.status).toBe(200);
  });
});

describe('serving the dashboard', () => {
  it('answers / and every page path with index.html and a strict content security policy', async () => {
    for (const page of ['/', '/models/churn', '/models/a%20b/features/x', '/alerts', '/settings?tab=keys']) {
      const response = await t.fetcher(page);
      expect(response.status, page).toBe(200);
      expect(await response.text()).toBe(INDEX);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets for good, and nothing outside the assets directory', async () => {
    const asset = await t.fetcher('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const zipped = await t.fetcher('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect((await t.fetcher('/assets/missing.js')).status).toBe(404);
    expect((await t.fetcher('/assets/..%2Findex.html')).status).toBe(404);
    // A dot-dot path is normalised to a page path: the app's index, never the file.
    expect(await (await t.fetcher('/assets/../../package.json')).text()).toBe(INDEX);
  });

  it('leaves the API its JSON errors', async () => {
    const unknown = await t.fetcher('/v1/nothing-here', { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect((await t.fetcher('/v2/models/x/ready')).status).toBe(401);
    expect((await t.fetcher('/healthz')).status).toBe(200);
  });
});
