import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago: for a server a test starts later on a known
 * address (a restart on the same port, a receiver that is down before it is up).
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
