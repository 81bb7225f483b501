import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

/** Where Vigil's Kafka clients connect (see docs/configuration.md, KAFKA_*). */
export interface KafkaConnection {
  brokers: string[];
  clientId: string;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * A kafkajs client logging through pino. kafkajs reports retriable trouble (a broker restart,
 * a rebalance) at ERROR while it recovers on its own, so its messages are logged one level
 * lower; Vigil logs what it decides itself.
 */
export function createKafka({ brokers, clientId }: KafkaConnection, logger: Logger): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
    // Brokers restart; keep trying for about a minute before kafkajs gives up and restarts the consumer.
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 10 },
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...rest } = entry;
        const name = LEVELS[level] ?? 'info';
        log[name === 'error' ? 'warn' : name === 'info' ? 'debug' : name](rest, message);
      },
  });
}

/** Readiness of the cluster: it answers a metadata request within `timeoutMs`. */
export async function clusterReachable(admin: Admin, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([admin.describeCluster().then((cluster) => cluster.brokers.length > 0), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
