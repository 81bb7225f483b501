import { describe, expect, it } from 'vitest';
import { judgeFlatness, median, slope, type SoakSample } from './verdict';

const MIB = 1024 * 1024;

/** A 30-minute run sampled every 10 s, RSS and fds from the given functions of time (s). */
function run(rssMib: (t: number) => number, fds: (t: number) => number = () => 40, heapMib: (t: number) => number = () => 60, seconds = 1800, every = 10, threads: (t: number) => number = () => 20, procfs: (t: number) => number = () => 45): SoakSample[] {
  return Array.from({ length: seconds / every + 1 }, (_, i) => {
    const t = i * every;
    return { atS: t, rssBytes: rssMib(t) * MIB, openFds: fds(t) + procfs(t), fdKinds: { sockets: 5, pipes: 0, files: fds(t) - 5, procfs: procfs(t), anon: 0 }, threads: threads(t), heapUsedBytes: heapMib(t) * MIB, dataDirBytes: 0, loadAverage1m: 1, requests: i * 100, unexpected: 0 };
  });
}

describe('judgeFlatness', () => {
  const cases: { name: string; samples: SoakSample[]; flat: boolean; failed: string[] }[] = [
    { name: 'flat after a steep warm-up', samples: run((t) => (t < 200 ? 100 + t : 300 + (t % 30))), flat: true, failed: [] },
    { name: 'a sawtooth of garbage collections', samples: run((t) => 300 + ((t / 10) % 6) * 5, undefined, (t) => 50 + ((t / 10) % 4) * 10), flat: true, failed: [] },
    { name: 'a leak of 40 MiB an hour on 300 MiB', samples: run((t) => 300 + (40 * t) / 3600), flat: false, failed: ['rss-slope'] },
    { name: 'RSS up 20 % between reference and end', samples: run((t) => (t < 1400 ? 300 : 360)), flat: false, failed: ['rss', 'rss-slope'] },
    { name: 'a descriptor leak', samples: run(() => 300, (t) => 40 + Math.floor(t / 60)), flat: false, failed: ['fds'] },
    { name: 'a heap leak', samples: run(() => 300, undefined, (t) => 60 + t / 20), flat: false, failed: ['heap'] },
    { name: 'ClickHouse threads opening their /proc files one by one', samples: run(() => 300, undefined, undefined, 1800, 10, () => 160, (t) => Math.min(480, 300 + t / 10)), flat: true, failed: [] },
    { name: 'a thread leak', samples: run(() => 300, undefined, undefined, 1800, 10, (t) => 40 + Math.floor(t / 60)), flat: false, failed: ['threads'] },
    { name: '/proc files kept after their threads', samples: run(() => 300, undefined, undefined, 1800, 10, () => 30, (t) => 60 + Math.floor(t / 20)), flat: false, failed: ['proc-fds'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const verdict = judgeFlatness(c.samples);
      expect(verdict.judged).toBe(true);
      expect(verdict.flat).toBe(c.flat);
      expect(verdict.checks.filter((x) => !x.pass).map((x) => x.name)).toEqual(c.failed);
    });
  }

  it('judges the heap a full collection leaves, when the run recorded it, not the heap in use', () => {
    // Heap in use swings from 60 to 200 MiB as garbage piles up between collections; the live heap stays 55 MiB.
    const swinging = run(() => 300, undefined, (t) => (t < 1400 ? 60 : 200)).map((s) => ({ ...s, heapAfterGcBytes: 55 * MIB }));
    const verdict = judgeFlatness(swinging);
    expect(verdict.flat).toBe(true);
    expect(verdict.checks.find((c) => c.name === 'heap')).toMatchObject({ reference: 55, end: 55, pass: true });
    const leaking = swinging.map((s) => ({ ...s, heapAfterGcBytes: (55 + s.atS / 30) * MIB }));
    expect(judgeFlatness(leaking).checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['heap']);
    // Samples before the first full collection have none to report.
    expect(judgeFlatness(swinging.map((s, i) => ({ ...s, heapAfterGcBytes: i < 5 ? null : s.heapAfterGcBytes }))).flat).toBe(true);
  });

  it('computes but does not judge a 20-second run', () => {
    const verdict = judgeFlatness(run(() => 300, undefined, undefined, 20, 1));
    expect(verdict.judged).toBe(false);
    expect(verdict.checks.map((c) => c.name)).toEqual(['rss', 'heap', 'threads', 'fds', 'proc-fds', 'rss-slope']);
    expect(verdict.reason).toMatch(/too short/);
  });

  it('says so when there are too few samples for the windows', () => {
    expect(judgeFlatness([])).toMatchObject({ judged: false, flat: false, checks: [] });
  });
});

describe('slope and median', () => {
  it('fit a line and find the middle', () => {
    expect(slope([0, 1, 2], [1, 3, 5])).toBe(2);
    expect(slope([1], [1])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
