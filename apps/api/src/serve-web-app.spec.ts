import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { createHttpAdapter, initHttpApp, routeTemplateOf, type HttpApp } from '@app/http';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { serveWebApp } from './serve-web-app';

@Controller('api/things')
class ThingsController {
  @Get()
  list(): string[] {
    return ['a'];
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('serveWebApp', () => {
  let dir: string;
  let app: INestApplication;
  const html = 'text/html,application/xhtml+xml';
  /** The metrics' route label of each path asked for. */
  const routeLabels = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'web-app-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>the web app</title>');
    writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    app = await NestFactory.create(ThingsModule, createHttpAdapter(), { logger: false });
    (app as HttpApp)
      .getHttpAdapter()
      .getInstance()
      .addHook('onResponse', (req, _reply, done) => {
        routeLabels.set(req.url, routeTemplateOf(req));
        done();
      });
    expect(serveWebApp(app, dir)).toBe(true);
    await initHttpApp(app);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for the app’s own pages (the browser routes them)', async () => {
    for (const page of ['/', '/coach/families', '/family']) {
      const res = await request(app.getHttpServer()).get(page).set('accept', html).expect(200);
      expect(res.text).toContain('the web app');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves built assets with a long cache', async () => {
    const res = await request(app.getHttpServer()).get('/assets/index-abc.js').expect(200);
    expect(res.text).toBe('console.log(1)');
    expect(res.headers['cache-control']).toContain('immutable');
    // Timed under one label, as an unknown path is: not a series per file of each build.
    expect(routeLabels.get('/assets/index-abc.js')).toBe('unmatched');
    await request(app.getHttpServer()).get('/api/things').expect(200);
    expect(routeLabels.get('/api/things')).toBe('/api/things');
  });

  it('leaves the API, its documentation and the health checks alone', async () => {
    await request(app.getHttpServer()).get('/api/things').set('accept', html).expect(200, ['a']);
    const missing = await request(app.getHttpServer()).get('/api/no-such-thing').set('accept', html);
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('the web app');
    for (const p of ['/health', '/docs', '/docs-json']) {
      const res = await request(app.getHttpServer()).get(p).set('accept', html);
      expect(res.text).not.toContain('the web app');
    }
  });

  it('answers API clients (no text/html) with the 404, not the page', async () => {
    const res = await request(app.getHttpServer()).get('/no-such-page').set('accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('the web app');
  });

  it('does nothing when the web app is not built', () => {
    expect(serveWebApp(app, null)).toBe(false);
  });
});
