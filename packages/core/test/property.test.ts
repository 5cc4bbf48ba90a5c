// Properties of `extract` that must hold for any input: it never throws, its record is
// valid notice@1, and the record keeps its own promises (spans point at the task's
// words, dates are real dates, the text is NFC). A failure prints fast-check's seed and
// path; rerun it with FC_SEED=<seed> (and FC_PATH=<path>).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract, type Notice, validateNotice } from '../src/index.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const FC_SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
// FC_SCALE=10 runs ten times as many cases, for a longer hunt than the suite's default.
const FC_SCALE = Number(process.env.FC_SCALE) > 0 ? Number(process.env.FC_SCALE) : 1;
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.ceil(numRuns * FC_SCALE),
  ...(FC_SEED !== undefined ? { seed: FC_SEED } : {}),
  ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
});

function corpusTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(repo, 'corpus'));
  return out;
}
const corpus = corpusTexts();

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
/** `yyyy-mm-dd` a real date, or `yyyy-mm` a real month, or null. */
function isDateOrMonth(v: string | null): boolean {
  if (v === null) return true;
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12;
  return isCalendarDate(v);
}

/** Every problem with the record extracted from `input` (empty when it keeps its promises). */
function problems(record: Notice): string[] {
  const out = validateNotice(record);
  if (out.length > 0) return out;
  const text = record.text;
  if (text !== text.normalize('NFC')) out.push('record.text is not NFC');
  record.tasks.forEach((t, i) => {
    const { start, end } = t.span;
    if (fold(text.slice(start, end)) !== t.text)
      out.push(
        `tasks[${i}]: text at span ${start}-${end} ${JSON.stringify(fold(text.slice(start, end)).slice(0, 80))} ≠ task.text ${JSON.stringify(t.text.slice(0, 80))}`,
      );
    if (t.due !== null && !isCalendarDate(t.due)) out.push(`tasks[${i}].due ${t.due} is not a calendar date`);
  });
  for (const [k, v] of [
    ['date', record.date],
    ['meeting.date', record.meeting?.date ?? null],
    ['received.date', record.received?.date ?? null],
  ] as const)
    if (!isDateOrMonth(v)) out.push(`${k} ${v} is not a calendar date`);
  record.warnings.forEach((w, i) => {
    if (w.span && !(w.span.start >= 0 && w.span.start <= w.span.end && w.span.end <= text.length))
      out.push(`warnings[${i}].span is out of the text`);
  });
  return out;
}

/** The property: extract does not throw and its record has no problems. */
function holds(input: string): boolean {
  let record: Notice;
  try {
    record = extract(input);
  } catch (err) {
    throw new Error(`extract threw on input of ${input.length} chars: ${(err as Error).stack ?? err}`);
  }
  const found = problems(record);
  if (found.length > 0)
    throw new Error(`record problems (input ${input.length} chars):\n  ${found.slice(0, 8).join('\n  ')}`);
  return true;
}

// Words and marks the parsers react to, recombined at random: impossible dates, broken
// outline markers, agencies without tasks, closing blocks in the middle.
const NOTICE_TOKENS = [
  'Số:',
  ' 312',
  '/TB-VP',
  '/UBND-KGVX',
  'THÔNG BÁO',
  'Kết luận của Chủ tịch UBND tỉnh',
  'Kiên Giang, ngày',
  ' 31 tháng 02 năm 2021',
  ' ngày 29/02/2023',
  ' ngày 30 tháng 4 năm 2024',
  ' ngày     tháng 12 năm 2020',
  ' ngày 00/13/2021',
  ' trước ngày 31/06/2022',
  ' chậm nhất ngày 10/12/2022',
  ' trong quý V/2021',
  ' quý III/2021',
  ' trong tháng 13/2021',
  ' tháng 5/2021',
  ' 6 tháng đầu năm 2021',
  ' cuối năm 2021',
  ' năm 99999',
  ' trong 15 ngày kể từ ngày ký',
  ' trong 999999999 ngày',
  ' giai đoạn 2021-2025',
  ' hằng tháng',
  ' định kỳ hằng quý',
  '\n',
  '\n\n',
  '1. ',
  '2.1. ',
  '2.1.3. ',
  'a) ',
  'đ) ',
  '- ',
  '+ ',
  'II. ',
  '**',
  'Giao Sở Thông tin và Truyền thông',
  ' chủ trì, phối hợp với',
  ' Sở Tài chính, Công an tỉnh',
  ' đề nghị UBND các huyện',
  ' tham mưu UBND tỉnh',
  ' như sau:',
  ' thực hiện.',
  'Nơi nhận:',
  '- Lưu: VT.',
  'KT. CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  'Nguyễn Văn A',
  'ĐẾN',
  'Số: 416\tNgày: 9/2/18',
  'Trên đây là kết luận',
  './.',
  ';',
  ',',
  ' ',
  '\t',
  '\u00a0',
  '\u200b',
  'hoà',
  'uỷ',
];
const noticeSoup = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NOTICE_TOKENS) }, fc.string({ maxLength: 6 })), {
    maxLength: 300,
  })
  .map((xs) => xs.join(''));

