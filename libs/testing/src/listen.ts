import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts the app's HTTP server on a free port of 127.0.0.1 and returns the port: for a test whose
 * client is Node's own `http` (a response held open, read chunk by chunk or cut off), which
 * supertest's one-shot requests cannot be. Closing the app closes the server. A failed listen rejects.
 */
export async function listenOnFreePort(app: INestApplication): Promise<number> {
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
