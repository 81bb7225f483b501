import { z } from 'zod';

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
  VIGIL_MAX_BODY_BYTES: positiveInt.default(16 * 1024 * 1024),
  VIGIL_SHUTDOWN_TIMEOUT_MS: positiveInt.default(15_000),
  VIGIL_INGEST_BATCH_ROWS: positiveInt.default(20_000),
  VIGIL_INGEST_LINGER_MS: z.coerce.number({ message: 'expected a number' }).int('expected an integer').min(0, 'expected 0 or more').default(2),
  VIGIL_INGEST_MAX_QUEUED_ROWS: positiveInt.default(200_000),
  VIGIL_DETECTORS: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
  VIGIL_DETECTOR_INTERVAL_MS: positiveInt.default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalString,
  OTEL_SERVICE_NAME: z.string().default('vigil'),
});

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
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  /** Thresholds of the batching writer (rows per insert, linger, queue bound). */
  ingest: { maxBatchRows: number; lingerMs: number; maxQueuedRows: number };
  /** The detector scheduler: whether it runs, and the time between its looks. */
  detectors: { enabled: boolean; intervalMs: number };
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  telemetry: { enabled: boolean; serviceName: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment; throws a `ConfigError` naming every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const value = env[name];
        const shown = value === undefined ? 'unset' : name.includes('PASSWORD') || name.includes('KEY') ? '(hidden)' : JSON.stringify(value);
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
    maxBodyBytes: e.VIGIL_MAX_BODY_BYTES,
    shutdownTimeoutMs: e.VIGIL_SHUTDOWN_TIMEOUT_MS,
    ingest: { maxBatchRows: e.VIGIL_INGEST_BATCH_ROWS, lingerMs: e.VIGIL_INGEST_LINGER_MS, maxQueuedRows: e.VIGIL_INGEST_MAX_QUEUED_ROWS },
    detectors: { enabled: e.VIGIL_DETECTORS === 'on', intervalMs: e.VIGIL_DETECTOR_INTERVAL_MS },
    logLevel: e.LOG_LEVEL,
    telemetry: {
      enabled: Boolean(e.OTEL_EXPORTER_OTLP_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
      serviceName: e.OTEL_SERVICE_NAME,
    },
  };
}