// A well-formed notice whose directive items are made of random agencies, verbs and
// deadline phrases — many with impossible or odd dates — so that the task, role and
// deadline paths run on every case (the token soup above rarely yields a task).
const day = fc.integer({ min: 0, max: 40 });
const month = fc.integer({ min: 0, max: 14 });
const year = fc.oneof(fc.integer({ min: 1990, max: 2040 }), fc.constantFrom(0, 99, 2100, 9999, 20211));
const deadline = fc.oneof(
  fc.constant(''),
  fc.tuple(day, month, year).map(([d, m, y]) => ` trước ngày ${d}/${m}/${y}`),
  fc.tuple(day, month, year).map(([d, m, y]) => `, hoàn thành chậm nhất ngày ${d} tháng ${m} năm ${y}`),
  fc.tuple(month, year).map(([m, y]) => ` trong tháng ${m}/${y}`),
  fc
    .tuple(fc.constantFrom('I', 'II', 'III', 'IV', 'V', 'IIII', '0', '4'), year)
    .map(([q, y]) => ` trong quý ${q}/${y}`),
  fc
    .tuple(fc.constantFrom('6 tháng đầu năm', '6 tháng cuối năm', 'cuối năm', 'năm', '9 tháng đầu năm'), year)
    .map(([p, y]) => ` trong ${p} ${y}`),
  fc.integer({ min: 0, max: 100_000_000 }).map((n) => ` trong ${n} ngày kể từ ngày ký`),
  fc.constantFrom(
    ' hằng tháng',
    ' định kỳ hằng quý',
    ' trước ngày 25 hằng tháng',
    ' giai đoạn 2021-2025',
    ' ngay',
  ),
);
const agency = fc.constantFrom(
  'Sở Tài chính',
  'Sở Khoa học và Công nghệ',
  'Sở Thông tin và Truyền thông',
  'Công an tỉnh',
  'UBND các xã, phường',
  'Văn phòng UBND tỉnh',
  'Sở KH&ĐT',
  'Ban Quản lý dự án',
);
const item = fc
  .tuple(
    fc.constantFrom('Giao', 'Đề nghị', 'Yêu cầu', ''),
    agency,
    fc.constantFrom(' chủ trì, phối hợp với ', ' phối hợp với ', ' và ', ' '),
    agency,
    fc.constantFrom(
      ' tham mưu UBND tỉnh ban hành kế hoạch',
      ' rà soát, báo cáo kết quả',
      ' triển khai thực hiện',
    ),
    deadline,
    fc.constantFrom('.', ';', '', './.'),
  )
  .map((xs) => xs.join('').trim());
