import { describe, expect, it, vi } from 'vitest';
import { PeriodicJob } from './periodicJob';

/** A run that waits until released, to observe overlap. */
function gatedRun() {
  const releases: (() => void)[] = [];
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    release: () => releases.shift()?.(),
    run: () => {
      runs += 1;
      return new Promise<number>((resolve) => releases.push(() => resolve(runs)));
    },
  };
}

describe('PeriodicJob', () => {
  it('never overlaps itself: a tick during a run shares that run', async () => {
    const gate = gatedRun();
    const job = new PeriodicJob(gate.run, { intervalMs: 60_000, onError: () => {} });
    const first = job.tick();
    const second = job.tick();
    expect(gate.runs).toBe(1);
    gate.release();
    expect(await first).toBe(1);
    expect(await second).toBe(1);
  });

  it('a wake during a run runs once more right after it', async () => {
    const gate = gatedRun();
    const job = new PeriodicJob(gate.run, { intervalMs: 60_000, onError: () => {} });
    const first = job.tick();
    job.wake();
    job.wake();
    gate.release();
    await first;
    await vi.waitFor(() => expect(gate.runs).toBe(2));
    gate.release();
  });

  it('stop waits for the run in flight and prevents new runs', async () => {
    const gate = gatedRun();
    const job = new PeriodicJob(gate.run, { intervalMs: 60_000, onError: () => {} });
    void job.tick();
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    expect(job.stopped).toBe(true);
    gate.release();
    await stopping;
    job.wake();
    job.start();
    expect(gate.runs).toBe(1);
  });

  it('reports a failed run and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const job = new PeriodicJob(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('storage down');
        return calls;
      },
      { intervalMs: 60_000, onError: (e) => errors.push(e) },
    );
    job.wake();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(await job.tick()).toBe(2);
  });

  it('runs on its interval once started', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const job = new PeriodicJob(async () => (calls += 1), { intervalMs: 1000, onError: () => {} });
      job.start();
      expect(calls).toBe(0);
      await vi.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(3);
      await job.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
