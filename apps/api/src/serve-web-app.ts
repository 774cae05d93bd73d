import type { HttpApp } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import type {} from '@fastify/static'; // reply.sendFile
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Paths the web app never answers: the API, its documentation, the health checks and the metrics. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|metrics)(\/|\?|$)/;

/** The project root: the nearest folder above this file that holds a package.json. */
function projectRoot(from: string): string | null {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Where `npm run build:web` puts the web app (dist/web), when it has been built. */
export function findWebAppDir(): string | null {
  const root = projectRoot(__dirname);
  if (root === null) return null;
  const dir = path.join(root, 'dist', 'web');
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

/**
 * Serves the built web app at `/`: its files, and index.html for any other page a browser asks for
 * (the app routes in the browser). The API stays under /api: its unknown routes still answer the
 * JSON 404. Returns whether the app was found.
 */
export function serveWebApp(nestApp: INestApplication, dir: string | null = findWebAppDir()): boolean {
  if (dir === null) return false;
  const app = nestApp as HttpApp;
  const assets = path.join(dir, 'assets') + path.sep;
  // One route per file of the build (`wildcard: false`), so that any other path is no route's and
  // reaches the fallback below or the JSON 404.
  void app.useStaticAssets({
    root: dir,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res: { setHeader(name: string, value: string): unknown }, file: string) => {
      // Vite gives built assets content-hashed names: they never change.
      res.setHeader(
        'Cache-Control',
        file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      // Only a browser's page request (it names text/html) no route answers: API clients keep the JSON 404.
      const wantsPage =
        request.is404 &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        (request.headers.accept ?? '').includes('text/html') &&
        !SERVER_PATHS.test(request.url);
      if (!wantsPage) {
        done();
        return;
      }
      void reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
  return true;
}
