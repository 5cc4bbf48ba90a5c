import yauzl from 'yauzl';
import { formatBytes, IngestError } from './errors.ts';

/**
 * Limits that refuse a zip bomb from the central directory alone, before anything is
 * decompressed. A real DOCX of a notice holds a few dozen entries and a few MB.
 */
export const ZIP_LIMITS = {
  maxEntries: 2_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  /** Compression ratio above which an entry larger than `ratioFloorBytes` is refused. */
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
} as const;

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

export interface ZipInspection {
  entries: ZipEntryInfo[];
  /** Contents of the entries `keep` accepts, read with their sizes checked against the directory. */
  files: Map<string, Buffer>;
  totalUncompressed: number;
}

function bomb(detail: string, details: Record<string, unknown>): IngestError {
  return new IngestError(
    'zip-bomb',
    `Tệp nén bất thường nên đã bị từ chối để bảo vệ hệ thống (${detail}). ` +
      'Hãy mở tệp bằng Word, lưu lại thành .docx hoặc xuất ra PDF rồi tải lên lại.',
    details,
  );
}

function corrupt(cause: unknown): IngestError {
  return new IngestError(
    'corrupt-file',
    'Tệp Word (DOCX) bị hỏng hoặc không đọc được cấu trúc tệp nén. ' +
      'Hãy mở tệp bằng Word, lưu lại thành .docx rồi tải lên lại.',
    { reason: cause instanceof Error ? cause.message : String(cause) },
    cause,
  );
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

function readDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let total = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      total += entry.uncompressedSize;
      // Checked while reading the directory so that a huge directory stops early.
      try {
        checkEntry(entry, total);
      } catch (error) {
        reject(error);
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function checkEntry(entry: yauzl.Entry, total: number): void {
  const { fileName, uncompressedSize, compressedSize } = entry;
  if (uncompressedSize > ZIP_LIMITS.maxEntryBytes) {
    throw bomb(`phần «${fileName}» giải nén ra ${formatBytes(uncompressedSize)}`, {
      entry: fileName,
      uncompressedSize,
      compressedSize,
    });
  }
  if (total > ZIP_LIMITS.maxTotalBytes) {
    throw bomb(`tổng dung lượng giải nén vượt ${formatBytes(ZIP_LIMITS.maxTotalBytes)}`, {
      totalUncompressed: total,
    });
  }
  const ratio = uncompressedSize / Math.max(compressedSize, 1);
  if (uncompressedSize > ZIP_LIMITS.ratioFloorBytes && ratio > ZIP_LIMITS.maxRatio) {
    throw bomb(`phần «${fileName}» có tỉ lệ nén ${Math.round(ratio)}:1`, {
      entry: fileName,
      uncompressedSize,
      compressedSize,
      ratio,
    });
  }
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, keep: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(err ?? new Error('no stream'));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      // yauzl (validateEntrySizes) fails the stream when the data inflates past the declared size.
      stream.on('error', reject);
      stream.on('end', () => resolve(keep ? Buffer.concat(chunks) : null));
    });
  });
}

/**
 * Reads the directory of a ZIP, refuses bombs from the declared sizes, then inflates every
 * entry once with the sizes enforced (a lying directory fails here, not in mammoth), keeping
 * the entries named in `keep`.
 */
export async function inspectZip(
  bytes: Uint8Array,
  keep: (name: string) => boolean = () => false,
): Promise<ZipInspection> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buffer);
  } catch (error) {
    throw corrupt(error);
  }
  try {
    if (zip.entryCount > ZIP_LIMITS.maxEntries) {
      throw bomb(`${zip.entryCount} phần trong tệp nén`, { entryCount: zip.entryCount });
    }
    let directory: yauzl.Entry[];
    try {
      directory = await readDirectory(zip);
    } catch (error) {
      if (error instanceof IngestError) throw error;
      throw corrupt(error);
    }
    const entries: ZipEntryInfo[] = directory.map((entry) => ({
      name: entry.fileName,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
    }));
    if (entries.some((entry) => entry.encrypted)) {
      throw new IngestError(
        'unsupported-format',
        'Tệp nén có phần được mã hóa bằng mật khẩu nên không đọc được. Hãy bỏ mật khẩu rồi tải lên lại.',
      );
    }
    const files = new Map<string, Buffer>();
    for (const entry of directory) {
      if (entry.fileName.endsWith('/')) continue;
      let content: Buffer | null;
      try {
        content = await readEntry(zip, entry, keep(entry.fileName));
      } catch (error) {
        throw corrupt(error);
      }
      if (content) files.set(entry.fileName, content);
    }
    const totalUncompressed = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    return { entries, files, totalUncompressed };
  } finally {
    try {
      zip.close();
    } catch {
      // already closed by yauzl
    }
  }
}