const marker = fc.constantFrom(
  '1.',
  '2.',
  '2.1.',
  '3.2.1.',
  'a)',
  'đ)',
  '-',
  '+',
  '•',
  'II.',
  '',
  '**1.**',
  '1)',
);
const noticeSkeleton = fc
  .tuple(
    fc.tuple(day, month, year),
    fc.array(fc.tuple(marker, item, fc.boolean()), { minLength: 1, maxLength: 25 }),
    fc.boolean(),
  )
  .map(([[d, m, y], items, footer]) =>
    [
      'ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ',
      'Số: 12/TB-UBND',
      `Phú Thọ, ngày ${d} tháng ${m} năm ${y}`,
      'THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp',
      `Ngày ${d}/${m}/${y}, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:`,
      ...items.map(([mk, it, lead]) => (lead ? `${mk} ${it} như sau:` : `${mk} ${it}`)),
      ...(footer ? ['Nơi nhận:\n- Như trên;\n- Lưu: VT.', 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', 'Nguyễn Văn A'] : []),
    ].join('\n\n'),
  );

describe('extract never throws and returns a valid record', () => {
  it('for generated notices with random directives and deadlines (tasks, roles, dates)', () => {
    let withTasks = 0;
    let dues = 0;
    fc.assert(
      fc.property(noticeSkeleton, (text) => {
        const r = extract(text);
        if (r.tasks.length > 0) withTasks++;
        dues += r.tasks.filter((t) => t.due !== null).length;
        return holds(text);
      }),
      params(300),
    );
    // The generator must reach the paths it is for: most notices yield tasks, some dues.
    expect(withTasks).toBeGreaterThan(100 * FC_SCALE);
    expect(dues).toBeGreaterThan(50 * FC_SCALE);
  });

  it('for arbitrary strings (ASCII, graphemes, full unicode, lone surrogates)', () => {
    const anyString = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.string({ unit: 'grapheme', maxLength: 500 }),
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        maxLength: 200,
      }),
    );
    fc.assert(fc.property(anyString, holds), params(400));
  });

  it('for random bytes decoded as UTF-8', () => {
    const decoder = new TextDecoder('utf-8');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      // Mostly valid UTF-8 with damage: Vietnamese text with random bytes overwritten.
      fc
        .tuple(
          fc.constantFrom(...corpus),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        )
        .map(([text, hits]) => {
          const b = new TextEncoder().encode(text.slice(0, 4000));
          for (const [i, v] of hits) if (b.length > 0) b[i % b.length] = v;
          return b;
        }),
    );
    fc.assert(
      fc.property(bytes, (b) => holds(decoder.decode(b))),
      params(300),
    );
  });

  it('for normalisation soup (letters, combining marks and the characters clean-up removes)', () => {
    // Clean-up that deletes a character between a letter and a combining mark must not
    // leave the text outside NFC.
    const soup = fc
      .array(
        fc.constantFrom(
          ...['a', 'e', 'o', 'u', 'y', 'ơ', 'ư', 'A', 'Đ', 'i', '1', '.'],
          ...['\u0300', '\u0301', '\u0302', '\u0303', '\u0306', '\u0309', '\u031b', '\u0323'],
          ...['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\ufffd', '\u0000', '\u0007'],
          ...['*', '**', '_', '#', '<b>', '</b>', '|', ' ', '\n', '\t', '\r\n', '-\n'],
        ),
        { maxLength: 60 },
      )
      .map((xs) => `Số: 12/TB-UBND\n${xs.join('')}\nGiao Sở Tài chính chủ trì thực hiện.`);
    fc.assert(fc.property(soup, holds), params(400));
  });

  it('for notice-like token soup (impossible dates, broken outlines)', () => {
    fc.assert(fc.property(noticeSoup, holds), params(500));
  });

  it('for a 10 MB input built from corpus text and junk', { timeout: 120_000 }, () => {
    const rand = mulberry32(10);
    const parts: string[] = [];
    let size = 0;
    const junk = () =>
      Array.from({ length: 200 + Math.floor(rand() * 2000) }, () =>
        String.fromCodePoint(Math.floor(rand() * 0x2ffff) & 0x1fffff),
      )
        .join('')
        .replace(/[\ud800-\udfff]/g, '');
    while (size < 10 * 1024 * 1024) {
      const p = rand() < 0.7 ? (corpus[Math.floor(rand() * corpus.length)] as string) : junk();
      parts.push(p);
      size += p.length;
    }
    const input = parts.join('\n\n');
    expect(input.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const t0 = performance.now();
    expect(holds(input)).toBe(true);
    const ms = performance.now() - t0;
    // Print, don't assert, the time: it is a robustness test, not a benchmark.
    console.log(`extract on ${(input.length / 1048576).toFixed(1)} M chars: ${ms.toFixed(0)} ms`);
  });
});

// ---- corpus mutations -----------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = { kind: MutationKind; seed: number; rate: number };
type MutationKind = keyof typeof MUTATIONS;

