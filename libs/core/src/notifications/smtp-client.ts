import type { ConnectionOptions } from 'node:tls';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** One plain-text email. Addresses are bare (`someone@example.org`). */
export interface EmailMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /**
   * The Message-ID, without angle brackets (`notification.<id>@host`). Derived from what the email
   * announces, so a repeat (a worker that died between the relay's "250" and marking the notice sent)
   * carries the same id and mail systems can recognise it.
   */
  readonly messageId: string;
  /** The Date header (from the Clock). */
  readonly date: Date;
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

const ADDRESS = /^[^\s<>@",;()\\[\]:]+@[^\s<>@",;()\\[\]:]+$/;
const MESSAGE_ID = /^[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+$/;

/** Headers carry no line breaks (a header can never be smuggled in); non-ASCII is MIME-encoded. */
const headerSafe = (value: string): string => value.replace(/[\r\n\t\v\f\0]+/g, ' ');

export interface SmtpClientOptions {
  /** Each step (connect, greeting, every reply) times out after this many milliseconds. */
  readonly timeoutMs?: number;
  /** The name this client gives in EHLO. */
  readonly heloName?: string;
  /** TLS settings (e.g. `ca` for a relay with a private certificate authority). */
  readonly tls?: ConnectionOptions;
}

/**
 * Sends notification emails through an SMTP relay with nodemailer:
 * - `smtp://host:port` — plain, upgraded with STARTTLS when the relay offers it;
 * - `smtp://user:pass@host:port` — AUTH, and STARTTLS is then required (a password never goes in clear);
 * - `smtps://[user:pass@]host:port` — TLS from the first byte (port 465 by default).
 * `send` resolves as soon as the relay accepts the message (its reply to the end of DATA), without
 * waiting for the reply to QUIT: from then on the message is the relay's, and the caller marks it sent.
 */
export class SmtpClient {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;

  constructor(url: string, options: SmtpClientOptions = {}) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
      throw new Error('SMTP_URL must start with smtp:// or smtps://');
    }
    const secure = parsed.protocol === 'smtps:';
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.transport = createTransport({
      host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: parsed.port === '' ? (secure ? 465 : 25) : Number(parsed.port),
      secure,
      requireTLS: !secure && user !== '',
      auth: user === '' ? undefined : { user, pass },
      name: options.heloName ?? 'family-link.local',
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      tls: options.tls,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(message: EmailMessage): Promise<void> {
    for (const address of [message.from, message.to]) {
      if (!ADDRESS.test(address)) throw new SmtpError('Not an email address', null);
    }
    if (!MESSAGE_ID.test(message.messageId)) throw new SmtpError('Not a Message-ID', null);
    try {
      await this.transport.sendMail({
        envelope: { from: message.from, to: [message.to] },
        from: message.from,
        to: message.to,
        subject: headerSafe(message.subject),
        text: message.text,
        messageId: `<${message.messageId}>`,
        date: message.date,
        textEncoding: 'quoted-printable',
      });
    } catch (error) {
      throw toSmtpError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}

function toSmtpError(error: unknown): SmtpError {
  if (error instanceof SmtpError) return error;
  const details = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const replyCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const code = typeof details.code === 'string' ? details.code : 'ERROR';
  const message =
    replyCode !== null
      ? `SMTP server answered ${replyCode}`
      : code === 'ETIMEDOUT'
        ? 'Timed out talking to the SMTP server'
        : `SMTP failed (${code})`;
  return new SmtpError(message, replyCode);
}
