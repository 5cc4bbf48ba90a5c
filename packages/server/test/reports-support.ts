// Test support for the reports tests: a database on each backend, the fixed data set whose
// figures are computed by hand in the tests, and readers for the export formats.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import yauzl from 'yauzl';
import { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from '../src/db/index.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<DatabaseHandle & { drop(): Promise<void> }>;
}

/** PGlite always; PostgreSQL too when DONDOC_TEST_DATABASE_URL is set (a fresh database per call). */
export function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: 'pglite',
      async open() {
        const h = await openDatabase({ dataDir: 'memory://' });
        await migrateToLatest(h.db);
        return { ...h, drop: () => h.close() };
      },
    },
  ];
  const url = process.env.DONDOC_TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async open() {
        const name = `dondoc_reports_${randomBytes(5).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const u = new URL(url);
        u.pathname = `/${name}`;
        const h = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
        await migrateToLatest(h.db);
        return {
          ...h,
          async drop() {
            await h.close();
            const c = new pg.Client({ connectionString: url });
            await c.connect();
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await c.end();
          },
        };
      },
    });
  }
  return list;
}

export interface Fixture {
  agencies: { ktt: number; tttt: number; tc: number };
  documents: { d1: number; d2: number; d3: number; draft: number };
  /** task ids by the names used in the tests (T1 … T19) */
  t: Record<string, number>;
}

type Row = Record<string, unknown>;

async function insert(h: { db: Db }, table: string, row: Row): Promise<number> {
  // biome-ignore lint/suspicious/noExplicitAny: fixture rows for any table
  const db = h.db as any;
  const res = (await db.insertInto(table).values(row).returning('id').executeTakeFirstOrThrow()) as {
    id: number;
  };
  return res.id;
}

/**
 * The fixed data set. Quý III/2021 under Decree 09 is 15/06/2021–14/09/2021.
 * Times are UTC; Vietnam is UTC+7 (T3 is completed at 23:30 on its due day in Vietnam, T4 at 00:30
 * the day after).
 */
export async function seedFixture(h: { db: Db }): Promise<Fixture> {
  const ktt = await insert(h, 'agencies', {
    name: 'Sở Khoa học và Công nghệ',
    type: 'department',
    province: 'Kiên Giang',
  });
  const tttt = await insert(h, 'agencies', {
    name: 'Sở Thông tin và Truyền thông',
    type: 'department',
    province: 'Kiên Giang',
    successor_id: ktt,
    dissolved_at: '2025-07-01',
  });
  const tc = await insert(h, 'agencies', {
    name: 'Sở Tài chính',
    type: 'department',
    province: 'Kiên Giang',
  });

  let n = 0;
  const doc = (fields: Row) =>
    insert(h, 'documents', {
      file_name: `tb-${++n}.txt`,
      format: 'txt',
      content_hash: `hash-${n}-${randomBytes(4).toString('hex')}`,
      text: 'Thông báo kết luận',
      record: JSON.stringify({ schema: 'notice@1' }),
      doc_type: 'TB',
      ...fields,
    });
  const d1 = await doc({ number: '312', notation: 'TB-VP', doc_date: '2021-05-18', status: 'published' });
  const d2 = await doc({ number: '45', notation: 'TB-UBND', doc_date: '2021-08-01', status: 'published' });
  const d3 = await doc({ number: '501', notation: 'TB-VP', doc_date: '2021-10-05', status: 'published' });
  const draft = await doc({ number: '99', notation: 'TB-VP', doc_date: '2021-07-01', status: 'draft' });

  const t: Record<string, number> = {};
  const task = async (name: string, fields: Row, support: number[] = []) => {
    const id = await insert(h, 'tasks', {
      document_id: d1,
      lead_agency_id: ktt,
      text: `Nhiệm vụ ${name}`,
      ...fields,
    });
    t[name] = id;
    if (fields.lead_agency_id !== null)
      await insert(h, 'task_agencies', {
        task_id: id,
        agency_id: fields.lead_agency_id ?? ktt,
        role: 'lead',
      });
    for (const a of support) await insert(h, 'task_agencies', { task_id: id, agency_id: a, role: 'support' });
    return id;
  };
  await task('T1', { due: '2021-07-31', status: 'done', completed_at: '2021-07-20T03:00:00Z' });
  await task('T2', { due: '2021-07-15', status: 'done', completed_at: '2021-08-02T03:00:00Z' });
  await task('T3', { due: '2021-08-31', status: 'done', completed_at: '2021-08-31T16:30:00Z' });
  await task('T4', { due: '2021-08-31', status: 'done', completed_at: '2021-08-31T17:30:00Z' });
  await task(
    'T5',
    { due: '2021-09-10', status: 'in_progress', text: 'Triển khai nền tảng chia sẻ dữ liệu' },
    [tc],
  );
  await task('T6', { due: '2021-09-14', status: 'not_started' });
  await task('T7', { due: '2021-12-31', status: 'in_progress' });
  await task('T8', { due: null, status: 'not_started' });
  await task('T9', { due: '2021-06-10', status: 'done', completed_at: '2021-06-05T03:00:00Z' });
  await task('T10', { due: '2021-06-10', status: 'done', completed_at: '2021-06-20T03:00:00Z' });
  await task('T11', { due: '2021-09-01', status: 'done', completed_at: '2021-09-20T03:00:00Z' });
  await task('T12', {
    document_id: d2,
    lead_agency_id: tc,
    due: '2021-09-30',
    status: 'awaiting_confirmation',
  });
  await task('T13', { document_id: d3, due: '2021-10-30', status: 'not_started' });
  await task('T14', { document_id: draft, due: '2021-08-01', status: 'not_started' });
  await task('T15', {
    lead_agency_id: tttt,
    due: '2021-07-10',
    status: 'done',
    completed_at: '2021-07-09T03:00:00Z',
  });
  const parent = await task('T16', { due: '2021-08-15', status: 'in_progress', recurrence: 'monthly' });
  await task('T17', {
    due: '2021-07-15',
    status: 'done',
    completed_at: '2021-07-14T03:00:00Z',
    recurrence: 'monthly',
    parent_task_id: parent,
  });
  await task('T18', { document_id: d2, lead_agency_id: tc, due: '2021-06-14', status: 'paused' });
  await task('T19', { due: '2021-06-01', status: 'done', completed_at: null });

  await insert(h, 'progress_reports', {
    task_id: t.T5,
    note: 'Đang triển khai, đã hoàn thành khảo sát',
    percent: 40,
    created_at: '2021-09-05T02:00:00Z',
  });
  await insert(h, 'progress_reports', {
    task_id: t.T5,
    note: 'Gần xong',
    percent: 90,
    created_at: '2021-09-20T02:00:00Z',
  });
  return { agencies: { ktt, tttt, tc }, documents: { d1, d2, d3, draft }, t };
}

export function unzipEntry(buf: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in archive`)));
      zip.readEntry();
    });
  });
}

/** RFC 4180 reader, enough to check the writer. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Unfolds RFC 5545 lines and splits VEVENTs into property maps (name → raw value). */
export function parseIcs(text: string): { calendar: Map<string, string>; events: Map<string, string>[] } {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const calendar = new Map<string, string>();
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  let depth = 0;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') {
      current = new Map();
      continue;
    }
    if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = null;
      continue;
    }
    if (line.startsWith('BEGIN:VALARM')) depth++;
    if (line.startsWith('END:VALARM')) {
      depth--;
      current?.set('HAS_ALARM', '1');
      continue;
    }
    if (depth > 0) continue;
    const colon = line.indexOf(':');
    (current ?? calendar).set(line.slice(0, colon), line.slice(colon + 1));
  }
  return { calendar, events };
}

export function unescapeIcs(v: string): string {
  return v.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
}
