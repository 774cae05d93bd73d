import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Paths the web app never answers: the API, its documentation, the health checks and the metrics. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|metrics)(\/|$)/;

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
export function serveWebApp(app: INestApplication, dir: string | null = findWebAppDir()): boolean {
  if (dir === null) return false;
  const express = app as NestExpressApplication;
  const index = path.join(dir, 'index.html');
  express.useStaticAssets(dir, {
    index: false,
    setHeaders: (res: Response, file: string) => {
      // Vite gives built assets content-hashed names: they never change.
      const immutable = file.startsWith(path.join(dir, 'assets') + path.sep);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  express.use((req: Request, res: Response, next: NextFunction) => {
    // Only a browser's page request (it names text/html): API clients keep the JSON 404.
    const wantsPage =
      (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
    if (!wantsPage || SERVER_PATHS.test(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
