/** Shared fixtures of the reminder tests: agencies, users, a published notice and tasks around a date. */

import { hashPassword } from '../src/auth/password.ts';
import type { Db } from '../src/db/index.ts';
import { addDays, localDateTime } from '../src/reminders/schedule.ts';
import { createAgency } from './support/app.ts';

/** The password of every fixture user (hashed once: scrypt is deliberately slow). */
export const FIXTURE_PASSWORD = 'mat-khau-thu-nghiem';
let hash: Promise<string> | null = null;
const passwordHash = () => {
  hash ??= hashPassword(FIXTURE_PASSWORD);
  return hash;
};

export interface World {
  today: string;
  lead: number;
  support: number;
  users: Record<string, { id: number; email: string | null }>;
  tasks: Record<string, number>;
}

let docCounter = 0;

/** Agencies, users, a published notice and tasks around `today`. */
export async function seed(db: Db, today: string): Promise<World> {
  const lead = await createAgency(db, { name: 'Sở Xây dựng' });
  const support = await createAgency(db, { name: 'Sở Tài chính' });
  const other = await createAgency(db, { name: 'Sở Y tế' });
  const mk = async (
    key: string,
    role: 'agency' | 'officer' | 'leader' | 'admin',
    agencyId?: number,
    email = true,
  ) => {
    const u = await db
      .insertInto('users')
      .values({
        username: `${key}-${Math.random().toString(36).slice(2, 8)}`,
        display_name: `Cán bộ ${key}`,
        email: email ? `${key}@tinh.gov.vn` : null,
        password_hash: await passwordHash(),
        role,
        agency_id: agencyId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return [key, { id: u.id, email: email ? `${key}@tinh.gov.vn` : null }] as const;
  };
  const users = Object.fromEntries(
    await Promise.all([
      mk('a1', 'agency', lead.id),
      mk('a2', 'agency', lead.id),
      mk('b1', 'agency', support.id),
      mk('c1', 'agency', other.id),
      mk('o1', 'officer'),
      mk('o2', 'officer'),
      mk('l1', 'leader'),
      mk('l2', 'leader', undefined, false),
    ]),
  );
  const doc = await db
    .insertInto('documents')
    .values({
      status: 'published',
      file_name: 'tb45.txt',
      format: 'txt',
      content_hash: `hash-${++docCounter}-${Math.random()}`,
      text: 'THÔNG BÁO Kết luận của Chủ tịch UBND tỉnh',
      record: JSON.stringify({}),
      number: '45',
      notation: 'TB-UBND',
      doc_date: addDays(today, -30),
      subject: 'Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Xây dựng',
      published_by: users.o1?.id ?? null,
      published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const specs: Array<[string, number, string]> = [
    ['before3', 3, 'in_progress'],
    ['dueToday', 0, 'not_started'],
    ['overdue1', -1, 'returned'],
    ['overdue2', -2, 'in_progress'],
    ['doneLate', -1, 'done'],
    ['paused', 3, 'paused'],
  ];
  const tasks: Record<string, number> = {};
  for (const [name, offset, status] of specs) {
    const t = await db
      .insertInto('tasks')
      .values({
        document_id: doc.id,
        ref: name,
        text: `Nhiệm vụ ${name}: hoàn thiện hồ sơ dự án`,
        lead_agency_id: lead.id,
        due: addDays(today, offset),
        status: status as 'in_progress',
        completed_at: status === 'done' ? localDateTime(today, 10) : null,
        created_by: users.o1?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tasks[name] = t.id;
    await db
      .insertInto('task_agencies')
      .values([
        { task_id: t.id, agency_id: lead.id, role: 'lead' },
        { task_id: t.id, agency_id: support.id, role: 'support' },
      ])
      .execute();
  }
  return { today, lead: lead.id, support: support.id, users, tasks };
}
