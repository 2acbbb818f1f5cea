// A TCP port nobody is listening on, so tests and benchmarks can run beside `npm start`
// (4173) or another test run. The port is free when asked; a race with another process that
// grabs it before our server starts is possible but rare, and fails loudly (EADDRINUSE).
import { createServer } from 'node:net';

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
