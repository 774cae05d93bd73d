import { TestSmtpServer } from '@app/testing';
import { createServer, type Server, type Socket } from 'node:net';
import { SystemClock } from '../clock';
import { SmtpClient, SmtpError, type EmailMessage } from './smtp-client';

// The Date header has whole seconds; a day back, so it is not simply "now".
const DATE = new Date(Math.floor(new SystemClock().daysFromNow(-1).getTime() / 1000) * 1000);

const message = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  from: 'no-reply@family-link.local',
  to: 'coach@example.org',
  subject: 'x',
  text: 'y',
  messageId: 'notification.1@family-link.example.org',
  date: DATE,
  ...overrides,
});

describe('SmtpClient', () => {
  let server: TestSmtpServer;

  beforeEach(async () => {
    server = await TestSmtpServer.start();
  });
  afterEach(() => server.close());

  it('delivers a plain-text message: envelope, headers (non-ASCII subject encoded, no smuggled header), body', async () => {
    await new SmtpClient(server.url).send(
      message({
        subject: 'Family Link: Ünïcode check-in is due\r\nBcc: someone@evil.example',
        text: `Line one\n.starts with a dot\nÜnïcode ok\nOpen it: https://family-link.example.org/check-ins/${'a'.repeat(36)}`,
      }),
    );
    expect(server.messages).toHaveLength(1);
    const [received] = server.messages;
    expect(received.from).toBe('no-reply@family-link.local');
    expect(received.to).toEqual(['coach@example.org']);
    expect(received.subject).toBe('Family Link: Ünïcode check-in is due Bcc: someone@evil.example');
    expect(received.headers.bcc).toBeUndefined();
    expect(received.headers.to).toBe('coach@example.org');
    expect(received.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/i);
    expect(received.messageId).toBe('<notification.1@family-link.example.org>');
    expect(new Date(received.headers.date).getTime()).toBe(DATE.getTime());
    expect(received.text.replace(/\r\n/g, '\n')).toBe(
      `Line one\n.starts with a dot\nÜnïcode ok\nOpen it: https://family-link.example.org/check-ins/${'a'.repeat(36)}`,
    );
    // Headers on the wire are ASCII only.
    expect(received.data.split('\r\n\r\n')[0]).toMatch(/^[\x20-\x7e\r\n\t]*$/);
  });

  it('a line that is only a dot does not end the message early', async () => {
    await new SmtpClient(server.url).send(message({ text: 'Before\n.\n..two\nAfter\r\n.' }));
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0].text.replace(/\r\n/g, '\n')).toBe('Before\n.\n..two\nAfter\n.');
  });

  it('fails with the server’s code when a command is refused', async () => {
    server.rejectNext(550);
    await expect(new SmtpClient(server.url).send(message())).rejects.toEqual(
      expect.objectContaining({ name: 'SmtpError', replyCode: 550 }),
    );
    server.rejectNext(451);
    await expect(new SmtpClient(server.url).send(message())).rejects.toEqual(
      expect.objectContaining({ name: 'SmtpError', replyCode: 451 }),
    );
    expect(server.messages).toEqual([]);
  });

  it('refuses an address or a Message-ID that could smuggle commands or headers', async () => {
    const client = new SmtpClient(server.url);
    await expect(client.send(message({ from: 'a@b.c>\r\nRCPT TO:<x@y.z' }))).rejects.toBeInstanceOf(
      SmtpError,
    );
    await expect(client.send(message({ messageId: 'a@b>\r\nBcc: x@y.z' }))).rejects.toBeInstanceOf(SmtpError);
    expect(server.messages).toEqual([]);
  });

  it('times out on a server that never answers, and fails on one that is not there', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(
        new SmtpClient(`smtp://127.0.0.1:${port}`, { timeoutMs: 200 }).send(message()),
      ).rejects.toBeInstanceOf(SmtpError);
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    await expect(
      new SmtpClient(`smtp://127.0.0.1:${port}`, { timeoutMs: 500 }).send(message()),
    ).rejects.toEqual(expect.objectContaining({ name: 'SmtpError', replyCode: null }));
  });

  it('authenticates over STARTTLS when the URL has credentials, and refuses a wrong password', async () => {
    const secured = await TestSmtpServer.start({ auth: { user: 'relay', pass: 'p@ss word' } });
    try {
      const tls = { rejectUnauthorized: false }; // the test server's self-signed certificate
      await new SmtpClient(`smtp://relay:p%40ss%20word@127.0.0.1:${secured.port}`, { tls }).send(message());
      expect(secured.messages).toHaveLength(1);
      expect(secured.messages[0]).toEqual(expect.objectContaining({ secure: true, user: 'relay' }));
      await expect(
        new SmtpClient(`smtp://relay:wrong@127.0.0.1:${secured.port}`, { tls }).send(message()),
      ).rejects.toEqual(expect.objectContaining({ name: 'SmtpError', replyCode: 535 }));
      expect(secured.messages).toHaveLength(1);
    } finally {
      await secured.close();
    }
  });

  it('resolves when the relay accepts the message, without waiting for the reply to QUIT', async () => {
    // A relay that accepts the message, then never answers QUIT.
    const sockets = new Set<Socket>();
    const relay: Server = createServer((socket) => {
      sockets.add(socket);
      let inData = false;
      let buffer = '';
      socket.write('220 ready\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        let end: number;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              socket.write('250 queued\r\n');
            }
          } else if (/^EHLO/i.test(line)) socket.write('250 relay\r\n');
          else if (/^DATA/i.test(line)) {
            inData = true;
            socket.write('354 go\r\n');
          } else if (!/^QUIT/i.test(line)) socket.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    const address = relay.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const started = performance.now(); // duration
      await new SmtpClient(`smtp://127.0.0.1:${port}`, { timeoutMs: 5_000 }).send(message());
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });

  it('accepts smtp:// and smtps:// only', () => {
    expect(() => new SmtpClient('http://127.0.0.1:25')).toThrow(/smtp/);
    expect(() => new SmtpClient('smtps://relay:secret@mail.example.org')).not.toThrow();
  });
});