const NOISE = [
  '**',
  '*',
  '# ',
  '## ',
  '<b>',
  '</b>',
  '| ',
  ' |',
  '---',
  '> ',
  '`',
  '_',
  '\\',
  '[',
  ']',
  '<br>',
  '&nbsp;',
];
const SPACES = ['  ', '\t', '\u00a0', '\u2003', '\u200b', '\r\n', '\n', ' \n ', '\f', '\v'];

const MUTATIONS = {
  dropLines: (t: string, r: () => number, rate: number) =>
    t
      .split('\n')
      .filter(() => r() >= rate)
      .join('\n'),
  duplicateLines: (t: string, r: () => number, rate: number) =>
    t
      .split('\n')
      .flatMap((l) => (r() < rate ? [l, l] : [l]))
      .join('\n'),
  shuffleLines: (t: string, r: () => number, rate: number) => {
    const lines = t.split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      if (r() >= rate) continue;
      const j = Math.floor(r() * (i + 1));
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    }
    return lines.join('\n');
  },
  duplicateBlock: (t: string, r: () => number) => {
    // A scan holding two versions of the same pages.
    const a = Math.floor(r() * t.length);
    const b = a + Math.floor(r() * (t.length - a));
    return t.slice(0, b) + t.slice(a, b) + t.slice(b);
  },
  stripDiacritics: (t: string, r: () => number, rate: number) =>
    t
      .split(/(\s+)/)
      .map((w) =>
        r() < rate * 2
          ? w
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, '')
              .replace(/đ/g, 'd')
              .replace(/Đ/g, 'D')
          : w,
      )
      .join(''),
  decompose: (t: string) => t.normalize('NFD'),
  oldTones: (t: string) =>
    t.replace(/òa/g, 'oà').replace(/óa/g, 'oá').replace(/ủy/g, 'uỷ').replace(/ùy/g, 'uỳ'),
  mangleWhitespace: (t: string, r: () => number, rate: number) =>
    t.replace(/[ \n]/g, (c) => (r() < rate ? (SPACES[Math.floor(r() * SPACES.length)] as string) : c)),
  crlf: (t: string) => t.replace(/\n/g, '\r\n'),
  markdownNoise: (t: string, r: () => number, rate: number) =>
    t
      .split('\n')
      .map((l) => {
        let out = l;
        if (r() < rate) out = (NOISE[Math.floor(r() * NOISE.length)] as string) + out;
        if (r() < rate) {
          const i = Math.floor(r() * (out.length + 1));
          out = out.slice(0, i) + (NOISE[Math.floor(r() * NOISE.length)] as string) + out.slice(i);
        }
        return out;
      })
      .join('\n'),
  ocrSlips: (t: string, r: () => number, rate: number) =>
    t.replace(/[0-9lOoI.,:;/]/g, (c) => {
      if (r() >= rate / 4) return c;
      const swaps: Record<string, string> = {
        '0': 'O',
        '1': 'l',
        l: '1',
        O: '0',
        o: '0',
        I: '1',
        '.': ',',
        ',': '.',
        ':': ';',
        ';': ':',
        '/': 'l',
      };
      return r() < 0.3 ? '' : (swaps[c] ?? c);
    }),
  truncate: (t: string, r: () => number) => t.slice(0, Math.floor(r() * t.length)),
} as const;

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...(Object.keys(MUTATIONS) as MutationKind[])),
  seed: fc.nat(),
  rate: fc.double({ min: 0, max: 0.5, noNaN: true }),
});

function mutate(text: string, ms: Mutation[]): string {
  return ms.reduce((t, m) => MUTATIONS[m.kind](t, mulberry32(m.seed), m.rate), text);
}

describe('extract on mutated corpus notices', () => {
  it('has notices to mutate', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(5);
  });

  it('every corpus notice itself gives a record that keeps its promises', () => {
    for (const text of corpus) expect(holds(text)).toBe(true);
  });

  it('lines dropped, duplicated, shuffled; diacritics stripped; whitespace mangled; markdown noise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus.keys()),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (i, ms) => holds(mutate(corpus[i] as string, ms)),
      ),
      params(250),
    );
  });

  it('the mutations do change the text (the test is not vacuous)', () => {
    const text = corpus[0] as string;
    for (const kind of Object.keys(MUTATIONS) as MutationKind[]) {
      const changed = [1, 2, 3].some((seed) => mutate(text, [{ kind, seed, rate: 0.4 }]) !== text);
      expect(changed, kind).toBe(true);
    }
  });
});
