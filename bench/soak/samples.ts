/**
 * One look at the server process, as the kernel and the server itself report it: resident
 * memory and threads from /proc/<pid>/status, open descriptors from /proc/<pid>/fd, the V8 heap
 * from its own /metrics (prom-client's default metrics) and from its `--trace-gc` lines, and the
 * size of its data directory.
 */
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { RequestLedger } from './requests';
import type { SoakSample } from './verdict';

function statusField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
  if (match === null) throw new Error(`no ${field} in /proc/<pid>/status`);
  return Number(match[1]);
}

/** Bytes of every file under `dir`; files that vanish while it looks (merged parts) count 0. */
export function directoryBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    try {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat === undefined) continue;
      total += stat.isDirectory() ? directoryBytes(path) : stat.size;
    } catch {
      // gone between the listing and the look
    }
  }
  return total;
}

/**
 * What the open descriptors of process `pid` point at: sockets, pipes, anonymous inodes
 * (eventfd, epoll, ...), files under /proc (ClickHouse keeps three per thread it has run a query
 * on, for its per-thread counters: they follow its thread pools) and other files.
 */
export function descriptorKinds(pid: number): SoakSample['fdKinds'] {
  const kinds = { sockets: 0, pipes: 0, files: 0, procfs: 0, anon: 0 };
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed between the listing and the look
    }
    if (target.startsWith('socket:')) kinds.sockets++;
    else if (target.startsWith('pipe:')) kinds.pipes++;
    else if (target.startsWith('anon_inode:')) kinds.anon++;
    else if (target.startsWith('/proc/')) kinds.procfs++;
    else kinds.files++;
  }
  return kinds;
}

/**
 * `--trace-gc`'s line for a full collection, with the isolate it ran in:
 * `[4351:0x13ae1ec0]  330 ms: Mark-Compact 120.5 (135.2) -> 80.1 (130.0) MB, ...`.
 */
const FULL_GC = /^\[\d+:(0x[0-9a-f]+)\].*Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;

/**
 * Records in `latest` (isolate -> bytes) the heap each isolate's last full collection among
 * `lines` left. The server has more than one isolate: tsx's module loader runs in a worker of
 * its own, with a heap of a few MiB.
 */
export function recordFullGcs(lines: readonly string[], latest: Map<string, number>): void {
  for (const line of lines) {
    const match = FULL_GC.exec(line);
    if (match !== null) latest.set(match[1]!, Number(match[2]) * 1024 * 1024);
  }
}

/** The main isolate's heap after its last full collection: the largest of the isolates'. */
export function liveHeap(latest: ReadonlyMap<string, number>): number | null {
  return latest.size === 0 ? null : Math.max(...latest.values());
}

/** Samples process `pid`; `atS` and the request counts are the caller's. */
export async function sampleServer(pid: number, dataDir: string, metricsUrl: string, ledger: RequestLedger): Promise<Omit<SoakSample, 'atS' | 'requests' | 'unexpected'>> {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const fdKinds = descriptorKinds(pid);
  const openFds = fdKinds.sockets + fdKinds.pipes + fdKinds.files + fdKinds.procfs + fdKinds.anon;
  const metrics = await ledger.send('metrics', metricsUrl, {});
  const heap = metrics === undefined ? null : /^vigil_nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics.text);
  return {
    rssBytes: statusField(status, 'VmRSS') * 1024,
    threads: statusField(status, 'Threads'),
    openFds,
    fdKinds,
    heapUsedBytes: heap === null ? null : Number(heap[1]),
    dataDirBytes: directoryBytes(dataDir),
    loadAverage1m: loadavg()[0]!,
  };
}
