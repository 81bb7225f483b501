import { z } from 'zod';
import type { KafkaIngestSettings } from '../ingest/kafka/service';
import type { AlertingSettings } from './alerts';
import type { GatewaySettings } from './serving/settings';

/**
 * Vigil's configuration, parsed once at start from environment variables. This module is the
 * only reader of `process.env`; everything else receives a `Config`. Every variable is
 * documented in docs/configuration.md.
 */
const port = z.coerce
  .number({ message: 'expected a port number' })
  .int('expected an integer port')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');

const positiveInt = z.coerce.number({ message: 'expected a number' }).int('expected an integer').positive('expected a positive integer');

/** Empty strings count as unset, as shells and compose files often produce them. */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const configSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  VIGIL_DATA_DIR: z.string().min(1).default('./data'),
  CLICKHOUSE_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as http://localhost:8123' }).optional()),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a database name of letters, digits and underscores')
    .default('vigil'),
  CLICKHOUSE_CLUSTER: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'expected a cluster name of letters, digits, "_", "." and "-"')
      .optional(),
  ),
  VIGIL_ADMIN_KEY: optionalString.pipe(z.string().min(16, 'expected at least 16 characters').optional()),
  VIGIL_RATE_LIMIT_PER_KEY: z.coerce.number({ message: 'expected a number' }).min(0, 'expected 0 (no limit) or more').default(0),
  VIGIL_METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'expected at least 16 characters').optional()),
  VIGIL_MAX_BODY_BYTES: positiveInt.default(16 * 1024 * 1024),
  VIGIL_SHUTDOWN_TIMEOUT_MS: positiveInt.default(15_000),
  VIGIL_INGEST_BATCH_ROWS: positiveInt.default(20_000),
  VIGIL_INGEST_LINGER_MS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 or more').default(2),
  VIGIL_INGEST_MAX_QUEUED_ROWS: positiveInt.default(200_000),
  VIGIL_GATEWAY_TIMEOUT_MS: positiveInt.default(10_000),
  VIGIL_GATEWAY_CANARY_SHARE: z.coerce.number({ message: 'expected a number' }).min(0, 'expected a share between 0 and 1').max(1, 'expected a share between 0 and 1').default(0.1),
  VIGIL_GATEWAY_BREAKER_FAILURES: positiveInt.default(5),
  VIGIL_GATEWAY_BREAKER_COOLDOWN_MS: positiveInt.default(10_000),
  VIGIL_GATEWAY_ROUTE_CACHE_MS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 or more').default(1_000),
  VIGIL_GATEWAY_SHADOW_MAX_IN_FLIGHT: positiveInt.default(64),
  VIGIL_GATEWAY_LOG_LINGER_MS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 or more').default(200),
  VIGIL_DETECTORS: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
  VIGIL_DETECTOR_INTERVAL_MS: positiveInt.default(60_000),
  KAFKA_BROKERS: optionalString.pipe(
    z
      .string()
      .regex(/^\s*[^\s,:]+:\d+\s*(,\s*[^\s,:]+:\d+\s*)*$/, 'expected host:port[,host:port...]')
      .optional(),
  ),
  KAFKA_TOPIC: z.string().regex(/^[A-Za-z0-9._-]{1,240}$/, 'expected a Kafka topic name (letters, digits, ".", "_", "-")').default('vigil.predictions'),
  KAFKA_DLQ_TOPIC: optionalString.pipe(z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name (letters, digits, ".", "_", "-")').optional()),
  KAFKA_GROUP_ID: z.string().min(1).default('vigil'),
  KAFKA_CLIENT_ID: z.string().min(1).default('vigil'),
  KAFKA_PROJECT: z.string().min(1).default('default'),
  KAFKA_CONSUME: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
  KAFKA_COMMIT_INTERVAL_MS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 or more').default(1_000),
  KAFKA_PARTITIONS_CONCURRENTLY: positiveInt.default(4),
  KAFKA_MAX_MESSAGE_BYTES: positiveInt.default(1_000_000),
  INGEST_MODE: z.enum(['direct', 'kafka'], { message: 'expected direct or kafka' }).default('direct'),
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/, message: 'expected an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587' }).optional()),
  SMTP_FROM: z.string().min(3).default('Vigil <vigil@localhost>'),
  VIGIL_WEBHOOK_ALLOWLIST: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9.:_[\]/-]+(\s*,\s*[A-Za-z0-9.:_[\]/-]+)*$/, 'expected a comma-separated list of host names, IP addresses and CIDR ranges')
      .optional(),
  ),
  VIGIL_PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'expected the http(s) URL users reach Vigil at, such as https://vigil.example.com' }).optional()),
  VIGIL_ALERTS: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
  VIGIL_ALERT_INTERVAL_MS: positiveInt.default(15_000),
  VIGIL_ALERT_GROUP_WAIT_MS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 or more').default(30_000),
  VIGIL_ALERT_GROUP_INTERVAL_MS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 or more').default(300_000),
  VIGIL_ALERT_REPEAT_INTERVAL_MS: positiveInt.default(14_400_000),
  VIGIL_DELIVERY_TIMEOUT_MS: positiveInt.default(10_000),
  VIGIL_DELIVERY_MAX_ATTEMPTS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 (no limit) or more').default(0),
  VIGIL_DELIVERY_GIVE_UP_AFTER_MS: positiveInt.default(86_400_000),
  VIGIL_DELIVERY_BACKOFF_MS: positiveInt.default(1_000),
  VIGIL_DELIVERY_MAX_BACKOFF_MS: positiveInt.default(60_000),
  VIGIL_DELIVERY_POLL_MS: positiveInt.default(1_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalString,
  OTEL_SERVICE_NAME: z.string().default('vigil'),
}).refine((e) => e.INGEST_MODE !== 'kafka' || e.KAFKA_BROKERS !== undefined, { path: ['INGEST_MODE'], message: 'INGEST_MODE=kafka needs KAFKA_BROKERS' });

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  clickhouse: {
    /** Absent: ClickHouse runs embedded (chDB) with its data under `dataDir`. */
    url: string | undefined;
    user: string;
    password: string;
    database: string;
    cluster: string | undefined;
  };
  adminKey: string | undefined;
  /** Requests per second per API key, averaged over 10 s; 0: no limit. */
  rateLimitPerKey: number;
  /** When set, GET /metrics needs `Authorization: Bearer <token>` (its labels name every project's models). */
  metricsToken: string | undefined;
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  /** Thresholds of the batching writer (rows per insert, linger, queue bound). */
  ingest: { maxBatchRows: number; lingerMs: number; maxQueuedRows: number };
  /** The serving gateway (docs/gateway.md). */
  gateway: GatewaySettings;
  /** The detector scheduler: whether it runs, and the time between its looks. */
  detectors: { enabled: boolean; intervalMs: number };
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  telemetry: { enabled: boolean; serviceName: string };
  /** Kafka ingest; absent without `KAFKA_BROKERS`. */
  kafka: KafkaConfig | undefined;
  /** `kafka`: HTTP and OTLP ingest publish to Kafka instead of writing to ClickHouse. */
  ingestMode: 'direct' | 'kafka';
  /** Alert evaluation and delivery (docs/alerts.md). */
  alerts: AlertingSettings & { enabled: boolean };
}

