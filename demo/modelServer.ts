import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { creditModel, predict, VERSIONS, type Applicant } from './creditModel';

/**
 * A tiny model server speaking the Open Inference Protocol v2 (REST), as KServe, Triton and
 * MLServer do: it serves every version of `demo/model.json` under
 * `/v2/models/credit-risk/versions/<v>` (infer, metadata, ready), one input tensor per feature,
 * and answers two outputs: the predicted class and the probabilities of both classes.
 *
 * `failEvery(version, n, message)` makes every n-th inference of a version answer 500, as a
 * model server does when a dependency (here, a feature store) times out.
 */
export interface ModelServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The URL a version registers as its `endpoint` in Vigil. */
  endpointOf(version: string): string;
  failEvery(version: string, n: number, message: string): void;
  /** Inferences per version: answered, and failed on purpose. */
  counts: Record<string, { answered: number; failed: number }>;
  stop(): Promise<void>;
}

type Tensor = { name?: unknown; shape?: unknown; datatype?: unknown; data?: unknown };

class BadRequest extends Error {}

/** Rows of applicants from one input tensor per feature (shape [n], [n, 1] or a scalar). */
export function applicantsOf(body: unknown): Applicant[] {
  const inputs = (body as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs)) throw new BadRequest('inputs: expected an array of tensors');
  const byName = new Map<string, unknown[]>();
  for (const [index, tensor] of (inputs as Tensor[]).entries()) {
    if (typeof tensor?.name !== 'string') throw new BadRequest(`inputs[${index}].name: expected a string`);
    if (!Array.isArray(tensor.data)) throw new BadRequest(`inputs[${index}].data: expected an array`);
    byName.set(tensor.name, (tensor.data as unknown[]).flat(Infinity));
  }
  const columns = creditModel.features.map((f) => {
    const values = byName.get(f.name);
    if (values === undefined) throw new BadRequest(`inputs: no tensor named ${JSON.stringify(f.name)}; the model takes ${creditModel.features.map((x) => x.name).join(', ')}`);
    return { feature: f, values };
  });
  const rows = Math.max(...columns.map((c) => c.values.length));
  return Array.from({ length: rows }, (_, row) => {
    const applicant: Applicant = {};
    for (const { feature, values } of columns) {
      const value = values.length === 1 ? values[0] : values[row];
      if (feature.type === 'numeric' && typeof value !== 'number') throw new BadRequest(`inputs.${feature.name}[${row}]: expected a number, got ${JSON.stringify(value)}`);
      applicant[feature.name] = feature.type === 'numeric' ? Number(value) : String(value);
    }
    return applicant;
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('the request body is not JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startModelServer(): Promise<ModelServer> {
  const counts: ModelServer['counts'] = Object.fromEntries(VERSIONS.map((v) => [v, { answered: 0, failed: 0 }]));
  const faults = new Map<string, { every: number; message: string; seen: number }>();
  const name = creditModel.name;
  const route = new RegExp(`^/v2/models/${name}(?:/versions/([^/]+))?(/infer|/ready)?$`);

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path === '/v2/health/live' || path === '/v2/health/ready') return send(res, 200, { live: true, ready: true });
      const match = route.exec(path);
      if (!match) return send(res, 404, { error: `no model at ${path}; this server has ${name} versions ${VERSIONS.join(', ')}` });
      const version = match[1] ?? (VERSIONS.at(-1) as string);
      if (creditModel.versions[version] === undefined) return send(res, 404, { error: `${name} has no version ${JSON.stringify(version)}` });
      if (req.method === 'GET' && match[2] === '/ready') return send(res, 200, { name, ready: true });
      if (req.method === 'GET' && match[2] === undefined) {
        return send(res, 200, {
          name,
          versions: VERSIONS,
          platform: 'demo-logistic-regression',
          inputs: creditModel.features.map((f) => ({ name: f.name, datatype: f.type === 'numeric' ? 'FP64' : 'BYTES', shape: [-1] })),
          outputs: [
            { name: 'default', datatype: 'INT64', shape: [-1] },
            { name: 'probability', datatype: 'FP64', shape: [-1, 2] },
          ],
        });
      }
      if (req.method !== 'POST' || match[2] !== '/infer') return send(res, 405, { error: `${req.method} is not served at ${path}` });
      const body = await readJson(req);
      const fault = faults.get(version);
      if (fault !== undefined && ++fault.seen % fault.every === 0) {
        (counts[version] ??= { answered: 0, failed: 0 }).failed += 1;
        return send(res, 500, { error: fault.message });
      }
      const rows = applicantsOf(body).map((a) => predict(version, a));
      (counts[version] ??= { answered: 0, failed: 0 }).answered += 1;
      send(res, 200, {
        model_name: name,
        model_version: version,
        ...(typeof (body as { id?: unknown }).id === 'string' ? { id: (body as { id: string }).id } : {}),
        outputs: [
          { name: 'default', shape: [rows.length], datatype: 'INT64', data: rows.map((r) => r.label) },
          { name: 'probability', shape: [rows.length, 2], datatype: 'FP64', data: rows.flatMap((r) => [1 - r.probability, r.probability]) },
        ],
      });
    })().catch((error: unknown) => {
      if (error instanceof BadRequest) send(res, 400, { error: error.message });
      else send(res, 500, { error: `model server: ${(error as Error).message}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    endpointOf: (version) => `${url}/v2/models/${name}/versions/${version}`,
    failEvery(version, every, message) {
      faults.set(version, { every, message, seen: 0 });
    },
    counts,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
