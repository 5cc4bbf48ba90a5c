// Sending mail over SMTP with nodemailer. One transport per configuration, rebuilt when the
// admin changes the SMTP settings. Without SMTP the system works in-app only (logged once).
import nodemailer from 'nodemailer';
import type { SmtpConfig } from './config.ts';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface MailLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('Chưa cấu hình máy chủ gửi thư (SMTP).');
    this.name = 'MailNotConfiguredError';
  }
}

export interface Mailer {
  readonly config: SmtpConfig | null;
  send(mail: OutgoingMail): Promise<SendResult>;
  verify(): Promise<void>;
  close(): void;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

function signature(c: SmtpConfig): string {
  return JSON.stringify([c.host, c.port, c.secure, c.user, c.pass, c.from]);
}

export interface MailerOptions {
  /** Connection/greeting/socket timeouts in ms (short, so that a dead server fails a job fast). */
  timeoutMs?: number;
}

export function createMailer(config: SmtpConfig | null, options: MailerOptions = {}): Mailer {
  const timeout = options.timeoutMs ?? 15_000;
  let transport: Transport | null = null;
  const get = (): Transport => {
    if (!config) throw new MailNotConfiguredError();
    if (!transport) {
      transport = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
        // A LAN relay often has a self-signed certificate; STARTTLS is still used when offered.
        tls: { rejectUnauthorized: false },
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout * 2,
      });
    }
    return transport;
  };
  return {
    config,
    async send(mail) {
      const info = await get().sendMail({
        from: config?.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      const list = (v: unknown): string[] =>
        Array.isArray(v)
          ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address)))
          : [];
      return {
        messageId: String(info.messageId ?? ''),
        accepted: list(info.accepted),
        rejected: list(info.rejected),
      };
    },
    async verify() {
      await get().verify();
    },
    close() {
      transport?.close();
      transport = null;
    },
  };
}

/** Keeps one mailer for the current configuration; `resolve` is asked each time (settings may
 * change at runtime). Logs once when SMTP is missing. */
export class MailerCache {
  private current: { sig: string; mailer: Mailer } | null = null;
  private warnedMissing = false;

  constructor(
    private readonly resolve: () => Promise<SmtpConfig | null>,
    private readonly logger: MailLogger = console,
    private readonly options: MailerOptions = {},
  ) {}

  async get(): Promise<Mailer | null> {
    const config = await this.resolve();
    if (!config) {
      if (!this.warnedMissing) {
        this.warnedMissing = true;
        this.logger.warn(
          'Chưa cấu hình SMTP (cài đặt smtp.* hoặc DONDOC_SMTP_URL): chỉ gửi thông báo trong hệ thống.',
        );
      }
      this.close();
      return null;
    }
    this.warnedMissing = false;
    const sig = signature(config);
    if (this.current?.sig !== sig) {
      this.current?.mailer.close();
      this.current = { sig, mailer: createMailer(config, this.options) };
    }
    return this.current.mailer;
  }

  close(): void {
    this.current?.mailer.close();
    this.current = null;
  }
}
