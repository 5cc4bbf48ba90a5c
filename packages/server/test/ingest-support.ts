import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipSpec {
  name: string;
  data: Buffer;
  /** Uncompressed size written in the headers, to build a zip that lies about it. */
  declaredSize?: number;
}

/** A minimal ZIP writer (deflate, no data descriptors) for hostile test archives. */
export function buildZip(specs: ZipSpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of specs) {
    const name = Buffer.from(spec.name, 'utf8');
    const compressed = deflateRawSync(spec.data, { level: 9 });
    const crc = crc32(spec.data);
    const size = spec.declaredSize ?? spec.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length, 8);
  end.writeUInt16LE(specs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

export interface PdfLine {
  x: number;
  y: number;
  size?: number;
  /** ASCII only (Helvetica, WinAnsi). */
  text: string;
}

export interface PdfPageSpec {
  lines?: PdfLine[];
  /** An 8-bit RGB, non-interlaced PNG painted over the whole A4 page (its IDAT data is a valid FlateDecode stream). */
  png?: Uint8Array;
}

function pngForPdf(png: Uint8Array): { width: number; height: number; data: Buffer } {
  const buffer = Buffer.from(png);
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  if (buffer[24] !== 8 || buffer[25] !== 2 || buffer[28] !== 0)
    throw new Error('need an 8-bit RGB, non-interlaced PNG');
  const idat: Buffer[] = [];
  for (let at = 8; at < buffer.length; ) {
    const length = buffer.readUInt32BE(at);
    if (buffer.toString('latin1', at + 4, at + 8) === 'IDAT')
      idat.push(buffer.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width, height, data: Buffer.concat(idat) };
}

/**
 * A small PDF writer for tests: pages with Helvetica text lines and/or a full-page image;
 * `encrypted` adds a Standard security handler whose password is unknown (not the empty one).
 */
export function buildPdf(pages: PdfPageSpec[], options: { encrypted?: boolean } = {}): Uint8Array {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string): number => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // Pages, filled in below
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    let content = '';
    let resources = `/Font << /F1 ${font} 0 R >>`;
    if (page.png) {
      const image = pngForPdf(page.png);
      const id = add(
        stream(
          `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceRGB ` +
            `/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns ${image.width} >>`,
          image.data,
        ),
      );
      resources += ` /XObject << /Im1 ${id} 0 R >>`;
      content += 'q 595 0 0 842 0 0 cm /Im1 Do Q\n';
    }
    for (const line of page.lines ?? []) {
      const text = line.text.replace(/([()\\])/g, '\\$1');
      content += `BT /F1 ${line.size ?? 12} Tf ${line.x} ${line.y} Td (${text}) Tj ET\n`;
    }
    const contentId = add(stream('', Buffer.from(content, 'latin1')));
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << ${resources} >> /Contents ${contentId} 0 R >>`,
      ),
    );
  }
  objects[1] = Buffer.from(
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`,
  );
  let trailerExtra = '';
  if (options.encrypted) {
    const hex = (byte: number): string => byte.toString(16).padStart(2, '0').repeat(32);
    const encrypt = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(0x4f)}> /U <${hex(0x55)}> /P -44 >>`);
    trailerExtra = ` /Encrypt ${encrypt} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]`;
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** The header and signature of fixtures/ingest/notice.html as ingest writes them (columns one after the other). */
export const HEADER =
  'ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 215/TB-UBND\n\n' +
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Giang, ngày 20 tháng 8 năm 2025\n\n';
export const SIGNATURE =
  'Nơi nhận:\n- Như trên;\n- Thường trực Tỉnh ủy;\n- Lưu: VT.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Văn An';
