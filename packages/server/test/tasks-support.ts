/** Helpers for the documents/tasks tests: multipart bodies, an imported and published notice. */
import { expect } from 'vitest';
import type { LoggedIn, TestApp } from './support/app.ts';

/** A short conclusion notice (Decree 30/2020 layout) used as upload content. */
export const SEED_TEXT = `UỶ BAN NHÂN DÂN TỈNH KIÊN GIANG
VĂN PHÒNG

Số: 312/TB-VP

Kiên Giang, ngày 18 tháng 5 năm 2021

THÔNG BÁO
Ý kiến kết luận của Phó Chủ tịch UBND tỉnh tại buổi họp với Sở Thông tin và Truyền thông

1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Văn phòng UBND tỉnh, Công an tỉnh triển khai Hệ thống thông tin báo cáo tỉnh (hoàn thành trong tháng 5/2021).

2. Sở Thông tin và Truyền thông báo cáo định kỳ hằng tháng kết quả chuyển đổi số.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Trần Công Danh
`;

export interface Part {
  name: string;
  value: string | Buffer;
  fileName?: string;
  contentType?: string;
}

/** A multipart/form-data body for app.inject. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----dondoc${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.fileName !== undefined) head += `; filename="${p.fileName}"`;
    head += '\r\n';
    if (p.fileName !== undefined) head += `Content-Type: ${p.contentType ?? 'text/plain'}\r\n`;
    chunks.push(
      Buffer.from(`${head}\r\n`),
      Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  t: TestApp,
  who: LoggedIn,
  files: Array<{ fileName: string; content: string | Buffer; contentType?: string }>,
) {
  const body = multipart(
    files.map((f) => ({
      name: 'file',
      value: f.content,
      fileName: f.fileName,
      contentType: f.contentType ?? 'text/plain',
    })),
  );
  return t.app.inject({
    method: 'POST',
    url: '/api/documents',
    headers: { ...who.headers, ...body.headers },
    payload: body.payload,
  });
}

/** A unique notice text (so each call imports a new document). */
export function noticeText(tag: string): string {
  return `${SEED_TEXT}\n<!-- ${tag} ${Math.random()} -->\n`;
}

export interface Published {
  documentId: number;
  taskIds: number[];
}

/**
 * Imports a notice and publishes it with the given tasks (lead/support agency ids).
 * Returns the ids of the tracked tasks, in order.
 */
export async function publishNotice(
  t: TestApp,
  officer: LoggedIn,
  tasks: Array<{
    text?: string;
    lead: number[];
    support?: number[];
    due?: string | null;
    recurrence?: string;
    span?: { start: number; end: number };
  }>,
): Promise<Published> {
  const up = await upload(t, officer, [{ fileName: 'tb.txt', content: noticeText('publish') }]);
  expect(up.statusCode, up.body).toBe(201);
  const documentId = up.json().document.id as number;
  const put = await t.app.inject({
    method: 'PUT',
    url: `/api/documents/${documentId}/draft`,
    headers: officer.headers,
    payload: {
      tasks: tasks.map((x, i) => ({
        ref: String(i + 1),
        text: x.text ?? `Nhiệm vụ thử nghiệm số ${i + 1}: triển khai chuyển đổi số`,
        leadAgencyIds: x.lead,
        supportAgencyIds: x.support ?? [],
        due: x.due === undefined ? '2099-12-31' : x.due,
        recurrence: x.recurrence ?? null,
        span: x.span ?? null,
      })),
    },
  });
  expect(put.statusCode, put.body).toBe(200);
  const pub = await t.app.inject({
    method: 'POST',
    url: `/api/documents/${documentId}/publish`,
    headers: officer.headers,
    payload: {},
  });
  expect(pub.statusCode, pub.body).toBe(200);
  return { documentId, taskIds: pub.json().taskIds };
}

/** Row counts of every table the documents/tasks domain writes. */
export type Counts = Record<
  | 'documents'
  | 'draft_tasks'
  | 'tasks'
  | 'task_agencies'
  | 'progress_reports'
  | 'attachments'
  | 'extension_requests'
  | 'comments'
  | 'notifications'
  | 'audit_log'
  | 'agency_aliases',
  number
>;

export async function tableCounts(t: TestApp): Promise<Counts> {
  const out = {} as Counts;
  for (const table of [
    'documents',
    'draft_tasks',
    'tasks',
    'task_agencies',
    'progress_reports',
    'attachments',
    'extension_requests',
    'comments',
    'notifications',
    'audit_log',
    'agency_aliases',
  ] as const) {
    const r = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}
