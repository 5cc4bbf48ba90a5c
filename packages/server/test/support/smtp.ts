// A real SMTP server on 127.0.0.1 (random port) that records what it receives, for tests.
// Messages are parsed just enough to check envelope, To, Subject and the text/HTML bodies.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope sender and recipients (what the server was told, not the headers). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Decoded headers, lower-case names; the last value wins for repeated names. */
  headers: Record<string, string>;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface TestSmtpServer {
  host: string;
  port: number;
  /** `smtp://127.0.0.1:<port>` — usable as DONDOC_SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Reject the next `count` messages with a temporary (4xx) error, as a mail server that is down would. */
  failNext(count: number, code?: number): void;
  /** Reject every message until called again with false. */
  setFailing(failing: boolean): void;
  /** Number of deliveries that were refused. */
  readonly refused: number;
  /** Resolves once at least `count` messages arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Messages whose envelope or To header contains the address. */
  to(address: string): ReceivedMail[];
  clear(): void;
  close(): Promise<void>;
}

export async function startTestSmtp(options: { user?: string; pass?: string } = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  let failCount = 0;
  let failCode = 451;
  let failingAll = false;
  let refused = 0;
  const waiters: Array<() => void> = [];

  const server = new SMTPServer({
    secure: false,
    authOptional: !options.user,
    disabledCommands: ['STARTTLS'],
    // No network here: a reverse DNS lookup of 127.0.0.1 per connection only adds delay.
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.user && (auth.username !== options.user || auth.password !== options.pass)) {
        callback(new Error('Invalid username or password'));
        return;
      }
      callback(null, { user: auth.username ?? '' });
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failingAll || failCount > 0) {
          if (failCount > 0) failCount--;
          refused++;
          const err = new Error('Service temporarily unavailable') as Error & { responseCode: number };
          err.responseCode = failCode;
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMessage(raw);
        messages.push({
          ...mail,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.user
    ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.pass ?? '')}@`
    : '';

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    messages,
    failNext(count, code = 451) {
      failCount = count;
      failCode = code;
    },
    setFailing(failing) {
      failingAll = failing;
    },
    get refused() {
      return refused;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`SMTP test server: expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 200));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return messages.slice();
    },
    to(address) {
      const a = address.toLowerCase();
      return messages.filter(
        (m) =>
          m.envelopeTo.some((x) => x.toLowerCase() === a) || m.to.some((x) => x.toLowerCase().includes(a)),
      );
    },
    clear() {
      messages.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// --- minimal MIME parsing -------------------------------------------------------------------

interface Part {
  headers: Record<string, string>;
  body: string;
}

function splitHeadBody(raw: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { head: raw, body: '' };
  return { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

function parseHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=); whitespace between two words is dropped. */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(
    /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
    (_all, _charset: string, enc: string, text: string) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      return decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8');
    },
  );
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i] as string;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value);
  return m?.[1];
}

function leafParts(raw: string): Part[] {
  const { head, body } = splitHeadBody(raw);
  const headers = parseHeaders(head);
  const type = headers['content-type'] ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = param(type, 'boundary');
    if (!boundary) return [];
    const pieces = body.split(`--${boundary}`);
    const parts: Part[] = [];
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      parts.push(...leafParts(piece.replace(/^\r?\n/, '')));
    }
    return parts;
  }
  const enc = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let decoded: string;
  if (enc === 'base64') decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (enc === 'quoted-printable') decoded = decodeQuotedPrintable(body).toString('utf8');
  else decoded = body;
  return [{ headers, body: decoded.replace(/\r\n/g, '\n') }];
}

function addresses(value: string | undefined): string[] {
  if (!value) return [];
  return decodeEncodedWords(value)
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

export function parseMessage(raw: string): Omit<ReceivedMail, 'envelopeFrom' | 'envelopeTo'> {
  const { head } = splitHeadBody(raw);
  const rawHeaders = parseHeaders(head);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawHeaders)) headers[k] = decodeEncodedWords(v);
  const parts = leafParts(raw);
  const text = parts.find((p) => /^text\/plain/i.test(p.headers['content-type'] ?? 'text/plain'));
  const html = parts.find((p) => /^text\/html/i.test(p.headers['content-type'] ?? ''));
  return {
    headers,
    from: headers.from ?? '',
    to: addresses(rawHeaders.to),
    subject: headers.subject ?? '',
    text: text?.body ?? '',
    html: html?.body ?? '',
    raw,
  };
}
