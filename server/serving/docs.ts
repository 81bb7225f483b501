import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ModelParams } from '../openapi';
import { bearerSecurity, commonErrors, ErrorSchema } from '../openapi';

const Tensor = z
  .object({
    name: z.string(),
    shape: z.array(z.number().int()),
    datatype: z.string().openapi({ example: 'FP32' }),
    data: z.array(z.unknown()),
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('OipTensor');

const InferenceRequest = z
  .object({ id: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional(), inputs: z.array(Tensor), outputs: z.array(z.object({ name: z.string() })).optional() })
  .openapi('OipInferenceRequest');

const InferenceResponse = z
  .object({ model_name: z.string(), model_version: z.string().optional(), id: z.string().optional(), outputs: z.array(Tensor) })
  .openapi('OipInferenceResponse');

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const versionHeaders = { 'vigil-model-version': { schema: { type: 'string' as const }, description: 'The version that answered' } };

/**
 * The gateway's entries in /openapi.json. Its routes are plain handlers (the body is forwarded
 * as bytes, not validated here: the model server is the judge of its inputs), so they are
 * described by hand.
 */
export function registerGatewayDocs(router: OpenAPIHono): void {
  router.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v2/models/{model}/infer',
    tags: ['Serving gateway'],
    summary: 'Inference through the production (or canary) version, logged as predictions',
    description:
      'Open Inference Protocol v2. Routed to the `production` alias, or to `canary` for its share (deterministic per `vigil-request-key` header); mirrored to `shadow` without waiting. The answer is the model server\'s, streamed. Needs scope `ingest`. See docs/gateway.md.',
    security: bearerSecurity,
    request: {
      params: ModelParams,
      headers: z.object({ 'vigil-request-key': z.string().optional().openapi({ description: 'Routes the same key to the same side of a canary split' }) }),
      body: { required: true, content: { 'application/json': { schema: InferenceRequest } } },
    },
    responses: {
      200: {
        description: "The model server's answer",
        headers: { ...versionHeaders, 'vigil-prediction-id': { schema: { type: 'string' }, description: 'Id of the logged prediction (a batch of n rows: `<id>:0` ... `<id>:<n-1>`)' } },
        content: { 'application/json': { schema: InferenceResponse } },
      },
      400: { description: 'The model server refused the inputs (its answer, passed through)' },
      401: error('No API key, or an unknown or revoked one'),
      403: error('The API key lacks scope `ingest`'),
      404: error('No such model in the key\'s project'),
      431: commonErrors[431],
      413: error('Request body too large'),
      502: error('The model server failed (5xx, quoted) or could not be reached'),
      503: error('No servable version (alias or endpoint missing), or the circuit breaker is open (with `Retry-After`)'),
      504: error('The model server did not answer in time'),
    },
  });
  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v2/models/{model}',
    tags: ['Serving gateway'],
    summary: "Model metadata of the production version's model server, named as in Vigil",
    security: bearerSecurity,
    request: { params: ModelParams },
    responses: {
      200: { description: 'OIP v2 model metadata', headers: versionHeaders, content: { 'application/json': { schema: z.object({ name: z.string(), versions: z.array(z.string()).optional(), platform: z.string().optional(), inputs: z.array(z.unknown()).optional(), outputs: z.array(z.unknown()).optional() }) } } },
      401: error('No API key, or an unknown or revoked one'),
      403: error('The API key has neither scope `ingest` nor `read`'),
      404: error('No such model'),
      431: commonErrors[431],
      502: error('The model server failed'),
      503: error('No servable production version'),
      504: error('The model server did not answer in time'),
    },
  });
  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v2/models/{model}/ready',
    tags: ['Serving gateway'],
    summary: 'Whether the production version can serve: 200 ready, 400 not (with the reason)',
    security: bearerSecurity,
    request: { params: ModelParams },
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: z.object({ name: z.string(), ready: z.literal(true) }) } } },
      400: { description: 'Not ready', content: { 'application/json': { schema: z.object({ name: z.string(), ready: z.literal(false), reason: z.string() }) } } },
      401: error('No API key, or an unknown or revoked one'),
      403: error('The API key has neither scope `ingest` nor `read`'),
      404: error('No such model'),
      431: commonErrors[431],
    },
  });
}
