// extract() end to end on the five seed notices, compared with corpus/seeds/gold field by
// field: document fields, recipients, signer, the ĐẾN stamp, and the tasks matched by their
// text with their lead, support and due date (CONTRACT rules: agencies compared folded —
// NFC, lower case, one tone placement, abbreviations expanded — one containing the other).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandAbbreviations } from '../src/agencies/lexicon.ts';
import { extract, validateNotice } from '../src/index.ts';
import { toneKey } from '../src/text/fold.ts';
import type { Notice, Task } from '../src/types.ts';

const seeds = path.resolve(import.meta.dirname, '../../../corpus/seeds');
const files = readdirSync(seeds)
  .filter((f) => f.endsWith('.txt'))
  .sort();

interface GoldTask {
  ref?: string | null;
  text: string;
  lead: string[];
  support: string[];
  due: string | null;
  dueAmbiguous?: boolean;
  optional?: boolean;
}
interface Gold extends Omit<Notice, 'tasks' | 'warnings' | 'text' | 'spans'> {
  tasks: GoldTask[];
}

/** Task text as compared: markup the cleaner removes ("**tháng 5/2021**") dropped, whitespace folded. */
const textKey = (s: string) => s.normalize('NFC').replace(/[*_]/g, '').replace(/\s+/g, ' ').trim();
const agencyKey = (s: string) =>
  toneKey(expandAbbreviations(s.normalize('NFC')))
    .replace(/[.,;:()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const sameAgency = (a: string, b: string) => {
  const x = agencyKey(a);
  const y = agencyKey(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
};
/** Every gold name has a predicted one and every predicted name a gold one. */
function agencyDiff(gold: string[], pred: string[]): { missing: string[]; extra: string[] } {
  return {
    missing: gold.filter((g) => !pred.some((p) => sameAgency(g, p))),
    extra: pred.filter((p) => !gold.some((g) => sameAgency(g, p))),
  };
}

describe.each(files)('extract(%s)', (file) => {
  const input = readFileSync(path.join(seeds, file), 'utf8');
  const gold = JSON.parse(
    readFileSync(path.join(seeds, 'gold', file.replace(/\.txt$/, '.json')), 'utf8'),
  ) as Gold;
  const record = extract(input);

  it('is valid notice@1 and warns of nothing unexpected', () => {
    expect(validateNotice(record)).toEqual([]);
    expect(record.schema).toBe('notice@1');
    expect(record.warnings.map((w) => w.code)).not.toContain('not-a-notice');
    expect(record.warnings.map((w) => w.code)).not.toContain('task-without-lead');
  });

  it('warns the officer of what it repaired or could not read', () => {
    // Seed 001: "Số: /TB-STTTT", "Vinh Phúc, ngày tháng 12 năm 2020"; seed 002: pages scanned twice.
    const expected: Record<string, string[]> = {
      '001_067ad6253af2344e.txt': ['blank-number', 'blank-day', 'place-corrected'],
      '002_fde9e50072a34a55.txt': ['repeated-pages'],
    };
    expect(record.warnings.map((w) => w.code).sort()).toEqual((expected[file] ?? []).sort());
    for (const w of record.warnings) {
      expect(w.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u);
      if (w.span) expect(w.span.end).toBeGreaterThan(w.span.start);
    }
  });

  it('number, notation, type, place, date, subject', () => {
    expect({
      number: record.number,
      notation: record.notation,
      docType: record.docType,
      place: record.place,
      date: record.date,
      subject: record.subject,
    }).toEqual({
      number: gold.number,
      notation: gold.notation,
      docType: gold.docType,
      place: gold.place,
      date: gold.date,
      subject: gold.subject === null ? null : textKey(gold.subject),
    });
  });

  it('issuer', () => {
    expect(record.issuer).not.toBeNull();
    expect(
      sameAgency(gold.issuer as string, record.issuer as string),
      `${record.issuer} ≠ ${gold.issuer}`,
    ).toBe(true);
  });

  it('meeting date and presider', () => {
    expect(record.meeting?.date).toBe(gold.meeting?.date);
    expect(record.meeting?.presider?.name ?? null).toBe(gold.meeting?.presider?.name ?? null);
    if (gold.meeting?.presider?.title)
      expect(agencyKey(record.meeting?.presider?.title ?? '')).toBe(agencyKey(gold.meeting?.presider.title));
  });

  it('recipients, signer and the ĐẾN stamp', () => {
    expect(record.recipients).toEqual(gold.recipients);
    expect(record.signer).toEqual(gold.signer);
    expect(record.received).toEqual(gold.received);
  });

  it('finds every required gold task by its text, and no task that gold lacks', () => {
    const predicted = new Set(record.tasks.map((t) => textKey(t.text)));
    const goldTexts = new Set(gold.tasks.map((t) => textKey(t.text)));
    const missed = gold.tasks
      .filter((t) => !t.optional && !predicted.has(textKey(t.text)))
      .map((t) => t.text);
    const extra = record.tasks.filter((t) => !goldTexts.has(textKey(t.text))).map((t) => t.text);
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
  });

  it('each matched task has the gold lead, support and due date', () => {
    const byText = new Map<string, Task>(record.tasks.map((t) => [textKey(t.text), t]));
    const wrong: unknown[] = [];
    for (const g of gold.tasks) {
      const p = byText.get(textKey(g.text));
      if (!p) continue;
      const lead = agencyDiff(g.lead, p.lead);
      const support = agencyDiff(g.support, p.support);
      const dueOk = p.due === (g.due ?? null) || (g.dueAmbiguous === true && p.due === null);
      if (
        lead.missing.length ||
        lead.extra.length ||
        support.missing.length ||
        support.extra.length ||
        !dueOk
      )
        wrong.push({ task: g.text.slice(0, 60), lead, support, due: { gold: g.due ?? null, pred: p.due } });
    }
    expect(wrong).toEqual([]);
  });

  it("every task's text is the whitespace-folded slice of record.text at its span", () => {
    for (const t of record.tasks) {
      expect(t.span.start).toBeLessThan(t.span.end);
      expect(record.text.slice(t.span.start, t.span.end).replace(/\s+/g, ' ').trim()).toBe(t.text);
    }
  });

  it('field spans point at their words', () => {
    const at = (k: keyof Notice['spans']) => {
      const s = record.spans[k];
      return s ? record.text.slice(s.start, s.end) : null;
    };
    if (record.number) expect(at('number')).toContain(record.number);
    if (record.notation) expect(at('notation')?.replace(/\s+/g, '')).toContain(record.notation);
    if (record.date && record.date.length === 10) expect(at('date')).toMatch(/ngày/);
    // A name glued to the archive line ("Lưu: VT, K9, K8. Lê Ngọc An", seed 003) has no block span.
    if (record.signer?.name && record.spans.signer) expect(at('signer')).toContain(record.signer.name);
    if (record.recipients.length) expect(at('recipients')).toMatch(/^N[ơo]i nh[ậa]n/u);
  });
});

describe('extract on input that is no notice', () => {
  it('never throws and says what it found', () => {
    const r = extract('Xin chào. Đây là một đoạn văn bản bất kỳ, không có số, ký hiệu hay địa danh.');
    expect(validateNotice(r)).toEqual([]);
    expect(r.tasks).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('not-a-notice');
    expect(r.warnings[0]?.message).toMatch(/thông báo kết luận/);
  });

  it('ends on a capital outside the BMP inside an item (it once looped for ever)', () => {
    const r = extract(
      '11.2. Yeu cau\uFFFD \u{1D400}\nCac nhiem vu phai duoc trien khai dong bo, co trong tam, trong diem; xac dinh ro co quan chu tri, co quan phoi hop, thoi gian hoan thanh; gan trach nhiem cua nguoi dung dau voi ket qua thuc hien.\n',
    );
    expect(validateNotice(r)).toEqual([]);
    expect(r.tasks).toHaveLength(1);
  });

  it('an invitation (Giấy mời) gives no tasks (Decree 30/2020, Phụ lục III types)', () => {
    const r = extract(
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH GIA LAI',
        '',
        'Số: 215/GM-UBND',
        '',
        'Gia Lai, ngày 20 tháng 10 năm 2025',
        '',
        'GIẤY MỜI',
        'Họp bàn giải pháp thúc đẩy giải ngân vốn đầu tư công năm 2025',
        '',
        '1. Giao Sở Tài chính chuẩn bị báo cáo tình hình giải ngân, gửi các đại biểu trước ngày 22/10/2025.',
      ].join('\n'),
    );
    expect(r.docType).toBe('GM');
    expect(r.tasks).toEqual([]);
  });
});

describe("extract on a party committee's notice (Hướng dẫn 36-HD/VPTW)", () => {
  it("the people's committee leads and supports like any body: the issuer is the party committee", () => {
    const r = extract(
      [
        'ĐẢNG BỘ TỈNH THANH HÓA',
        'HUYỆN ỦY NGỌC LẶC',
        '*',
        'Số 41-TB/HU',
        '',
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        '',
        'Ngọc Lặc, ngày 12 tháng 3 năm 2025',
        '',
        'THÔNG BÁO',
        'Kết luận của Ban Thường vụ Huyện ủy về công tác dân vận',
        '',
        'Ban Thường vụ Huyện ủy kết luận như sau:',
        '',
        '1. Ban Dân vận Huyện ủy chủ trì, phối hợp với UBND huyện tổ chức gặp mặt người có uy tín trước ngày 30/4/2025.',
        '2. Ủy ban nhân dân huyện chỉ đạo các xã rà soát hộ nghèo, hoàn thành trong quý II/2025.',
      ].join('\n'),
    );
    expect(r.notation).toBe('TB/HU');
    expect(r.tasks.map((t) => [t.lead, t.support])).toEqual([
      [['Ban Dân vận Huyện ủy'], ['UBND huyện']],
      [['Ủy ban nhân dân huyện'], []],
    ]);
  });
});

describe('extract on a notice of our own (roman sections, an assessment, a declined proposal)', () => {
  const record = extract(`ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH

Số: 512/TB-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Tĩnh, ngày 05 tháng 11 năm 2025

THÔNG BÁO
Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Hồng Lĩnh tại cuộc họp về chuyển đổi số

Ngày 31/10/2025, Phó Chủ tịch UBND tỉnh Nguyễn Hồng Lĩnh chủ trì cuộc họp với Sở Khoa học và Công nghệ về chuyển đổi số. Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:

I. ĐÁNH GIÁ CHUNG

Thời gian qua, các sở, ngành đã có nhiều cố gắng; tuy nhiên tỷ lệ hồ sơ trực tuyến toàn trình còn thấp.

II. NHIỆM VỤ TRỌNG TÂM

1. Sở Khoa học và Công nghệ:
a) Chủ trì, phối hợp với Văn phòng UBND tỉnh hoàn thiện Kho dữ liệu dùng chung của tỉnh, hoàn thành trước ngày 15/12/2025.
b) Hướng dẫn UBND các xã, phường triển khai nền tảng số cấp xã.

2. Về đề nghị bổ sung kinh phí năm 2025 của Sở Khoa học và Công nghệ: Giao Sở Tài chính xem xét, tham mưu UBND tỉnh trong tháng 11/2025.

3. Về đề nghị thành lập Trung tâm Chuyển đổi số: Chưa xem xét, do chưa có hướng dẫn của Trung ương.

4. Giao Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện Thông báo này.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Sở KH&CN;
- Lưu: VT, KGVX.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Hồng Lĩnh`);

  it('reads the header, meeting and footer', () => {
    expect(record).toMatchObject({
      number: '512',
      notation: 'TB-UBND',
      docType: 'TB',
      issuer: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
      place: 'Hà Tĩnh',
      date: '2025-11-05',
      subject: 'Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Hồng Lĩnh tại cuộc họp về chuyển đổi số',
      meeting: {
        date: '2025-10-31',
        presider: { name: 'Nguyễn Hồng Lĩnh', title: 'Phó Chủ tịch UBND tỉnh' },
      },
      recipients: ['Sở KH&CN', 'Lưu: VT, KGVX'],
      signer: { name: 'Nguyễn Hồng Lĩnh', authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH' },
      warnings: [],
    });
  });

  it('finds the tasks of section II only; the assessment and "Chưa xem xét" are none', () => {
    expect(
      record.tasks.map((t) => [t.ref, t.text.split(' ').slice(0, 3).join(' '), t.lead, t.support, t.due]),
    ).toEqual([
      ['II.1.a', 'Chủ trì, phối', ['Sở Khoa học và Công nghệ'], ['Văn phòng UBND tỉnh'], '2025-12-15'],
      ['II.1.b', 'Hướng dẫn UBND', ['Sở Khoa học và Công nghệ'], [], null],
      ['II.2', 'Về đề nghị', ['Sở Tài chính'], [], '2025-11-30'],
      ['II.4', 'Giao Chánh Văn', [expect.stringMatching(/Văn phòng UBND tỉnh$/)], [], null],
    ]);
  });
});

describe('extract on OCR that lost its diacritics (s08, Thanh Hóa)', () => {
  // The parsers read a view with diacritics restored; the record keeps the printed text.
  const input = [
    'UY BAN NHAN DAN TINH THANH HOA',
    'VAN PHONG',
    '',
    'So: 97 /TB-VP',
    '',
    'Thanh Hoa, ngay 24 thang 4 nam 2020',
    '',
    'THONG BAO',
    'Ket luan cua Pho Chu tich UBND tinh Le Van Thuan tai cuoc hop ve cong tac chuan bi mua mua bao nam 2020',
    '',
    'Ngày 21/4/2020, tại trụ sở UBND tỉnh, đồng chí Lê Văn Thuận, Phó Chủ tịch UBND tỉnh đã chủ trì cuộc họp về công tác chuẩn bị phòng, chống thiên tai mùa mưa bão năm 2020.',
    '',
    'Sau khi nghe báo cáo va ý kiến cua cac đại biểu dự họp, Pho Chu tich UBND tinh ket luan nhu sau:',
    '',
    '2. Giao So Nong nghiep va PTNT:',
    '- Chu tri, phoi hop voi cac don vi lien quan kiem tra hien trang de dieu, ho dap, cong trinh thuy loi xung yeu; hoan thanh truoc ngay 15/5/2020.',
    '',
    '3. So Xay dung chu tri huong dan cac dia phuong ra soat, gia co nha o, cong trinh cong cong co nguy co mat an toan khi co bao, lu.',
    '',
    '6. Bo Chi huy Quan su tinh xay dung ke hoach huy dong luc luong, phuong tien tham gia ung pho thien tai, tim kiem cuu nan; to chuc dien tap tai huyen Ba Thuoc trong quy II/2020.',
  ].join('\n');
  const record = extract(input);
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase();

  it('reads the header from the restored view', () => {
    expect(record).toMatchObject({
      number: '97',
      notation: 'TB-VP',
      docType: 'TB',
      place: 'Thanh Hóa',
      date: '2020-04-24',
    });
    expect(record.meeting?.date).toBe('2020-04-21');
  });

  it('keeps the printed text in the record and in the task texts', () => {
    expect(record.text).toContain('So Xay dung chu tri huong dan');
    for (const t of record.tasks)
      expect(record.text.slice(t.span.start, t.span.end).replace(/\s+/g, ' ').trim()).toBe(t.text);
  });

  it('finds the leads and deadlines of the items (names compared without diacritics)', () => {
    const got = record.tasks.map((t) => [t.text.split(' ')[0], t.lead.map(fold), t.due]);
    expect(got).toEqual([
      ['Chu', ['so nong nghiep va ptnt'], '2020-05-15'],
      ['So', ['so xay dung'], null],
      ['Bo', ['bo chi huy quan su tinh'], '2020-06-30'],
    ]);
  });
});

describe('extract with options.today when the notice has no date', () => {
  const input = [
    'Số: /TB-UBND',
    'THÔNG BÁO',
    'Kết luận của Chủ tịch UBND tỉnh',
    '',
    'Chủ tịch UBND tỉnh kết luận như sau:',
    '1. Giao Sở Tài chính rà soát, báo cáo UBND tỉnh trong 10 ngày kể từ ngày ký.',
    '2. Giao Sở Xây dựng kiểm tra, hoàn thành trước ngày 30/6.',
  ].join('\n');

  it('without a date, relative and year-less deadlines stay open', () => {
    const r = extract(input);
    expect(r.date).toBeNull();
    expect(r.tasks.map((t) => [t.lead, t.due])).toEqual([
      [['Sở Tài chính'], null],
      [['Sở Xây dựng'], null],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['blank-number']);
  });

  it('with today = 2025-11-20 they count from it', () => {
    const r = extract(input, { today: '2025-11-20' });
    expect(r.date).toBeNull();
    expect(r.tasks.map((t) => [t.due, t.dueText])).toEqual([
      ['2025-11-30', 'trong 10 ngày kể từ ngày ký'],
      ['2026-06-30', 'trước ngày 30/6'],
    ]);
  });
});
