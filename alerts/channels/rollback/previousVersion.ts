/** One move of an alias, from the registry's audit log, oldest first. */
export interface AliasMove {
  /** The version the alias pointed at after the move; null when it was deleted. */
  to: string | null;
}

/**
 * The version to roll an alias back to, from its history: the versions it was moved forward
 * through, as a stack. Moving to a version already on the stack (a rollback, by Vigil or by
 * hand) goes back down to it; moving to any other version pushes it; deleting the alias clears
 * the stack. The answer is the version under the top, or null when there is none: rolling
 * back twice from 3 (after 1 → 2 → 3) gives 2, then 1, never 3 again.
 *
 * @example previousVersion([{ to: '1' }, { to: '2' }]) // '1'
 * @example previousVersion([{ to: '1' }, { to: '2' }, { to: '1' }]) // null
 */
export function previousVersion(moves: readonly AliasMove[]): string | null {
  const stack: string[] = [];
  for (const move of moves) {
    if (move.to === null) {
      stack.length = 0;
      continue;
    }
    const at = stack.indexOf(move.to);
    if (at >= 0) stack.length = at + 1;
    else stack.push(move.to);
  }
  return stack.length >= 2 ? (stack[stack.length - 2] ?? null) : null;
}

/**
 * Whether the rollback policy lets another rollback happen now, given the times of earlier
 * ones (ms): none within the cooldown, and fewer than `maxPerDay` in the last 24 hours.
 */
export function rollbackAllowed(previousAtMs: readonly number[], now: number, policy: { cooldownMs: number; maxPerDay: number }): { allowed: true } | { allowed: false; reason: string } {
  const last = Math.max(...previousAtMs, -Infinity);
  if (now - last < policy.cooldownMs) {
    return { allowed: false, reason: `in cooldown: the last rollback was ${Math.round((now - last) / 1000)} s ago, the cooldown is ${Math.round(policy.cooldownMs / 1000)} s` };
  }
  const today = previousAtMs.filter((at) => now - at < 86_400_000).length;
  if (today >= policy.maxPerDay) return { allowed: false, reason: `${today} rollbacks in the last 24 hours; at most ${policy.maxPerDay} are allowed` };
  return { allowed: true };
}
