/**
 * Reminder and SMTP settings, stored one key a row in `settings` (value jsonb):
 * reminders.daysBefore, reminders.overdueEveryDays, reminders.sendHour, reminders.digestEnabled,
 * reminders.dueSoonDays (read by the task buckets), smtp.host, smtp.port, smtp.secure, smtp.user,
 * smtp.pass, smtp.from, app.publicUrl.
 */
import { z } from 'zod';
import type { SmtpSettings } from '../mail/config.ts';
import { DEFAULT_DUE_SOON_DAYS, dueSoonDaysFrom } from '../tasks/buckets.ts';
import type { DbOrTrx } from './jobs.ts';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './schedule.ts';

export const reminderSettingsSchema = z.object({
  daysBefore: z
    .array(z.number().int().min(1).max(365))
    .max(20)
    .transform((a) => [...new Set(a)].sort((x, y) => y - x)),
  overdueEveryDays: z.number().int().min(1).max(365),
  sendHour: z.number().int().min(0).max(23),
  digestEnabled: z.boolean(),
  dueSoonDays: z.number().int().min(0).max(365),
});
export type ReminderSettingsInput = z.input<typeof reminderSettingsSchema>;
export type ReminderSettingsView = ReminderSettings & { dueSoonDays: number };

const REMINDER_KEYS = {
  daysBefore: 'reminders.daysBefore',
  overdueEveryDays: 'reminders.overdueEveryDays',
  sendHour: 'reminders.sendHour',
  digestEnabled: 'reminders.digestEnabled',
  dueSoonDays: 'reminders.dueSoonDays',
} as const;

const SMTP_KEYS = {
  host: 'smtp.host',
  port: 'smtp.port',
  secure: 'smtp.secure',
  user: 'smtp.user',
  pass: 'smtp.pass',
  from: 'smtp.from',
} as const;

export const PUBLIC_URL_KEY = 'app.publicUrl';

export async function readSettings(db: DbOrTrx, keys: string[]): Promise<Map<string, unknown>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeSettings(
  db: DbOrTrx,
  values: Record<string, unknown>,
  userId: number | null,
): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({
    key,
    value: JSON.stringify(value ?? null),
    updated_by: userId,
  }));
  if (rows.length === 0) return;
  await db
    .insertInto('settings')
    // biome-ignore lint/suspicious/noExplicitAny: jsonb accepts the JSON text
    .values(rows as any)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: new Date(),
      })),
    )
    .execute();
}

const intIn = (v: unknown, min: number, max: number): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;

/** Stored values that are missing or invalid fall back to the defaults. */
export async function loadReminderSettings(db: DbOrTrx): Promise<ReminderSettingsView> {
  const m = await readSettings(db, Object.values(REMINDER_KEYS));
  const d = DEFAULT_REMINDER_SETTINGS;
  const days = m.get(REMINDER_KEYS.daysBefore);
  const daysBefore =
    Array.isArray(days) && days.every((x) => intIn(x, 1, 365) !== undefined)
      ? (days as number[])
      : d.daysBefore;
  const digest = m.get(REMINDER_KEYS.digestEnabled);
  return {
    daysBefore,
    overdueEveryDays: intIn(m.get(REMINDER_KEYS.overdueEveryDays), 1, 365) ?? d.overdueEveryDays,
    sendHour: intIn(m.get(REMINDER_KEYS.sendHour), 0, 23) ?? d.sendHour,
    digestEnabled: typeof digest === 'boolean' ? digest : d.digestEnabled,
    dueSoonDays: m.has(REMINDER_KEYS.dueSoonDays)
      ? dueSoonDaysFrom(m.get(REMINDER_KEYS.dueSoonDays))
      : DEFAULT_DUE_SOON_DAYS,
  };
}

export async function saveReminderSettings(
  db: DbOrTrx,
  s: z.output<typeof reminderSettingsSchema>,
  userId: number | null,
): Promise<void> {
  await writeSettings(
    db,
    {
      [REMINDER_KEYS.daysBefore]: s.daysBefore,
      [REMINDER_KEYS.overdueEveryDays]: s.overdueEveryDays,
      [REMINDER_KEYS.sendHour]: s.sendHour,
      [REMINDER_KEYS.digestEnabled]: s.digestEnabled,
      [REMINDER_KEYS.dueSoonDays]: s.dueSoonDays,
    },
    userId,
  );
}

export async function loadSmtpSettings(db: DbOrTrx): Promise<SmtpSettings> {
  const m = await readSettings(db, Object.values(SMTP_KEYS));
  const str = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' && v !== '' ? v : null;
  };
  return {
    host: str(SMTP_KEYS.host),
    port: intIn(m.get(SMTP_KEYS.port), 1, 65535) ?? 587,
    secure: m.get(SMTP_KEYS.secure) === true,
    user: str(SMTP_KEYS.user),
    pass: str(SMTP_KEYS.pass),
    from: str(SMTP_KEYS.from),
  };
}

/** Saves SMTP settings; `pass: undefined` keeps the stored password, `null` clears it. */
export async function saveSmtpSettings(
  db: DbOrTrx,
  s: Omit<SmtpSettings, 'pass'> & { pass?: string | null | undefined },
  userId: number | null,
): Promise<void> {
  const values: Record<string, unknown> = {
    [SMTP_KEYS.host]: s.host ?? '',
    [SMTP_KEYS.port]: s.port,
    [SMTP_KEYS.secure]: s.secure,
    [SMTP_KEYS.user]: s.user ?? '',
    [SMTP_KEYS.from]: s.from ?? '',
  };
  if (s.pass !== undefined) values[SMTP_KEYS.pass] = s.pass ?? '';
  await writeSettings(db, values, userId);
}

export async function loadPublicUrl(
  db: DbOrTrx,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const m = await readSettings(db, [PUBLIC_URL_KEY]);
  const v = m.get(PUBLIC_URL_KEY);
  if (typeof v === 'string' && /^https?:\/\//.test(v)) return v;
  return env.DONDOC_PUBLIC_URL || `http://localhost:${env.PORT || 8080}`;
}
