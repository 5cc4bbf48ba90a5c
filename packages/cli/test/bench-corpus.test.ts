// The core benchmark's synthetic corpus (bench/core-corpus.ts): deterministic, ~10 KB,
// made of real parts, sections renumbered.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusTexts, cut, generator, prng } from '../../../bench/core-corpus.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const texts = corpusTexts(path.join(repo, 'corpus')).map((t) => t.text);

describe('bench corpus generator', () => {
  it('prng is deterministic and spread over [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(400);
    expect(prng(43)()).not.toBe(prng(42)());
  });

  it('cuts a seed into header, renumberable sections and closing', () => {
    const seed = texts.find((t) => t.includes('Số: 46 /TB-UBND')) as string;
    const parts = cut(seed);
    expect(parts).not.toBeNull();
    expect(parts?.header.join('\n')).toContain('Số: 46 /TB-UBND');
    expect(parts?.sections).toHaveLength(9);
    expect(parts?.footer.join('\n')).toContain('Nơi nhận');
    expect(parts?.footer.at(-1)).toContain('Võ Văn Viên');
  });

  it('the same seed gives the same notices; another seed others', () => {
    const a = generator(texts, 7);
    const b = generator(texts, 7);
    const c = generator(texts, 8);
    const xa = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xa);
  });

  it('notices are about the target size, with a header, sections numbered from 1, and a closing', () => {
    const g = generator(texts, 20250701, 10 * 1024);
    const sizes: number[] = [];
    let withFooter = 0;
    for (let i = 0; i < 300; i++) {
      const t = g.next();
      sizes.push(Buffer.byteLength(t));
      // "Số: 12/TB-VP", a party notice's "Số 268-TB/TU"; one corpus notice lost its diacritics.
      expect(t).toMatch(/S[ốo]\s*(?::|\d+-)/i);
      if (/Nơi nhận/.test(t)) withFooter++;
      // Top-level items, arabic or roman, run 1, 2, 3 ... in order.
      const arabic = [...t.matchAll(/^(?:\*\*)?\s*(\d{1,2})\.(?!\d)\s/gm)].map((m) => Number(m[1]));
      const roman = [...t.matchAll(/^(?:\*\*)?\s*([IVX]{1,5})\.\s/gm)].map((m) => m[1]);
      if (roman.length > 0) expect(roman.slice(0, 3)).toEqual(['I', 'II', 'III'].slice(0, roman.length));
      else expect(arabic.slice(0, 3)).toEqual([1, 2, 3].slice(0, arabic.length));
    }
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(9 * 1024);
    expect(mean).toBeLessThan(13 * 1024);
    expect(withFooter).toBeGreaterThan(250);
  });
});
