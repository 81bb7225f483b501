import type { Logger } from 'pino';
import type { IngestPipeline } from '../../ingest/pipeline';
import { BatchWriter, type WriterOptions } from '../../ingest/writer';
import type { GatewayRequestRepository, GatewayRequestRow } from '../../store/gatewayRequests';
import type { ModelRecord } from '../../store/models';
import type { GatewayMetrics } from './metrics';
import { inputRows, outputRows, predictionIds } from './tensors';

/** One answered call, to be logged as predictions. */
export interface AnsweredCall {
  project: string;
  model: ModelRecord;
  version: string;
  /** Base prediction id; a batch's rows get `<id>:<row>`. */
  predictionId: string;
  /** Epoch ms when the gateway received the request: the predictions' timestamp. */
  receivedAt: number;
  latencyMs: number;
  request: unknown;
  response: unknown;
}


/**
 * Everything the gateway records, off the caller's path: predictions through the ingest
 * pipeline (the same validation and batching writer as `POST /v1/predictions`, source
 * `gateway`), and one `gateway_requests` row per call. Nothing here is awaited before the
 * caller's answer; failures are counted and logged, never thrown.
 */
export class GatewayRequestLog {
  private readonly outcomes: BatchWriter<GatewayRequestRow>;

  constructor(
    private readonly deps: { ingest: IngestPipeline; requests: GatewayRequestRepository; metrics: GatewayMetrics; logger: Logger; writer: WriterOptions },
  ) {
    this.outcomes = new BatchWriter(
      'gateway_requests',
      async (batches) => {
        await deps.requests.insert(batches.flat());
        return batches.map(() => 0);
      },
      deps.writer,
    );
  }

  /** Records a call's outcome (every call, answered or not). */
  outcome(row: GatewayRequestRow): void {
    this.outcomes.submit([row]).catch((error: unknown) => {
      this.deps.metrics.logFailures.inc({ project: row.project, model: row.model, reason: 'outcome_storage' });
      this.deps.logger.warn({ err: error, model: row.model, version: row.version }, 'could not record a gateway outcome');
    });
  }

  /** Maps an answered call to predictions and hands them to ingest; resolves when stored or refused. */
  async predictions(call: AnsweredCall): Promise<void> {
    const { project, model } = call;
    const labels = { project, model: model.name };
    const inputs = inputRows(call.request, model.features);
    if (inputs.unmappedValues > 0) this.deps.metrics.unmappedValues.inc(labels, inputs.unmappedValues);
    const outputs = outputRows(call.response, inputs.rows.length, model.task);
    if (outputs === undefined) {
      this.deps.metrics.logFailures.inc({ ...labels, reason: 'no_output' });
      this.deps.logger.debug({ model: model.name, version: call.version }, 'gateway answer has no output to log as a prediction');
      return;
    }
    const ids = predictionIds(call.predictionId, inputs.rows.length);
    const items = inputs.rows.map((features, i) => ({
      path: `gateway[${i}]`,
      value: {
        model: model.name,
        version: call.version,
        id: ids[i],
        timestamp: call.receivedAt,
        features,
        prediction: outputs.predictions[i],
        ...(outputs.scores?.[i] ? { scores: outputs.scores[i] } : {}),
        latencyMs: call.latencyMs,
      },
    }));
    try {
      const stored = await this.deps.ingest.predictions(project, items, 'gateway');
      if (!stored.ok) {
        this.deps.metrics.logFailures.inc({ ...labels, reason: 'refused' });
        this.deps.logger.warn({ model: model.name, version: call.version, rejections: stored.rejections.slice(0, 3) }, 'gateway prediction refused by ingest validation');
      }
    } catch (error) {
      this.deps.metrics.logFailures.inc({ ...labels, reason: 'storage' });
      this.deps.logger.warn({ err: error, model: model.name, version: call.version }, 'could not log a gateway prediction');
    }
  }

  close(): Promise<void> {
    return this.outcomes.close();
  }
}
