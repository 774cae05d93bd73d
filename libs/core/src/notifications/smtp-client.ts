import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { SystemClock, type Clock } from '../clock/clock';

/** One plain-text email. Addresses are bare (`someone@example.org`). */
export interface EmailMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export class SmtpError extends Error {
  constructor(
    message: string,
    /** The server's reply code, when it answered. */
    readonly replyCode: number | null,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

const ADDRESS = /^[^\s<>@",;]+@[^\s<>@",;]+$/;

/** Lines end in CRLF; a line starting with a dot gets another one (RFC 5321 §4.5.2). */
function dotStuff(text: string): string {
  return text
    .replace(/\r?\n/g, '\r\n')
    .split('\r\n')
    .map((line) => (line.startsWith('.') ? `.${line}` : line))
    .join('\r\n');
}

/** Headers carry ASCII only: anything else (and any line break) is dropped. */
const headerSafe = (value: string): string => value.replace(/[^\x20-\x7e]/g, '');

/**
 * A minimal SMTP client (RFC 5321) over plain TCP: EHLO, MAIL FROM, RCPT TO, DATA, QUIT. No TLS and
 * no authentication (a relay on the local network); every step has a timeout, and any unexpected
 * reply fails the send with the server's code.
 */
export class SmtpClient {
  private readonly host: string;
  private readonly port: number;

  constructor(
    url: string,
    private readonly timeoutMs = 10_000,
    private readonly heloName = 'family-link.local',
    private readonly clock: Clock = new SystemClock(),
  ) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'smtp:') throw new Error('SMTP_URL must start with smtp://');
    this.host = parsed.hostname;
    this.port = parsed.port === '' ? 25 : Number(parsed.port);
  }

  async send(message: EmailMessage): Promise<void> {
    for (const address of [message.from, message.to]) {
      if (!ADDRESS.test(address)) throw new SmtpError('Not an email address', null);
    }
    const session = await SmtpSession.open(this.host, this.port, this.timeoutMs);
    try {
      await session.expect(220);
      await session.command(`EHLO ${this.heloName}`, 250);
      await session.command(`MAIL FROM:<${message.from}>`, 250);
      await session.command(`RCPT TO:<${message.to}>`, 250, 251);
      await session.command('DATA', 354);
      const headers = [
        `From: ${message.from}`,
        `To: ${message.to}`,
        `Subject: ${headerSafe(message.subject)}`,
        `Date: ${this.clock.now().toUTCString()}`,
        `Message-ID: <${randomBytes(12).toString('hex')}@${this.heloName}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
      ];
      await session.command(`${headers.join('\r\n')}\r\n\r\n${dotStuff(message.text)}\r\n.`, 250);
      await session.command('QUIT', 221).catch(() => undefined);
    } finally {
      session.close();
    }
  }
}

/** One connection: writes commands and reads (possibly multi-line) replies. */
class SmtpSession {
  private buffer = '';
  private readonly replies: { code: number; text: string }[] = [];
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.fail(new SmtpError(`Connection failed: ${error.message}`, null)));
    socket.on('close', () => this.fail(new SmtpError('Connection closed by the server', null)));
  }

  static open(host: string, port: number, timeoutMs: number): Promise<SmtpSession> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SmtpError('Timed out connecting to the SMTP server', null));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new SmtpSession(socket, timeoutMs));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new SmtpError(`Connection failed: ${error.message}`, null));
      });
    });
  }

  async command(line: string, ...accepted: number[]): Promise<void> {
    this.socket.write(`${line}\r\n`);
    await this.expect(...accepted);
  }

  async expect(...accepted: number[]): Promise<void> {
    const reply = await this.nextReply();
    if (!accepted.includes(reply.code)) {
      throw new SmtpError(`SMTP server answered ${reply.code}`, reply.code);
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let lines: string[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      lines.push(line);
      // A reply ends with a line whose code is followed by a space (or nothing).
      const match = /^(\d{3})(?: |$)/.exec(line);
      if (match) {
        this.replies.push({ code: Number(match[1]), text: lines.join('\n') });
        lines = [];
      } else if (!/^\d{3}-/.test(line)) {
        this.fail(new SmtpError('Malformed SMTP reply', null));
      }
    }
    if (lines.length > 0) this.buffer = `${lines.join('\n')}\n${this.buffer}`;
    this.wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  private async nextReply(): Promise<{ code: number; text: string }> {
    const deadline = Date.now() + this.timeoutMs; // duration
    for (;;) {
      const reply = this.replies.shift();
      if (reply !== undefined) return reply;
      if (this.failure !== null) throw this.failure;
      const left = deadline - Date.now(); // duration
      if (left <= 0) throw new SmtpError('Timed out waiting for the SMTP server', null);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
