import type { Server } from 'node:http';

/** How long the API waits for requests in flight on SIGTERM (below compose's 10 s before a kill). */
export const HTTP_DRAIN_DEADLINE_MS = 8_000;

/**
 * Closes an HTTP server within `deadlineMs` (issue 12, item 10): no new connections; requests in
 * flight are answered, each with `Connection: close` so a keep-alive client takes its next request
 * elsewhere instead of being served on; idle keep-alive connections are closed at once and as they
 * fall idle; whatever is still open at the deadline is cut. Resolves once the server is closed,
 * saying whether the deadline had to cut connections.
 */
export function drainHttpServer(
  server: Server,
  deadlineMs = HTTP_DRAIN_DEADLINE_MS,
): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    let forced = false;
    const closeOnAnswer = (
      _request: unknown,
      response: { headersSent: boolean; setHeader(n: string, v: string): void },
    ): void => {
      if (!response.headersSent) response.setHeader('connection', 'close');
    };
    server.prependListener('request', closeOnAnswer);
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, deadlineMs);
    idle.unref();
    deadline.unref();
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      server.off('request', closeOnAnswer);
      resolve({ forced });
    });
    server.closeIdleConnections();
  });
}
