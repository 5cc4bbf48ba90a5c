import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToText, IngestError } from '../src/ingest/index.ts';
import { buildZip } from './ingest-support.ts';

// OCR is pointed at a missing command: damaged images must still end in an IngestError, fast.
const options = { tesseractCommand: '/nonexistent/tesseract', pdftoppmCommand: '/nonexistent/pdftoppm' };
const NAMES = ['a.pdf', 'a.docx', 'a.txt', 'a.png', 'a.jpg', 'a.tif', 'a', 'a.md'];

/** Either text, or a refusal with a Vietnamese message: never another exception. */
async function outcome(bytes: Uint8Array, fileName: string): Promise<'ok' | string> {
  try {
    const result = await convertToText({ bytes, fileName }, options);
    expect(result.text.trim()).not.toBe('');
    expect(result.text).toBe(result.text.normalize('NFC'));
    return 'ok';
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.message.length).toBeGreaterThan(20);
    return error.code;
  }
}

function mutate(base: Uint8Array, edits: Array<[number, number]>, cut: number | null): Uint8Array {
  const bytes = new Uint8Array(base);
  for (const [at, value] of edits) bytes[at % bytes.length] = value;
  return cut === null ? bytes : bytes.subarray(0, Math.max(1, cut % bytes.length));
}

const editsArb = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 });

describe('convertToText never crashes', () => {
  it('on arbitrary bytes under any name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...NAMES), async (bytes, name) => {
        await outcome(bytes, name);
      }),
      { numRuns: 300 },
    );
  });

  it('on damaged DOCX files', async () => {
    const doc = new Document({
      sections: [
        { children: [new Paragraph('Ủy ban nhân dân tỉnh'), new Paragraph('Sở Nội vụ chủ trì thực hiện.')] },
      ],
    });
    const base = new Uint8Array(await Packer.toBuffer(doc));
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(editsArb, fc.option(fc.nat()), async (edits, cut) => {
        seen.add(await outcome(mutate(base, edits, cut), 'a.docx'));
      }),
      { numRuns: 120 },
    );
    expect(seen.has('corrupt-file')).toBe(true);
  });

  it('on damaged PDF files', async () => {
    const base = new Uint8Array(readFileSync(new URL('./fixtures/ingest/notice-text.pdf', import.meta.url)));
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(editsArb, fc.option(fc.nat()), async (edits, cut) => {
        seen.add(await outcome(mutate(base, edits, cut), 'a.pdf'));
      }),
      { numRuns: 80 },
    );
    expect(seen.size).toBeGreaterThan(0);
  });

  it('on damaged images', async () => {
    const base = new Uint8Array(readFileSync(new URL('./fixtures/ingest/notice-scan.png', import.meta.url)));
    await fc.assert(
      fc.asyncProperty(editsArb, fc.option(fc.nat()), async (edits, cut) => {
        // No OCR here: the outcome is a refusal (ocr-unavailable / too-large), never a crash.
        const code = await outcome(mutate(base, edits, cut), 'a.png');
        expect(code).not.toBe('ok');
      }),
      { numRuns: 60 },
    );
  });

  it('on zips with many small entries or odd names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 30 }), fc.uint8Array({ maxLength: 200 })), {
          minLength: 1,
          maxLength: 30,
        }),
        async (entries) => {
          const bytes = buildZip(entries.map(([name, data]) => ({ name, data: Buffer.from(data) })));
          const code = await outcome(bytes, 'a.docx');
          expect(['unsupported-format', 'corrupt-file', 'empty', 'ok']).toContain(code);
        },
      ),
      { numRuns: 100 },
    );
  });
});
