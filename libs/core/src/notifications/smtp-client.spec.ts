import { TestSmtpServer } from '@app/testing';
import { createServer, type Server } from 'node:net';
import { SmtpClient, SmtpError } from './smtp-client';

describe('SmtpClient', () => {
  let server: TestSmtpServer;

  beforeEach(async () => {
    server = await TestSmtpServer.start();
  });
  afterEach(() => server.close());

  it('delivers a plain-text message: envelope, headers and a dot-stuffed body', async () => {
    await new SmtpClient(server.url).send({
      from: 'no-reply@family-link.local',
      to: 'coach@example.org',
      subject: 'Family Link: A check-in is due\r\nBcc: someone@evil.example',
      text: 'Line one\n.starts with a dot\nÜnïcode ok',
    });
    expect(server.messages).toHaveLength(1);
    const [message] = server.messages;
    expect(message.from).toBe('no-reply@family-link.local');
    expect(message.to).toEqual(['coach@example.org']);
    const [head, body] = message.data.split('\r\n\r\n');
    expect(head).toContain('Subject: Family Link: A check-in is dueBcc: someone@evil.example');
    expect(head.split('\r\n').filter((line) => line.startsWith('Bcc'))).toEqual([]);
    expect(head).toContain('To: coach@example.org');
    expect(head).toContain('Content-Type: text/plain; charset=utf-8');
    expect(body).toBe('Line one\r\n.starts with a dot\r\nÜnïcode ok');
  });

  it('dot-stuffs on the wire: a line that is only a dot does not end the message early', async () => {
    await new SmtpClient(server.url).send({
      from: 'no-reply@family-link.local',
      to: 'coach@example.org',
      subject: 'x',
      text: 'Before\n.\n..two\nAfter\r\n.',
    });
    expect(server.messages).toHaveLength(1);
    const [message] = server.messages;
    // Every line starting with a dot went out with one more; the message still ends with "After".
    const rawBody = message.raw.split('\r\n\r\n').slice(1).join('\r\n\r\n');
    expect(rawBody).toBe('Before\r\n..\r\n...two\r\nAfter\r\n..');
    expect(message.data.split('\r\n\r\n')[1]).toBe('Before\r\n.\r\n..two\r\nAfter\r\n.');
  });

  it('fails with the server’s code when a command is refused', async () => {
    server.rejectNext(550);
    const sending = new SmtpClient(server.url).send({
      from: 'no-reply@family-link.local',
      to: 'coach@example.org',
      subject: 'x',
      text: 'y',
    });
    await expect(sending).rejects.toEqual(expect.objectContaining({ name: 'SmtpError', replyCode: 550 }));
    expect(server.messages).toEqual([]);
  });

  it('refuses an address that could smuggle commands', async () => {
    await expect(
      new SmtpClient(server.url).send({
        from: 'a@b.c>\r\nRCPT TO:<x@y.z',
        to: 'coach@example.org',
        subject: 'x',
        text: 'y',
      }),
    ).rejects.toBeInstanceOf(SmtpError);
  });

  it('times out on a server that never answers, and fails on one that is not there', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(
        new SmtpClient(`smtp://127.0.0.1:${port}`, 200).send({
          from: 'a@b.c',
          to: 'd@e.f',
          subject: 'x',
          text: 'y',
        }),
      ).rejects.toThrow(/Timed out/);
    } finally {
      await new Promise<void>((resolve) => {
        silent.close(() => resolve());
        // The client destroys its socket on failure, so close() completes.
      });
    }
    await expect(
      new SmtpClient(`smtp://127.0.0.1:${port}`, 500).send({
        from: 'a@b.c',
        to: 'd@e.f',
        subject: 'x',
        text: 'y',
      }),
    ).rejects.toThrow(/Connection failed|Timed out/);
  });
});
