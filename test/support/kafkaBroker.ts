import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { freePort } from './ports';

/**
 * A real Apache Kafka broker for tests and benchmarks: one KRaft node (broker and controller in
 * one JVM) on loopback, from the jars on Maven Central. The jars are copied once by Maven into
 * a cache (`~/.cache/vigil/kafka-<version>/libs`); `.ci/run` fills it before the tests.
 */
export const KAFKA_VERSION = '4.1.1';

const POM = fileURLToPath(new URL('./kafka/pom.xml', import.meta.url));

/** Where the broker's jars are cached; `VIGIL_KAFKA_LIBS` points elsewhere (a prepared cache). */
export function kafkaLibsDir(): string {
  return process.env.VIGIL_KAFKA_LIBS ?? join(homedir(), '.cache', 'vigil', `kafka-${KAFKA_VERSION}`, 'libs');
}

/**
 * Copies the broker's jars from Maven Central unless they are cached. Maven writes into a
 * fresh directory that is renamed into place, so test files starting at once never see half
 * a cache.
 */
export function ensureKafkaJars(): string {
  const libs = kafkaLibsDir();
  if (existsSync(join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) return libs;
  const parent = join(libs, '..');
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, 'libs-'));
  const result = spawnSync('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`], { encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not fetch the Kafka jars with Maven (exit ${result.status}):\n${result.stdout}${result.stderr}${result.error?.message ?? ''}`);
  }
  try {
    renameSync(staging, libs);
  } catch (error) {
    // Another process filled the cache first: theirs is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`))) throw error;
  }
  return libs;
}

export interface KafkaBroker {
  /** `host:port` of the broker listener, for `KAFKA_BROKERS` and kafkajs. */
  bootstrap: string;
  /** A kafkajs client on the broker (no logging). */
  client(clientId?: string): Kafka;
  /** Creates topics (idempotent) and waits for their leaders. */
  createTopic(topic: string, partitions?: number): Promise<void>;
  /** Reads a topic from the beginning until `count` messages arrived (or throws after `timeoutMs`). */
  readMessages(topic: string, count: number, timeoutMs?: number): Promise<KafkaMessage[]>;
  /** Stops the JVM (SIGTERM, then SIGKILL after a grace period); data stays for `start`. */
  stopProcess(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the JVM again on the same ports and data, resolving once it serves clients. */
  startProcess(): Promise<void>;
  /** Stops the broker for good and removes its data. */
  stop(): Promise<void>;
  /** Everything the JVM printed, for failure messages. */
  output(): string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A test process that dies (an uncaught failure, vitest tearing the fork down) takes its brokers with it. */
function killOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Starts one KRaft broker on two free loopback ports (clients, controller), with its log
 * directory in a temp dir, and resolves once a kafkajs admin can describe the cluster. One per
 * test file: a JVM start costs a few seconds.
 */
export async function startKafkaBroker(options: { timeoutMs?: number } = {}): Promise<KafkaBroker> {
  const libs = ensureKafkaJars();
  const classpath = `${libs}/*`;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-kafka-'));
  const [brokerPort, controllerPort] = [await freePort(), await freePort()];
  const bootstrap = `127.0.0.1:${brokerPort}`;
  const properties = join(dir, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://${bootstrap},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://${bootstrap}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${join(dir, 'data')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      // Tests start consumers and expect them to join at once.
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  const log4j = join(dir, 'log4j.properties');
  writeFileSync(log4j, ['log4j.rootLogger=WARN, stderr', 'log4j.appender.stderr=org.apache.log4j.ConsoleAppender', 'log4j.appender.stderr.Target=System.err', 'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout', 'log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n', ''].join('\n'));
  const jvm = ['-Xmx512m', '-Xms128m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${log4j}`, '-cp', classpath];

  // A cluster id is 16 random bytes in URL-safe base64 without padding (what `kafka-storage random-uuid` prints).
  const clusterId = randomBytes(16).toString('base64url');
  // `--cluster-id=` in one argument: a base64url id may start with '-', which the tool would
  // otherwise read as an option ("expected one argument").
  const format = spawnSync('java', [...jvm, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', properties], { encoding: 'utf8', timeout: 120_000 });
  if (format.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`kafka storage format failed (exit ${format.status}):\n${format.stdout}${format.stderr}`);
  }

  const output: string[] = [];
  let child: ChildProcess | undefined;
  const client = (clientId = 'vigil-test') => new Kafka({ clientId, brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 100 } });

  async function waitUntilServing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child === undefined || child.exitCode !== null) throw new Error(`the Kafka broker exited with ${child?.exitCode}:\n${output.join('')}`);
      const admin = client('vigil-test-probe').admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length > 0 && cluster.controller !== null) return;
      } catch {
        // not up yet
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      if (Date.now() > deadline) throw new Error(`the Kafka broker did not serve within ${timeoutMs} ms:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function startProcess(): Promise<void> {
    const started = spawn('java', [...jvm, 'kafka.Kafka', properties], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    running.add(started);
    killOnExit();
    started.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    started.once('exit', () => running.delete(started));
    try {
      await waitUntilServing(options.timeoutMs ?? 90_000);
    } catch (error) {
      await stopProcess('SIGKILL');
      throw error;
    }
  }

  async function stopProcess(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const current = child;
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill(signal);
    // A controlled shutdown takes a few seconds; past that, the test should not wait.
    const grace = setTimeout(() => current.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(grace);
  }

  await startProcess().catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });

  return {
    bootstrap,
    client,
    async createTopic(topic, partitions = 1) {
      const admin = client('vigil-test-admin').admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
    },
    async readMessages(topic, count, timeoutMs = 30_000) {
      const consumer = client('vigil-test-reader').consumer({ groupId: `vigil-test-reader-${randomBytes(6).toString('hex')}`, maxWaitTimeInMs: 100 });
      const messages: KafkaMessage[] = [];
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${messages.length} of ${count} messages on ${topic} within ${timeoutMs} ms`)), timeoutMs);
          void consumer.run({
            eachMessage: async ({ message }) => {
              messages.push(message);
              if (messages.length >= count) {
                clearTimeout(timer);
                resolve();
              }
            },
          });
        });
      } finally {
        await consumer.disconnect();
      }
      return messages;
    },
    stopProcess,
    startProcess,
    async stop() {
      await stopProcess('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => output.join(''),
  };
}

