import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { BaselineSchema } from './schemas';

/** The OpenAPI document a route answering `schema` gets, as /openapi.json is built. */
function documented(schema: typeof BaselineSchema) {
  const app = new OpenAPIHono();
  app.openapi(createRoute({ method: 'get', path: '/b', responses: { 200: { description: 'b', content: { 'application/json': { schema } } } } }), (c) => c.json(schema.parse({}), 200));
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'test', version: '0' } });
}

describe('BaselineSchema in /openapi.json', () => {
  it('lets profile.prediction and profile.label be null, as they are without those columns (found by schemathesis)', () => {
    const profile = (documented(BaselineSchema).components?.schemas?.Baseline as any).properties.profile.properties;
    for (const column of ['prediction', 'label']) expect(profile[column].anyOf, column).toContainEqual({ type: 'null' });
  });
});