/** Kafka as configured: the settings the Kafka ingest service takes (ingest/kafka/service.ts). */
export type KafkaConfig = KafkaIngestSettings;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment; throws a `ConfigError` naming every wrong variable. */
/** Host names a loopback-bound server is reached by. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Outbound targets allowed although not public, when VIGIL_WEBHOOK_ALLOWLIST is unset: a
 * server bound to loopback (the default: one person's machine, nobody else can configure it)
 * may notify receivers on the same machine; a server others can reach may not.
 */
export function defaultAllowlist(host: string): string[] {
  return LOOPBACK_HOSTS.has(host) ? ['127.0.0.0/8', '::1', 'localhost'] : [];
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const value = env[name];
        const shown = value === undefined ? 'unset' : name.includes('PASSWORD') || name.includes('KEY') || name.includes('TOKEN') || name === 'SMTP_URL' ? '(hidden)' : JSON.stringify(value);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.VIGIL_DATA_DIR,
    clickhouse: {
      url: e.CLICKHOUSE_URL,
      user: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      cluster: e.CLICKHOUSE_CLUSTER,
    },
    adminKey: e.VIGIL_ADMIN_KEY,
    metricsToken: e.VIGIL_METRICS_TOKEN,
    rateLimitPerKey: e.VIGIL_RATE_LIMIT_PER_KEY,
    maxBodyBytes: e.VIGIL_MAX_BODY_BYTES,
    shutdownTimeoutMs: e.VIGIL_SHUTDOWN_TIMEOUT_MS,
    ingest: { maxBatchRows: e.VIGIL_INGEST_BATCH_ROWS, lingerMs: e.VIGIL_INGEST_LINGER_MS, maxQueuedRows: e.VIGIL_INGEST_MAX_QUEUED_ROWS },
    gateway: {
      timeoutMs: e.VIGIL_GATEWAY_TIMEOUT_MS,
      canaryShare: e.VIGIL_GATEWAY_CANARY_SHARE,
      breakerFailures: e.VIGIL_GATEWAY_BREAKER_FAILURES,
      breakerCooldownMs: e.VIGIL_GATEWAY_BREAKER_COOLDOWN_MS,
      routeCacheMs: e.VIGIL_GATEWAY_ROUTE_CACHE_MS,
      shadowMaxInFlight: e.VIGIL_GATEWAY_SHADOW_MAX_IN_FLIGHT,
      logLingerMs: e.VIGIL_GATEWAY_LOG_LINGER_MS,
    },
    detectors: { enabled: e.VIGIL_DETECTORS === 'on', intervalMs: e.VIGIL_DETECTOR_INTERVAL_MS },
    logLevel: e.LOG_LEVEL,
    telemetry: {
      enabled: Boolean(e.OTEL_EXPORTER_OTLP_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
      serviceName: e.OTEL_SERVICE_NAME,
    },
    kafka:
      e.KAFKA_BROKERS === undefined
        ? undefined
        : {
            brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
            clientId: e.KAFKA_CLIENT_ID,
            topic: e.KAFKA_TOPIC,
            deadLetterTopic: e.KAFKA_DLQ_TOPIC ?? `${e.KAFKA_TOPIC}.dlq`,
            groupId: e.KAFKA_GROUP_ID,
            project: e.KAFKA_PROJECT,
            consume: e.KAFKA_CONSUME === 'on',
            commitIntervalMs: e.KAFKA_COMMIT_INTERVAL_MS,
            partitionsConcurrently: e.KAFKA_PARTITIONS_CONCURRENTLY,
            maxMessageBytes: e.KAFKA_MAX_MESSAGE_BYTES,
          },
    ingestMode: e.INGEST_MODE,
    alerts: {
      enabled: e.VIGIL_ALERTS === 'on',
      smtpUrl: e.SMTP_URL,
      smtpFrom: e.SMTP_FROM,
      webhookAllowlist:
        e.VIGIL_WEBHOOK_ALLOWLIST === undefined
          ? defaultAllowlist(e.HOST)
          : e.VIGIL_WEBHOOK_ALLOWLIST === 'none'
            ? []
            : e.VIGIL_WEBHOOK_ALLOWLIST.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''),
      publicUrl: e.VIGIL_PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST}:${e.PORT}`,
      evaluatorIntervalMs: e.VIGIL_ALERT_INTERVAL_MS,
      timing: { groupWaitMs: e.VIGIL_ALERT_GROUP_WAIT_MS, groupIntervalMs: e.VIGIL_ALERT_GROUP_INTERVAL_MS, repeatIntervalMs: e.VIGIL_ALERT_REPEAT_INTERVAL_MS },
      retry: { maxAttempts: e.VIGIL_DELIVERY_MAX_ATTEMPTS, giveUpAfterMs: e.VIGIL_DELIVERY_GIVE_UP_AFTER_MS, baseDelayMs: e.VIGIL_DELIVERY_BACKOFF_MS, maxDelayMs: e.VIGIL_DELIVERY_MAX_BACKOFF_MS },
      deliveryTimeoutMs: e.VIGIL_DELIVERY_TIMEOUT_MS,
      deliveryPollMs: e.VIGIL_DELIVERY_POLL_MS,
    },
  };
}
