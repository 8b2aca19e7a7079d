import type { Server } from 'node:http';

/**
 * Stops accepting connections and lets the requests in flight finish, for at most `graceMs`;
 * then cuts whatever is still open. Resolves with whether anything had to be cut.
 *
 * Node's close() drops only the keep-alive connections idle at that moment. A connection whose
 * request finishes later, or whose event stream is ended meanwhile, would otherwise stay open
 * until its keep-alive timeout (5 s) and hold close() with it.
 */
export function closeServer(server: Server, graceMs: number): Promise<{ cut: boolean }> {
  return new Promise((resolve) => {
    let cut = false;
    // A request that still arrives on an open connection gets its answer, then the connection ends.
    server.on('request', (_req, res) => {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    });
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      cut = true;
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ cut });
    });
  });
}
