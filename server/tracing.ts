import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

/**
 * Vigil traces itself with OpenTelemetry only when an OTLP endpoint is configured
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; the exporter reads
 * them, and the other standard `OTEL_*` variables, itself). Otherwise the API's no-op tracer
 * stays in place and spans cost nothing. Returns the function that flushes and stops it.
 */
export function startTracing(options: { enabled: boolean; serviceName: string }): () => Promise<void> {
  if (!options.enabled) return async () => {};
  const sdk = new NodeSDK({ serviceName: options.serviceName, traceExporter: new OTLPTraceExporter(), instrumentations: [] });
  sdk.start();
  return () => sdk.shutdown();
}

const tracer = trace.getTracer('vigil.http');

/** One server span per request, named by route pattern, continuing the caller's W3C trace context. */
export function httpTracing(): MiddlewareHandler {
  return async (c, next) => {
    const parent = propagation.extract(context.active(), Object.fromEntries(c.req.raw.headers));
    const span = tracer.startSpan(`${c.req.method} ${c.req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path } }, parent);
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const pattern = routePath(c);
      if (!pattern.includes('*')) {
        span.updateName(`${c.req.method} ${pattern}`);
        span.setAttribute('http.route', pattern);
      }
      span.setAttribute('http.response.status_code', c.res.status);
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
