// SMTP configuration: from the admin settings (smtp.host, smtp.port, smtp.secure, smtp.user,
// smtp.pass, smtp.from) or, when those are not set, from the environment (DONDOC_SMTP_URL).
import { z } from 'zod';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
  from: string;
}

export const DEFAULT_FROM = 'dondoc <khong-tra-loi@dondoc.local>';

export const smtpSettingsSchema = z.object({
  host: z.string().trim().max(255).nullable().default(null),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  user: z.string().max(255).nullable().default(null),
  pass: z.string().max(1024).nullable().default(null),
  from: z.string().trim().max(320).nullable().default(null),
});
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;

export class SmtpUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpUrlError';
  }
}

/** `smtp://user:pass@host:port?from=...` or `smtps://...` (secure). */
export function smtpConfigFromUrl(url: string): SmtpConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SmtpUrlError(`DONDOC_SMTP_URL không hợp lệ: ${url}`);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw new SmtpUrlError(
      `DONDOC_SMTP_URL phải bắt đầu bằng smtp:// hoặc smtps:// (nhận được ${u.protocol})`,
    );
  }
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user: u.username ? decodeURIComponent(u.username) : null,
    pass: u.password ? decodeURIComponent(u.password) : null,
    from: u.searchParams.get('from') ?? DEFAULT_FROM,
  };
}

/** Settings win over the environment; null means no SMTP (notifications stay in-app only). */
export function resolveSmtpConfig(
  settings: Partial<SmtpSettings> | null | undefined,
  env: Record<string, string | undefined> = process.env,
): SmtpConfig | null {
  if (settings?.host) {
    return {
      host: settings.host,
      port: settings.port ?? 587,
      secure: settings.secure ?? false,
      user: settings.user || null,
      pass: settings.pass || null,
      from: settings.from || DEFAULT_FROM,
    };
  }
  const url = env.DONDOC_SMTP_URL?.trim();
  if (url) return smtpConfigFromUrl(url);
  return null;
}
