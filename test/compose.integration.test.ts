import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is validated the way the
 * design asks: `docker-compose config` from Debian's package, which .ci/run installs.
 */
describe('docker-compose.yml', () => {
  it('passes `docker-compose config`', () => {
    const result = spawnSync('docker-compose', ['config', '-q'], { cwd: ROOT, encoding: 'utf8' });
    if (result.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${result.error.message}`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('wires Vigil to ClickHouse, Kafka and the SMTP catcher by environment variables', () => {
    const services = execFileSync('docker-compose', ['config', '--services'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').sort();
    expect(services).toEqual(['clickhouse', 'kafka', 'smtp', 'vigil']);
    const resolved = execFileSync('docker-compose', ['config'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VIGIL_ADMIN_KEY: 'compose-test-admin-key' } });
    expect(resolved).toMatch(/CLICKHOUSE_URL: http:\/\/clickhouse:8123/);
    expect(resolved).toMatch(/HOST: 0\.0\.0\.0/);
    expect(resolved).toMatch(/KAFKA_BROKERS: kafka:9092/);
    expect(resolved).toMatch(/SMTP_URL: smtp:\/\/smtp:1025/);
    expect(resolved).toMatch(/VIGIL_ADMIN_KEY: compose-test-admin-key/);
  });
});
