import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedEmail {
  readonly from: string;
  readonly to: readonly string[];
  /** Headers and body as they came (dot-stuffing undone, CRLF line ends, still MIME-encoded). */
  readonly data: string;
  /** The headers, unfolded and MIME-decoded, by lower-case name (the first of each name). */
  readonly headers: Readonly<Record<string, string>>;
  /** The Subject header, decoded. */
  readonly subject: string;
  /** The Message-ID header as sent (with its angle brackets). */
  readonly messageId: string;
  /** The body, transfer-decoded (quoted-printable or base64) into text. */
  readonly text: string;
  /** Whether the message came over TLS (STARTTLS or implicit). */
  readonly secure: boolean;
  /** The user the client authenticated as, if it did. */
  readonly user: string | null;
}

export interface TestSmtpServerOptions {
  /** Require AUTH with these credentials (only over TLS: the server offers STARTTLS with a self-signed cert). */
  readonly auth?: { readonly user: string; readonly pass: string };
}

/**
 * An SMTP server for tests (the `smtp-server` package): accepts every message and records it.
 * `rejectNext(code)` makes it refuse the next MAIL FROM, to test failures.
 */
export class TestSmtpServer {
  readonly messages: ReceivedEmail[] = [];
  /** Delivery attempts seen (each MAIL FROM, accepted or refused): a retry shows as one more. */
  mailFromCount = 0;
  private rejections: number[] = [];
  port = 0;
  private server: SMTPServer;

  private constructor(options: TestSmtpServerOptions) {
    const auth = options.auth;
    this.server = new SMTPServer({
      logger: false,
      banner: 'test-smtp ready',
      authOptional: auth === undefined,
      // Without AUTH, a plain relay on the local network: no STARTTLS either.
      disabledCommands: auth === undefined ? ['AUTH', 'STARTTLS'] : [],
      onAuth: (credentials, _session, callback) => {
        if (auth !== undefined && credentials.username === auth.user && credentials.password === auth.pass) {
          callback(null, { user: credentials.username });
        } else {
          callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        }
      },
      onMailFrom: (_address, _session, callback) => {
        this.mailFromCount += 1;
        const code = this.rejections.shift();
        if (code === undefined) return callback();
        callback(Object.assign(new Error('refused for the test'), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.messages.push(parseMessage(Buffer.concat(chunks).toString('utf8'), session));
          callback(null, 'queued');
        });
      },
    });
    this.server.on('error', () => undefined);
  }

  static async start(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    const instance = new TestSmtpServer(options);
    await new Promise<void>((resolve, reject) => {
      instance.server.server.once('error', reject);
      instance.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = instance.server.server.address();
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
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function parseMessage(data: string, session: SMTPServerSession): ReceivedEmail {
  const split = data.indexOf('\r\n\r\n');
  const head = split < 0 ? data : data.slice(0, split);
  // The CRLF before the terminating dot belongs to the protocol, not to the text.
  const body = split < 0 ? '' : data.slice(split + 4).replace(/\r\n$/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeWords(line.slice(colon + 1).trim());
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  const mailFrom = session.envelope.mailFrom;
  return {
    from: mailFrom === false ? '' : mailFrom.address,
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    data,
    headers,
    subject: headers.subject ?? '',
    messageId: headers['message-id'] ?? '',
    text,
    secure: session.secure,
    user: typeof session.user === 'string' ? session.user : null,
  };
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const source = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i += 1) {
    const hex = source.slice(i + 1, i + 3);
    if (source[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(source[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two of them goes. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
