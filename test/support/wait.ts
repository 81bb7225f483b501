/**
 * Polls `probe` until it answers a value (anything but undefined or false) and resolves with
 * it; after `timeoutMs` fails naming `what`, with `context()` (say, the server's last log lines).
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  options: { timeoutMs?: number; everyMs?: number; context?: () => string } = {},
): Promise<T> {
  const { timeoutMs = 30_000, everyMs = 100, context } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${context ? `\n${context()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
