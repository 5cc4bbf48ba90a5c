import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSmtpConfig, smtpConfigFromUrl } from '../src/mail/config.ts';
import { createMailer, MailerCache } from '../src/mail/mailer.ts';
import { digestMail, reminderMail, testMail } from '../src/mail/templates.ts';
import { buildDigest } from '../src/reminders/schedule.ts';
import { startTestSmtp, type TestSmtpServer } from './support/smtp.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtp({ user: 'dondoc', pass: 'mật khẩu' });
});
afterAll(async () => {
  await smtp.close();
});

const task = {
  taskId: '17',
  text: 'Khẩn trương hoàn thiện hồ sơ dự án đường ven sông <Cầu Đỏ> & trình UBND tỉnh',
  ref: '2.1',
  due: '2026-03-20',
  leadAgencyName: 'Sở Xây dựng',
  supportAgencyNames: ['Sở Tài chính', 'Sở Khoa học và Công nghệ'],
  documentNumber: '45/TB-UBND',
  documentDate: '2026-02-10',
  documentSubject: 'kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Xây dựng',
};

describe('SMTP configuration', () => {
  it('reads settings first, then DONDOC_SMTP_URL, else none', () => {
    expect(resolveSmtpConfig(null, {})).toBeNull();
    expect(resolveSmtpConfig({ host: '' }, {})).toBeNull();
    const fromEnv = resolveSmtpConfig(null, {
      DONDOC_SMTP_URL: 'smtps://a%40b:p%3Aw@mail.tinh.gov.vn?from=x@y.vn',
    });
    expect(fromEnv).toEqual({
      host: 'mail.tinh.gov.vn',
      port: 465,
      secure: true,
      user: 'a@b',
      pass: 'p:w',
      from: 'x@y.vn',
    });
    const fromSettings = resolveSmtpConfig(
      { host: 'relay', port: 25, secure: false, user: null, pass: null, from: 'vp@tinh.vn' },
      { DONDOC_SMTP_URL: 'smtp://other:1' },
    );
    expect(fromSettings?.host).toBe('relay');
    expect(() => smtpConfigFromUrl('http://x')).toThrow(/smtp:\/\//);
  });
});

describe('mailer and Vietnamese templates', () => {
  it('delivers a reminder with subject, deadline dd/mm/yyyy, document and link, text and HTML', async () => {
    const mailer = createMailer(
      smtpConfigFromUrl(`${smtp.url}?from=${encodeURIComponent('Văn phòng <vp@tinh.vn>')}`),
    );
    const content = reminderMail('before', 3, task, {
      baseUrl: 'https://dondoc.tinh.vn/',
      recipientName: 'Nguyễn Văn A',
    });
    const before = smtp.messages.length;
    const res = await mailer.send({ to: 'a@soxd.tinh.vn', ...content });
    expect(res.accepted).toEqual(['a@soxd.tinh.vn']);
    const [m] = (await smtp.waitFor(before + 1)).slice(before);
    expect(m?.envelopeTo).toEqual(['a@soxd.tinh.vn']);
    expect(m?.subject).toBe(
      '[Đôn đốc] Nhiệm vụ còn 3 ngày đến hạn: Khẩn trương hoàn thiện hồ sơ dự án đường ven sông <Cầu Đỏ> & trình UBND tỉnh',
    );
    expect(m?.from).toContain('vp@tinh.vn');
    expect(m?.text).toContain('Kính gửi Nguyễn Văn A,');
    expect(m?.text).toContain('Thời hạn: 20/03/2026');
    expect(m?.text).toContain('Văn bản: Thông báo số 45/TB-UBND ngày 10/02/2026');
    expect(m?.text).toContain('Cơ quan phối hợp: Sở Tài chính; Sở Khoa học và Công nghệ');
    expect(m?.text).toContain('https://dondoc.tinh.vn/tasks/17');
    expect(m?.html).toContain('&lt;Cầu Đỏ&gt; &amp; trình');
    expect(m?.html).toContain('href="https://dondoc.tinh.vn/tasks/17"');
    mailer.close();
  });

  it('writes overdue, due-today, digest and test mails in Vietnamese', () => {
    expect(reminderMail('overdue', -4, task, { baseUrl: 'http://x' }).subject).toMatch(
      /^\[Đôn đốc\] Nhiệm vụ đã quá hạn 4 ngày: /,
    );
    expect(reminderMail('due_today', 0, task, { baseUrl: 'http://x' }).text).toContain('đến hạn hôm nay');
    const digest = buildDigest(
      [
        { id: '1', status: 'in_progress', due: '2026-03-01', text: 'Việc A', leadAgencyName: 'Sở Y tế' },
        { id: '2', status: 'done', due: '2026-03-25', completedAt: '2026-03-02T03:00:00Z' },
      ],
      '2026-03-05',
    );
    const d = digestMail(digest, { baseUrl: 'http://x', recipientName: 'Chủ tịch' });
    expect(d.subject).toBe('[Tổng hợp] Tình hình thực hiện nhiệm vụ ngày 05/03/2026');
    expect(d.text).toContain('- Chưa hoàn thành, quá hạn: 1');
    expect(d.text).toContain('- Hoàn thành đúng hạn: 1');
    expect(d.text).toContain('1. Việc A — Sở Y tế; hạn 01/03/2026, quá 4 ngày');
    expect(testMail({ baseUrl: 'http://x', sentAt: new Date() }).subject).toContain('Thư kiểm tra');
  });

  it('fails a send when the server refuses, and when nothing listens', async () => {
    const mailer = createMailer(smtpConfigFromUrl(smtp.url));
    smtp.failNext(1);
    await expect(mailer.send({ to: 'x@y.vn', subject: 's', text: 't' })).rejects.toThrow();
    expect(smtp.refused).toBeGreaterThanOrEqual(1);
    mailer.close();
    const dead = createMailer(smtpConfigFromUrl('smtp://127.0.0.1:1'), { timeoutMs: 2000 });
    await expect(dead.send({ to: 'x@y.vn', subject: 's', text: 't' })).rejects.toThrow();
    dead.close();
  });

  it('works in-app only without SMTP and says so once', async () => {
    const warnings: string[] = [];
    const cache = new MailerCache(async () => null, { info() {}, warn: (m) => warnings.push(m) });
    expect(await cache.get()).toBeNull();
    expect(await cache.get()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/SMTP/);
  });
});
