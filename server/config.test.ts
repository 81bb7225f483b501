import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to embedded storage on 127.0.0.1:8080 with data in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: './data', clickhouse: { url: undefined, database: 'vigil', cluster: undefined }, adminKey: undefined });
    expect(config.telemetry.enabled).toBe(false);
  });

  it('reads a ClickHouse server, a cluster and tracing', () => {
    const config = loadConfig({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_USER: 'vigil', CLICKHOUSE_PASSWORD: 'pw', CLICKHOUSE_CLUSTER: 'prod', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318', PORT: '9000' });
    expect(config.clickhouse).toEqual({ url: 'http://ch:8123', user: 'vigil', password: 'pw', database: 'vigil', cluster: 'prod' });
    expect(config.port).toBe(9000);
    expect(config.telemetry.enabled).toBe(true);
  });

  it('lets a loopback-bound server reach receivers on its own machine, and nothing private otherwise', () => {
    expect(loadConfig({}).alerts.webhookAllowlist).toEqual(['127.0.0.0/8', '::1', 'localhost']);
    expect(loadConfig({ HOST: 'localhost' }).alerts.webhookAllowlist).toEqual(['127.0.0.0/8', '::1', 'localhost']);
    expect(loadConfig({ HOST: '0.0.0.0' }).alerts.webhookAllowlist).toEqual([]);
    expect(loadConfig({ HOST: '10.1.2.3' }).alerts.webhookAllowlist).toEqual([]);
    expect(loadConfig({ VIGIL_WEBHOOK_ALLOWLIST: 'none' }).alerts.webhookAllowlist).toEqual([]);
    expect(loadConfig({ HOST: '0.0.0.0', VIGIL_WEBHOOK_ALLOWLIST: '10.0.0.0/8, hooks.internal' }).alerts.webhookAllowlist).toEqual(['10.0.0.0/8', 'hooks.internal']);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ CLICKHOUSE_URL: '', CLICKHOUSE_CLUSTER: '', VIGIL_ADMIN_KEY: '' }).clickhouse.url).toBeUndefined();
  });

  const wrong: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'http' }, /PORT="http": expected a port number/],
    ['a port out of range', { PORT: '70000' }, /PORT="70000": expected a port between 0 and 65535/],
    ['a ClickHouse URL that is not a URL', { CLICKHOUSE_URL: 'clickhouse:8123x y' }, /CLICKHOUSE_URL=.*expected an http\(s\) URL/],
    ['a database name with SQL in it', { CLICKHOUSE_DATABASE: 'vigil; DROP' }, /CLICKHOUSE_DATABASE=.*letters, digits and underscores/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
  ];
  it.each(wrong)('names the variable for %s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every wrong variable at once and never echoes a secret', () => {
    try {
      loadConfig({ PORT: 'x', VIGIL_ADMIN_KEY: 'short-secret' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
      expect((error as Error).message).toContain('VIGIL_ADMIN_KEY=(hidden)');
      expect((error as Error).message).not.toContain('short-secret');
    }
  });
});
