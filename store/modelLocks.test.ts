import { describe, expect, it } from 'vitest';
import { ModelLocks } from './modelLocks';

describe('ModelLocks', () => {
  it('runs changes of one model one after another, and of different models side by side', async () => {
    const locks = new ModelLocks();
    const log: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = locks.run('p', 'm', async () => {
      log.push('first start');
      await gate;
      log.push('first end');
    });
    const second = locks.run('p', 'm', async () => void log.push('second'));
    await locks.run('p', 'other', async () => void log.push('other model'));
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['first start', 'other model', 'first end', 'second']);
  });

  it('keeps going after a failed change', async () => {
    const locks = new ModelLocks();
    await expect(locks.run('p', 'm', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locks.run('p', 'm', async () => 42)).toBe(42);
  });
});
