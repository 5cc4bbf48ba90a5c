import { describe, expect, it } from 'vitest';
import { SAMPLE_PASSWORD, SAMPLE_USERS } from '../src/sample/agencies.ts';
import { ensureAdmin, importSampleNotices, loadSampleData } from '../src/sample/index.ts';
import { backends, login, setupTestApp } from './support/app.ts';

describe.each(backends())('first start: admin, sample registry and notices ($name)', ({ name }) => {
  const t = setupTestApp(name);
  let adminId: number | null = null;

  it('creates admin once, with a generated password when DONDOC_ADMIN_PASSWORD is unset', async () => {
    const first = await ensureAdmin(t.db, {});
    expect(first?.generated).toBe(true);
    expect(first?.password.length).toBeGreaterThanOrEqual(12);
    adminId = first?.id ?? null;
    const s = await login(t.app, 'admin', first?.password as string);
    expect(s.user.role).toBe('admin');
    expect(await ensureAdmin(t.db, { DONDOC_ADMIN_PASSWORD: 'khac-hoan-toan' })).toBeNull();
    await expect(login(t.app, 'admin', 'khac-hoan-toan')).rejects.toThrow(/401/);
  });

  it('loads the registry with the 1 July 2025 successions, and sample users', async () => {
    const summary = await loadSampleData(t.db, adminId);
    expect(summary).toMatchObject({ agencies: 124, users: SAMPLE_USERS.length });
    const rows = await t.db
      .selectFrom('agencies as a')
      .leftJoin('agencies as s', 's.id', 'a.successor_id')
      .select(['a.name', 'a.province', 'a.dissolved_at', 's.name as succName', 's.province as succProvince'])
      .execute();
    const find = (n: string, p: string) => rows.find((r) => r.name === n && r.province === p);
    expect(find('Sở Thông tin và Truyền thông', 'Kiên Giang')).toMatchObject({
      dissolved_at: '2025-07-01',
      succName: 'Sở Khoa học và Công nghệ',
      succProvince: 'An Giang',
    });
    expect(find('Sở Kế hoạch và Đầu tư', 'Bình Định')).toMatchObject({
      succName: 'Sở Tài chính',
      succProvince: 'Gia Lai',
    });
    expect(find('Sở Giao thông vận tải', 'Quảng Nam')).toMatchObject({
      succName: 'Sở Xây dựng',
      succProvince: 'Đà Nẵng',
    });
    for (const old of ['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Phát triển nông thôn'])
      expect(find(old, 'Vĩnh Phúc')).toMatchObject({
        succName: 'Sở Nông nghiệp và Môi trường',
        succProvince: 'Phú Thọ',
      });
    expect(find('Sở Lao động - Thương binh và Xã hội', 'Kiên Giang')).toMatchObject({
      succName: 'Sở Nội vụ',
    });
    expect(find('Ủy ban nhân dân thành phố', 'Đà Nẵng')).toMatchObject({ dissolved_at: null });
    expect(find('Ủy ban nhân dân tỉnh', 'Quảng Nam')).toMatchObject({
      succName: 'Ủy ban nhân dân thành phố',
      succProvince: 'Đà Nẵng',
    });
    // Every old-province agency is dissolved into the new province; no new one is.
    for (const r of rows) {
      const old = ['Kiên Giang', 'Vĩnh Phúc', 'Bình Định', 'Quảng Nam'].includes(r.province ?? '');
      expect(r.dissolved_at !== null, `${r.name} ${r.province}`).toBe(old);
    }
    const agencyUser = await login(t.app, 'sokhcn.angiang', SAMPLE_PASSWORD);
    expect(agencyUser.user).toMatchObject({ role: 'agency', agencyName: 'Sở Khoa học và Công nghệ' });
    expect((await login(t.app, 'vanphong', SAMPLE_PASSWORD)).user.role).toBe('officer');
    expect((await loadSampleData(t.db, adminId)).skipped).toBeTruthy();
  });

  it('suggests the old department first for an old notice, then its successor', async () => {
    const s = await login(t.app, 'vanphong', SAMPLE_PASSWORD);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/agencies/suggest?name=${encodeURIComponent('Sở Thông tin và Truyền thông')}&province=${encodeURIComponent('Kiên Giang')}`,
      headers: s.headers,
    });
    const list = res.json() as { agency: { name: string; province: string }; reason: string }[];
    expect(list[0]).toMatchObject({
      agency: { name: 'Sở Thông tin và Truyền thông', province: 'Kiên Giang' },
      reason: 'exact',
    });
    expect(list[1]).toMatchObject({
      agency: { name: 'Sở Khoa học và Công nghệ', province: 'An Giang' },
      reason: 'successor',
    });
  });

  it('imports the bundled sample notices as drafts, once', async () => {
    const r = await importSampleNotices(t.db, adminId);
    expect(r.failed).toEqual([]);
    expect(r.imported).toBe(5);
    const docs = await t.db.selectFrom('documents').select(['status', 'created_by']).execute();
    expect(docs).toHaveLength(5);
    expect(docs.every((d) => d.status === 'draft' && d.created_by === adminId)).toBe(true);
    expect((await importSampleNotices(t.db, adminId)).imported).toBe(0);
  });
});
