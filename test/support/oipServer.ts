import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a test OIP v2 model server answers to an inference request. */
export type InferBehaviour =
  | { kind: 'answer'; delayMs?: number }
  | { kind: 'fail'; status: number; error: string }
  /** Never answers (until stopped): a hung model server. */
  | { kind: 'hang' };

export interface OipRequest {
  model: string;
  body: any;
  headers: IncomingMessage['headers'];
}

export interface OipServer {
  /** Base URL, `http://127.0.0.1:<port>`: what a version registers as its endpoint. */
  url: string;
  /** Inference requests received, in arrival order. */
  received: OipRequest[];
  behaviour: InferBehaviour;
  ready: boolean;
  stop(): Promise<void>;
}

/**
 * Default model: the prediction of each row is 1 when the row's first value is above 40, else
 * 0, with probabilities [0.25, 0.75] or [0.75, 0.25]. Rows are the first dimension of the first
 * input; the row's first value is that input's value (one tensor per feature) or its first
 * column (an [n, k] matrix).
 */
function predict(body: any, version: string, name: string) {
  const first = body?.inputs?.[0];
  const data: unknown[] = Array.isArray(first?.data) ? first.data.flat(Infinity) : [];
  const n = Array.isArray(first?.shape) && first.shape.length > 0 ? Number(first.shape[0]) : 1;
  const width = n > 0 ? data.length / n : 0;
  const firstValues = Array.from({ length: n }, (_, i) => Number(data[i * width]));
  const labels = firstValues.map((v) => (v > 40 ? 1 : 0));
  return {
    model_name: name,
    model_version: version,
    ...(typeof body?.id === 'string' ? { id: body.id } : {}),
    outputs: [
      { name: 'label', shape: [n], datatype: 'INT64', data: labels },
      { name: 'proba', shape: [n, 2], datatype: 'FP64', data: labels.flatMap((l) => (l === 1 ? [0.25, 0.75] : [0.75, 0.25])) },
    ],
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A small Open Inference Protocol v2 model server on 127.0.0.1 and a free port, serving any
 * model name under `/v2/models/<name>` (infer, metadata, ready). `version` is what it reports
 * as `model_version`, so a test sees which server answered.
 */
export async function startOipServer(options: { version: string; behaviour?: InferBehaviour }): Promise<OipServer> {
  const received: OipRequest[] = [];
  const hung = new Set<ServerResponse>();
  const state = { behaviour: options.behaviour ?? ({ kind: 'answer' } as InferBehaviour), ready: true };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    void (async () => {
      const match = /^\/v2\/models\/([^/]+)(\/infer|\/ready)?$/.exec(req.url ?? '');
      if (!match) return json(res, 404, { error: `no route ${req.url}` });
      const name = decodeURIComponent(match[1]!);
      if (req.method === 'GET' && match[2] === '/ready') return json(res, state.ready ? 200 : 503, { name, ready: state.ready });
      if (req.method === 'GET' && match[2] === undefined) {
        return json(res, 200, { name: `upstream-${name}`, versions: [options.version], platform: 'test', inputs: [{ name: 'input-0', datatype: 'FP64', shape: [-1, -1] }], outputs: [{ name: 'label', datatype: 'INT64', shape: [-1] }] });
      }
      if (req.method !== 'POST' || match[2] !== '/infer') return json(res, 405, { error: 'method not allowed' });
      const text = await readBody(req);
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        return json(res, 400, { error: 'request body is not JSON' });
      }
      received.push({ model: name, body, headers: req.headers });
      const behaviour = state.behaviour;
      if (behaviour.kind === 'hang') {
        hung.add(res);
        return;
      }
      if (behaviour.kind === 'fail') return json(res, behaviour.status, { error: behaviour.error });
      if (!Array.isArray(body?.inputs)) return json(res, 400, { error: 'inputs: expected an array of tensors' });
      if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      json(res, 200, predict(body, options.version, name));
    })();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(b: InferBehaviour) {
      state.behaviour = b;
    },
    get ready() {
      return state.ready;
    },
    set ready(r: boolean) {
      state.ready = r;
    },
    async stop() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
