import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compress } from 'hono/compress';

/** Where `npm run build:dashboard` (and `npm start`) put the built dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../dashboard/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Paths that belong to the API and other servers, never to the dashboard's pages. */
const NOT_PAGES = /^\/(v1|v2|docs|openapi\.json|metrics|healthz|readyz)(\/|$)/;

// Scripts only from this origin; Plot's inline style attributes need 'unsafe-inline' styles.
const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vigil</title></head>
<body><h1>Vigil</h1><p>The dashboard is not built. Run <code>npm run build:dashboard</code> (or <code>npm start</code>, which builds it) and reload.
The API is at <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * The dashboard: its hashed assets (cached for good) and, for every other GET of a page path,
 * its index.html (the app routes on the client, so deep links work).
 */
export function dashboardRoutes(dist = DASHBOARD_DIST) {
  const index = join(dist, 'index.html');
  return new Hono()
    // The bundle is mostly Plot and d3: gzip takes it from about 450 to 150 KB on the wire.
    .use('/assets/*', compress())
    .get('/assets/*', async (c) => {
      const file = normalize(join(dist, c.req.path));
      const type = TYPES[extname(file)];
      if (!file.startsWith(join(dist, 'assets')) || type === undefined || !existsSync(file)) return c.notFound();
      c.header('Content-Type', type);
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(await readFile(file));
    })
    .get('*', async (c, next) => {
      if (NOT_PAGES.test(c.req.path)) return next();
      if (!existsSync(index)) return c.html(NOT_BUILT, 503, PAGE_HEADERS);
      return c.html(await readFile(index, 'utf8'), 200, PAGE_HEADERS);
    });
}
