// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, not DOM nodes
/**
 * The acceptance journeys, in a real Chromium against a real `dondoc serve` on a fresh
 * database: import → review → publish → agency inbox → progress, extension, done →
 * confirmation → leader dashboard → report download → another agency refused.
 * Screenshots go to test-artifacts/e2e/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../src/format.ts';
import {
  ADMIN_PASSWORD,
  type AgencyRow,
  ApiSession,
  ARTIFACTS,
  browserSkipReason,
  ensureAgency,
  ensureUser,
  launchBrowser,
  type Server,
  shooter,
  signIn,
  startServer,
  unlabelledControls,
} from './harness.ts';

const SKIP = browserSkipReason();
if (SKIP) console.warn(`[web e2e] ĐÃ BỎ QUA kiểm thử trình duyệt: ${SKIP}`);

const SEED = '/work/shared/corpus/seeds/000_d92b5e56d0364345.txt';
const PASSWORD = 'Mat-khau-e2e-2025';
const USERS = {
  officer: { username: 'vanphong.e2e', displayName: 'Nguyễn Văn Phòng', role: 'officer' },
  leader: { username: 'lanhdao.e2e', displayName: 'Trần Lãnh Đạo', role: 'leader' },
  agency: { username: 'noivu.e2e', displayName: 'Lê Nội Vụ', role: 'agency' },
  other: { username: 'taichinh.e2e', displayName: 'Phạm Tài Chính', role: 'agency' },
} as const;

function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
function isoPlus(days: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

interface Figures {
  done_on_time: number;
  done_late: number;
  open_on_time: number;
  open_overdue: number;
}

async function readFigures(page: Page): Promise<Figures> {
  const read = async (b: keyof Figures) =>
    Number(await page.getByTestId(`bucket-${b}`).locator('.bucket-figure').innerText());
  return {
    done_on_time: await read('done_on_time'),
    done_late: await read('done_late'),
    open_on_time: await read('open_on_time'),
    open_overdue: await read('open_overdue'),
  };
}

describe.skipIf(SKIP !== null)('web journeys (Chromium + dondoc serve)', () => {
  let server: Server;
  let browser: Browser;
  let admin: ApiSession;
  const agencies: Record<string, AgencyRow> = {};
  const contexts: BrowserContext[] = [];
  // Shared along the journey.
  let taskId = 0;
  let taskText = '';
  const due = isoPlus(20);

  async function newPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  beforeAll(async () => {
    server = await startServer();
    admin = await ApiSession.login(server.url, 'admin', ADMIN_PASSWORD);
    for (const [key, name] of [
      ['tttt', 'Sở Thông tin và Truyền thông'],
      ['noivu', 'Sở Nội vụ'],
      ['vp', 'Văn phòng UBND tỉnh'],
      ['ca', 'Công an tỉnh'],
      ['tc', 'Sở Tài chính'],
    ] as const) {
      agencies[key] = await ensureAgency(admin, name);
    }
    await ensureUser(admin, { ...USERS.officer, password: PASSWORD });
    await ensureUser(admin, { ...USERS.leader, password: PASSWORD });
    await ensureUser(admin, { ...USERS.agency, password: PASSWORD, agencyId: agencies.noivu?.id });
    await ensureUser(admin, { ...USERS.other, password: PASSWORD, agencyId: agencies.tc?.id });
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  it('officer uploads a seed notice, corrects a lead agency and a due date, publishes', async () => {
    const shot = shooter('1-officer');
    const page = await newPage();
    await signIn(page, server.url, USERS.officer.username, PASSWORD);
    await page.waitForURL('**/import');
    // Two files at once, each with its own progress bar: the notice, and a file that is no notice.
    const junk = path.join(ARTIFACTS, 'tep-hong.bin');
    writeFileSync(junk, Buffer.from([0, 159, 146, 150, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8]));
    await page.getByTestId('file-input').setInputFiles([SEED, junk]);
    const bad = page.locator('.upload').filter({ hasText: 'tep-hong.bin' });
    await bad.locator('.error-text').waitFor({ timeout: 60_000 });
    expect(await bad.locator('.error-text').innerText()).toMatch(/[à-ỹđ]/);
    const upload = page.locator('.upload').filter({ hasText: path.basename(SEED) });
    await expect
      .poll(async () => upload.getAttribute('class'), { timeout: 60_000 })
      .toMatch(/upload-(done|duplicate)/);
    expect(await upload.locator('progress').getAttribute('value')).toBe('1');
    await shot(page, 'uploaded');
    await upload.getByRole('link', { name: 'Rà soát' }).click();
    await page.waitForURL('**/documents/*');
    const cards = page.getByTestId('draft-task');
    await cards.first().waitFor();
    const count = await cards.count();
    expect(count).toBeGreaterThan(3);
    // Highlights of the tasks in the source text.
    await expect
      .poll(() => page.getByTestId('source-text').locator('mark.hl-task').count())
      .toBeGreaterThan(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await shot(page, 'review');

    // Match the notice's name once; the review applies it to every task that uses it.
    const use = page.getByRole('button', { name: /^Dùng: Sở Thông tin và Truyền thông/ }).first();
    if (await use.count()) await use.click();
    // Any task still without a registry lead gets one through the combobox.
    for (let i = 0; i < count; i++) {
      const lead = page.getByTestId(`lead-${i}`);
      if ((await lead.locator('.chip').count()) === 0) {
        await lead.getByRole('combobox').fill('thong tin truyen thong');
        await lead.getByRole('option').first().waitFor();
        await lead.getByRole('combobox').press('Enter');
      }
      await expect.poll(() => lead.locator('.chip').count()).toBeGreaterThan(0);
    }

    // Correct the first task: lead → Sở Nội vụ (typed without diacritics), due date.
    const lead0 = page.getByTestId('lead-0');
    while ((await lead0.locator('.chip-remove').count()) > 0)
      await lead0.locator('.chip-remove').first().click();
    // By keyboard: type without diacritics, arrows move through the registry, Enter picks.
    await lead0.getByRole('combobox').fill('so noi vu');
    await lead0.getByRole('option', { name: 'Sở Nội vụ', exact: true }).waitFor();
    await lead0.getByRole('combobox').press('ArrowDown');
    await lead0.getByRole('combobox').press('ArrowUp');
    expect(
      await lead0.getByRole('option', { name: 'Sở Nội vụ', exact: true }).getAttribute('aria-selected'),
    ).toBe('true');
    await lead0.getByRole('combobox').press('Enter');
    await expect
      .poll(() => lead0.locator('.chip').allInnerTexts())
      .toEqual([expect.stringContaining('Sở Nội vụ')]);
    const dueInput = page.getByTestId('due-0').getByLabel('Hạn', { exact: true });
    await dueInput.fill(dmy(due));
    await dueInput.press('Tab');
    taskText = await cards.first().locator('textarea').inputValue();
    expect(taskText.length).toBeGreaterThan(10);
    await shot(page, 'corrected');

    await page.getByRole('button', { name: 'Ban hành theo dõi' }).click();
    const pastDue = page.getByRole('button', { name: 'Vẫn ban hành với hạn đã qua' });
    await Promise.race([page.waitForURL('**/tasks?documentId=*'), pastDue.waitFor()]);
    if (!page.url().includes('/tasks?')) {
      await shot(page, 'past-due-warning');
      await pastDue.click();
      await page.waitForURL('**/tasks?documentId=*');
    }
    const row = page.getByTestId('task-row').filter({ hasText: 'Sở Nội vụ' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain(dmy(due));
    await shot(page, 'published');

    const tasks = await admin.json<{
      items: { id: number; due: string | null; leadAgency: { id: number } | null; text: string }[];
    }>('GET', `/api/tasks?agencyId=${agencies.noivu?.id}&pageSize=50`);
    const mine = tasks.items.filter((t) => t.leadAgency?.id === agencies.noivu?.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.due).toBe(due);
    taskId = mine[0]?.id ?? 0;
  });

  let before: Figures;
  it('leader sees the dashboard figures', async () => {
    const shot = shooter('2-leader-before');
    const page = await newPage();
    await signIn(page, server.url, USERS.leader.username, PASSWORD);
    await page.waitForURL('**/dashboard');
    await page.getByTestId('bucket-cards').waitFor();
    before = await readFigures(page);
    expect(before.open_on_time).toBeGreaterThanOrEqual(1);
    expect(await unlabelledControls(page)).toEqual([]);
    await shot(page, 'dashboard');
  });

  it('agency officer reports progress with an attachment, asks for an extension, marks done', async () => {
    expect(taskId).toBeGreaterThan(0);
    const shot = shooter('3-agency');
    const page = await newPage();
    await signIn(page, server.url, USERS.agency.username, PASSWORD);
    await page.waitForURL('**/inbox');
    const row = page.getByTestId('task-row').filter({ hasText: taskText.slice(0, 40) });
    await row.first().waitFor();
    await shot(page, 'inbox');
    // Publication notified the agency: the bell shows it and leads to the task.
    await expect
      .poll(() => page.getByTestId('notifications-unread').innerText(), { timeout: 20_000 })
      .toMatch(/^[1-9]/);
    await page.getByTestId('notifications-button').click();
    const note = page
      .getByTestId('notifications-panel')
      .getByRole('button', { name: /Nhiệm vụ mới \(chủ trì\)/ });
    await note.first().waitFor();
    await shot(page, 'notifications');
    await note.first().click();
    await page.waitForURL(`**/tasks/${taskId}`);
    await page.goBack();
    await row.first().getByRole('link').click();
    await page.waitForURL(`**/tasks/${taskId}`);
    expect(await unlabelledControls(page)).toEqual([]);

    const attachment = path.join(ARTIFACTS, 'bao-cao-tien-do.txt');
    writeFileSync(attachment, 'Báo cáo tiến độ: đã hoàn thành dự thảo kế hoạch.\n');
    await page.getByLabel('Nội dung báo cáo').fill('Đã hoàn thành dự thảo kế hoạch, đang lấy ý kiến các sở.');
    await page.getByLabel('Tỷ lệ hoàn thành (%)').fill('60');
    await page.getByLabel('Tệp đính kèm').setInputFiles(attachment);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByText('Đã gửi báo cáo tiến độ.').waitFor();
    await page
      .getByTestId('progress-list')
      .getByRole('link', { name: /bao-cao-tien-do\.txt/ })
      .waitFor();
    await shot(page, 'progress');

    const extDue = page.getByTestId('extension-due').getByLabel('Hạn đề nghị');
    await extDue.fill(dmy(isoPlus(40)));
    await extDue.press('Tab');
    await page.getByLabel('Lý do').fill('Cần thêm thời gian lấy ý kiến các sở, ngành.');
    await page.getByRole('button', { name: 'Gửi đề nghị gia hạn' }).click();
    await page.getByText('Đã gửi đề nghị gia hạn.').waitFor();
    await page
      .getByTestId('extension-list')
      .getByText(dmy(isoPlus(40)))
      .waitFor();
    await shot(page, 'extension');

    await page.getByRole('button', { name: 'Đánh dấu đã hoàn thành' }).click();
    await page.getByText('Đã báo cáo hoàn thành.').waitFor();
    await expect.poll(() => page.getByTestId('task-status').innerText()).toContain('Chờ xác nhận');
    await shot(page, 'submitted');

    // The same inbox at phone size.
    const phone = await newPage({ width: 390, height: 844 });
    await signIn(phone, server.url, USERS.agency.username, PASSWORD);
    await phone.getByTestId('task-row').first().waitFor();
    await shot(phone, 'inbox-390');
  });

  it('officer confirms; the leader dashboard changes and drills down', async () => {
    const shot = shooter('4-confirm');
    const page = await newPage();
    await signIn(page, server.url, USERS.officer.username, PASSWORD);
    await page.goto(`${server.url}/tasks/${taskId}`);
    // The extension the agency asked for: approved, the due date moves.
    await page.getByTestId('extension-list').getByLabel('Ý kiến').fill('Đồng ý gia hạn theo đề nghị.');
    await page.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
    await page.getByText('Đã đồng ý gia hạn.').waitFor();
    await expect.poll(() => page.getByTestId('task-due').innerText()).toContain(dmy(isoPlus(40)));
    await page.getByTestId('extension-list').getByText('Đã đồng ý').waitFor();
    await shot(page, 'extension-approved');
    await page.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await page.getByText('Đã xác nhận hoàn thành.').waitFor();
    await expect.poll(() => page.getByTestId('task-status').innerText()).toContain('Hoàn thành');
    await shot(page, 'confirmed');

    const leader = await newPage();
    await signIn(leader, server.url, USERS.leader.username, PASSWORD);
    await leader.getByTestId('bucket-cards').waitFor();
    const after = await readFigures(leader);
    expect(after.done_on_time).toBe(before.done_on_time + 1);
    expect(after.open_on_time).toBe(before.open_on_time - 1);
    await shot(leader, 'dashboard-after');
    await leader.getByTestId('bucket-done_on_time').click();
    await leader.waitForURL('**/tasks?*bucket=done_on_time*');
    const rows = leader.getByTestId('task-row');
    await rows.first().waitFor();
    // The list may still show the rows of the previous request for a moment: wait for the filtered one.
    await expect.poll(() => rows.count()).toBe(after.done_on_time);
    await expect.poll(() => rows.first().innerText()).toContain('Sở Nội vụ');
    await shot(leader, 'drilldown');

    // Free text without diacritics, then sorting by the deadline column.
    await leader.goto(`${server.url}/tasks`);
    await leader.getByLabel('Tìm kiếm').fill(fold(taskText).split(/\s+/).slice(0, 10).join(' '));
    await leader.getByRole('button', { name: 'Lọc', exact: true }).click();
    await leader.waitForURL('**/tasks?*q=*');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toContain('Sở Nội vụ');
    await shot(leader, 'search-without-diacritics');
    await leader.getByRole('button', { name: 'Xóa lọc' }).click();
    const dueHeader = leader.getByRole('columnheader', { name: /Hạn/ });
    expect(await dueHeader.getAttribute('aria-sort')).toBe('ascending');
    await dueHeader.getByRole('button').click();
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('descending');
    // The header changes at once, the rows when the sorted page arrives: poll the dates.
    const dueDates = async () =>
      (await rows.locator('td[data-label="Hạn"]').allInnerTexts())
        .map((d) => d.match(/(\d{2})\/(\d{2})\/(\d{4})/))
        .filter(Boolean)
        .map((m) => `${m?.[3]}-${m?.[2]}-${m?.[1]}`);
    await expect.poll(async () => (await dueDates()).length).toBeGreaterThan(1);
    await expect
      .poll(async () => {
        const iso = await dueDates();
        return iso.join() === [...iso].sort().reverse().join();
      })
      .toBe(true);
  });

  it('a report previews and downloads as XLSX that reads back', async () => {
    const shot = shooter('5-report');
    const page = await newPage();
    await signIn(page, server.url, USERS.leader.username, PASSWORD);
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Báo cáo', exact: true })
      .click();
    await page.getByLabel('Cơ quan').selectOption({ label: 'Sở Nội vụ' });
    await page.getByLabel('Kỳ báo cáo').selectOption('year');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByTestId('report-preview').waitFor();
    await shot(page, 'preview');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-xlsx').click(),
    ]);
    const file = path.join(ARTIFACTS, 'bao-cao.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const cells: string[] = [];
    for (const sheet of book.worksheets)
      sheet.eachRow((r) => {
        r.eachCell((c) => {
          cells.push(String(c.text ?? ''));
        });
      });
    const all = cells.join('\n');
    expect(all).toContain('Sở Nội vụ');
    expect(all).toContain(taskText.slice(0, 30));
  });

  it('admin records a merger: open tasks follow the agency to its successor', async () => {
    const shot = shooter('6-admin');
    const openBefore = await admin.json<{ total: number }>(
      'GET',
      `/api/tasks?agencyId=${agencies.tttt?.id}&agencyRole=lead&status=not_started,in_progress,returned&pageSize=1`,
    );
    expect(openBefore.total).toBeGreaterThan(0);
    const page = await newPage();
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Danh mục cơ quan', exact: true })
      .click();
    await page.getByLabel('Tên cơ quan', { exact: true }).fill('Sở Khoa học và Công nghệ');
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await page.getByText('Đã thêm cơ quan.').waitFor();
    await page
      .getByLabel('Cơ quan cũ (giữ Ctrl để chọn nhiều)')
      .selectOption({ label: 'Sở Thông tin và Truyền thông' });
    await page.getByLabel('Cơ quan kế thừa').selectOption({ label: 'Sở Khoa học và Công nghệ' });
    await page
      .getByLabel('Căn cứ (quyết định, ghi chú)')
      .fill('Hợp nhất theo Nghị quyết của HĐND tỉnh, hiệu lực 01/7/2025');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ghi nhận kế thừa' }).click();
    const flash = page.getByText(
      /Đã ghi nhận kế thừa: \d+ nhiệm vụ chưa hoàn thành đã chuyển sang Sở Khoa học và Công nghệ/,
    );
    await flash.waitFor();
    const moved = Number((await flash.innerText()).match(/: (\d+) nhiệm vụ/)?.[1]);
    expect(moved).toBe(openBefore.total);
    await shot(page, 'succession');
    const khcn = (
      await admin.json<{ items: AgencyRow[] }>('GET', '/api/agencies?q=Khoa%20h%E1%BB%8Dc&pageSize=50')
    ).items.find((a) => a.name === 'Sở Khoa học và Công nghệ');
    const now = await admin.json<{ total: number }>(
      'GET',
      `/api/tasks?agencyId=${khcn?.id}&agencyRole=lead&pageSize=1`,
    );
    expect(now.total).toBeGreaterThanOrEqual(moved);
  });

  it('a wrong password is explained in Vietnamese; an expired session goes to sign-in and back', async () => {
    const shot = shooter('7-auth');
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    // The form renders after the session check: wait for it before using the keyboard.
    await page.getByLabel('Tên đăng nhập').waitFor();
    // Keyboard only: the first Tab reaches the username field, Enter submits.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('username');
    await page.getByLabel('Tên đăng nhập').fill(USERS.officer.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    await shot(page, 'wrong-password');
    await signIn(page, server.url, USERS.officer.username, PASSWORD);
    // The skip link is the first stop and takes focus to the page content.
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    await skip.waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    expect(await skip.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');
    await page.goto(`${server.url}/tasks?bucket=open_overdue`);
    await page.getByTestId('task-row').first().waitFor();
    await page.context().clearCookies();
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Tổng quan', exact: true })
      .click();
    await page.waitForURL('**/login');
    await page.getByLabel('Tên đăng nhập').fill(USERS.officer.username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/dashboard');
    // English is one switch away.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('heading', { name: 'Task dashboard' }).waitFor();
    await page.getByTestId('bucket-cards').waitFor();
    expect(await page.getByTestId('bucket-done_on_time').innerText()).toContain('Done on time');
    await shot(page, 'english');
    await page.getByLabel('Language').selectOption('vi');
  });

  it('another agency typing the task URL sees "Không có quyền" and the API refuses', async () => {
    const shot = shooter('8-forbidden');
    const page = await newPage();
    await signIn(page, server.url, USERS.other.username, PASSWORD);
    await page.goto(`${server.url}/tasks/${taskId}`);
    await page.getByRole('heading', { name: 'Không có quyền' }).waitFor();
    const status = await page.evaluate(async (id) => (await fetch(`/api/tasks/${id}`)).status, taskId);
    expect([403, 404]).toContain(status);
    await shot(page, 'forbidden');
  });
});

if (SKIP) {
  describe('web journeys', () => {
    it.skip(`bỏ qua: ${SKIP}`, () => undefined);
  });
}
