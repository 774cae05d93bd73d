import { createServer, type Server, type Socket } from 'node:net';

export interface ReceivedEmail {
  readonly from: string;
  readonly to: readonly string[];
  /** Headers and body as sent (dot-stuffing undone, CRLF line ends). */
  readonly data: string;
  /** The DATA lines exactly as they came over the wire (still dot-stuffed), CRLF-joined. */
  readonly raw: string;
}

/**
 * A tiny SMTP server for tests (RFC 5321, plain, no auth): accepts every message and records it.
 * `rejectNext(code)` makes it refuse the next MAIL FROM, to test failures.
 */
export class TestSmtpServer {
  readonly messages: ReceivedEmail[] = [];
  private readonly sockets = new Set<Socket>();
  private rejections: number[] = [];
  port = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<TestSmtpServer> {
    let instance: TestSmtpServer | null = null;
    const server = createServer((socket) => instance?.serve(socket));
    instance = new TestSmtpServer(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address === 'object' && address !== null) instance.port = address.port;
    return instance;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  rejectNext(code: number): void {
    this.rejections.push(code);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    let data: string[] = [];
    let raw: string[] = [];
    const reply = (line: string): void => {
      socket.write(`${line}\r\n`);
    };
    reply('220 test-smtp ready');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            this.messages.push({ from, to, data: data.join('\r\n'), raw: raw.join('\r\n') });
            reply('250 2.0.0 queued');
          } else {
            raw.push(line);
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') {
          reply('250-test-smtp greets you');
          reply('250 8BITMIME');
        } else if (verb === 'MAIL') {
          const code = this.rejections.shift();
          if (code !== undefined) {
            reply(`${code} refused for the test`);
            continue;
          }
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          reply('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          inData = true;
          data = [];
          raw = [];
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') {
          reply('250 ok');
        } else {
          reply('502 not implemented');
        }
      }
    });
  }
}
