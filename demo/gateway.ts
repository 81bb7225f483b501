import { creditModel, type Applicant } from './creditModel';
import type { VigilApi } from './vigilApi';

/** What the client of the gateway saw: answers per version, errors by status and code. */
export interface GatewayTally {
  requests: number;
  /** Answered (2xx) per version (the `vigil-model-version` header). */
  answered: Record<string, number>;
  /** Failed calls, `<status> <code>` per version, e.g. `{"2": {"502 upstream_error": 15}}`. */
  failed: Record<string, Record<string, number>>;
  /** Ids of answered predictions (`vigil-prediction-id`), for labels. */
  predictionIds: string[];
  /** One failure's message, to show. */
  sampleError: string | null;
}

/** An OIP v2 inference request with one tensor per feature (numbers FP64, categories BYTES). */
export function inferenceRequest(a: Applicant): unknown {
  return {
    inputs: creditModel.features.map((f) => ({ name: f.name, shape: [1], datatype: f.type === 'numeric' ? 'FP64' : 'BYTES', data: [a[f.name]] })),
  };
}

/**
 * Calls `POST /v2/models/{model}/infer` once per applicant, a few at a time, as client
 * applications would: Vigil routes each call to the version its aliases name, forwards it to
 * that version's model server and logs the prediction (or the failure) itself.
 */
export async function callGateway(api: VigilApi, model: string, applicants: readonly Applicant[], concurrency = 4): Promise<GatewayTally> {
  const tally: GatewayTally = { requests: 0, answered: {}, failed: {}, predictionIds: [], sampleError: null };
  let next = 0;
  const worker = async () => {
    while (next < applicants.length) {
      const a = applicants[next++] as Applicant;
      const answer = await api.call<{ error?: { code?: string; message?: string } }>('POST', `/v2/models/${encodeURIComponent(model)}/infer`, inferenceRequest(a));
      const version = answer.headers.get('vigil-model-version') ?? '?';
      tally.requests += 1;
      if (answer.status < 300) {
        tally.answered[version] = (tally.answered[version] ?? 0) + 1;
        const id = answer.headers.get('vigil-prediction-id');
        if (id !== null) tally.predictionIds.push(id);
      } else {
        const key = `${answer.status} ${answer.body?.error?.code ?? 'error'}`;
        const byKind = (tally.failed[version] ??= {});
        byKind[key] = (byKind[key] ?? 0) + 1;
        tally.sampleError ??= answer.body?.error?.message ?? null;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tally;
}

/** `36 answered by version 1, 4 by version 2` and the failures, in words. */
export function describeTally(t: GatewayTally): string {
  const answered = Object.entries(t.answered)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([v, n], i) => `${n} ${i === 0 ? 'answered by ' : 'by '}version ${v}`);
  const failed = Object.entries(t.failed).flatMap(([v, kinds]) => Object.entries(kinds).map(([kind, n]) => `${n} of version ${v} failed (${kind})`));
  return [...answered, ...failed].join(', ') || 'no answer';
}
