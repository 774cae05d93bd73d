import { ConfigModule } from '@app/config';
import { LoggingModule } from '@app/core';
import { Controller, Delete, Module, Param, ParseIntPipe, Post, type INestApplication } from '@nestjs/common';
import { createHttpAdapter, initHttpApp } from '@app/http';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureApi } from '../apps/api/src/configure-api';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Routes that exist only in this test and skip the checks a service should make, so that the real
 * PostgreSQL refuses a foreign key: the error filter's backstop must answer it as the caller's
 * mistake in the DESIGN §6 shape, never 500 (issue 12).
 */
@Controller('probe')
class ForeignKeyProbeController {
  constructor(private readonly db: DataSource) {}

  @Post('children/:parentId')
  async addChild(@Param('parentId', ParseIntPipe) parentId: number): Promise<{ ok: true }> {
    await this.db.query('INSERT INTO probe_children (parent_id) VALUES ($1)', [parentId]);
    return { ok: true };
  }

  @Delete('parents/:id')
  async removeParent(@Param('id', ParseIntPipe) id: number): Promise<{ ok: true }> {
    await this.db.query('DELETE FROM probe_parents WHERE id = $1', [id]);
    return { ok: true };
  }
}

const errorShape = (statusCode: number, code: string) => ({
  statusCode,
  code,
  message: expect.any(String),
  requestId: expect.stringMatching(/^[A-Za-z0-9._-]{8,64}$/),
});

describe('database refusals through the error filter', () => {
  let t: TestApp;
  let probe: INestApplication;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const db = t.app.get(DataSource);
    await db.query('CREATE TABLE probe_parents (id int PRIMARY KEY)');
    await db.query(
      'CREATE TABLE probe_children (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES probe_parents (id))',
    );
    await db.query('INSERT INTO probe_parents (id) VALUES (1)');
    await db.query('INSERT INTO probe_children (parent_id) VALUES (1)');

    @Module({ controllers: [ForeignKeyProbeController], providers: [{ provide: DataSource, useValue: db }] })
    class ProbeModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(t.config), LoggingModule, ProbeModule],
    }).compile();
    probe = moduleRef.createNestApplication(createHttpAdapter(), { bufferLogs: true });
    configureApi(probe);
    await initHttpApp(probe);
  });
  afterAll(async () => {
    await probe?.close();
    await t?.close();
  });

  it('answers a reference to a row that does not exist (23503) with 404, not 500', async () => {
    const res = await request(probe.getHttpServer()).post('/api/probe/children/4242').expect(404);
    expect(res.body).toEqual(errorShape(404, 'NOT_FOUND'));
    expect(JSON.stringify(res.body)).not.toContain('4242');
  });

  it('answers removing a row still referenced (23503) with 409, not 500', async () => {
    const res = await request(probe.getHttpServer()).delete('/api/probe/parents/1').expect(409);
    expect(res.body).toEqual(errorShape(409, 'CONFLICT'));
    const rows = await t.app
      .get(DataSource)
      .query<{ count: number }[]>('SELECT count(*)::int AS count FROM probe_parents');
    expect(rows).toEqual([{ count: 1 }]);
  });
});
