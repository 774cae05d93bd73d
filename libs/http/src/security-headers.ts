import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet's default headers, less `upgrade-insecure-requests` in the Content-Security-Policy: over plain
 * HTTP on a host other than localhost (a LAN address, a staging box) it would make the browser ask for
 * the web app's scripts over HTTPS and show a blank page. HSTS still upgrades once HTTPS is in use.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

/**
 * The headers helmet sets with `options`, worked out once: with no directive given as a function (a
 * nonce), they are the same on every answer, so an answer copies them instead of running helmet (issue
 * 17: @fastify/helmet ran helmet's option parsing again on every request). Helmet's removal of
 * `X-Powered-By` has nothing to remove on Fastify, which never sets it.
 */
export function helmetHeaders(
  options: HelmetOptions = HELMET_OPTIONS,
): ReadonlyArray<readonly [string, string]> {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.push([name, String(value)]);
    },
    removeHeader() {
      // Only X-Powered-By, see above.
    },
  };
  let finished = false;
  // Options helmet refuses throw from `helmet(options)` itself: the app does not start.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    finished = true;
  });
  // Helmet 8 runs its parts synchronously; a version that did not would leave headers unset.
  if (!finished)
    throw new Error('helmet did not finish synchronously: its headers cannot be worked out once');
  return headers;
}
