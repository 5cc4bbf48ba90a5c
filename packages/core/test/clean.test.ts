// OCR clean-up (src/text/clean.ts), each step on the noise it removes, quoted from the
// seed and synthetic notices.
import { describe, expect, it } from 'vitest';
import {
  characterKinds,
  cleanText,
  cutAfterClosingMark,
  dropPageMarks,
  dropRepeatedBlocks,
  dropStampFragments,
  joinHyphenatedWords,
  joinPageBreaks,
  MAX_INPUT_CHARS,
  marksOfLines,
  normalizeCharacters,
  rewriteTables,
  stripMarkup,
  toBlocks,
} from '../src/text/clean.ts';

describe('normalizeCharacters', () => {
  it('NFC, one line break, no zero-width or control characters, no U+FFFD', () => {
    const s = 'Số: 312 /TB-VP\r\nKiên\u00a0Giang\u200b, ngày 18\u0007 tháng 5\ufffd năm 2021\r';
    expect(normalizeCharacters(s)).toBe('Số: 312 /TB-VP\nKiên Giang, ngày 18 tháng 5 năm 2021\n');
    expect(normalizeCharacters('Ho\u0300a Bi\u0300nh')).toBe('Hòa Bình');
  });

  it('skips NFC only for text NFC leaves alone: each NFC-inert character, and each pair of them', () => {
    const inert: string[] = [];
    for (let c = 0; c < 0x2100; c++) {
      const ch = String.fromCharCode(c);
      const kinds = characterKinds(ch);
      if (kinds === 'composable') continue;
      inert.push(ch);
      // Odd exactly when the full normalisation (as for any text) changes it.
      expect(kinds === 'odd').toBe(normalizeCharacters(ch, 'composable') !== ch);
    }
    expect(inert.length).toBeGreaterThan(1000);
    const changed: string[] = [];
    for (const a of inert) {
      if (a.normalize('NFC') !== a) changed.push(a);
      for (const b of inert) if ((a + b).normalize('NFC') !== a + b) changed.push(a + b);
    }
    expect(changed).toEqual([]);
    expect(characterKinds('Sở Xây dựng “chủ trì” – ./.')).toBe('plain');
    expect(characterKinds('Kiên\u00a0Giang\r\n')).toBe('odd');
    expect(characterKinds('Ho\u0300a')).toBe('composable');
    expect(characterKinds('Giang\u200b')).toBe('composable');
  });
});

describe('marksOfLines', () => {
  it('finds in each line exactly the mark characters it holds', () => {
    const marks: [string, number][] = [
      ['\t', 1],
      ['<', 2],
      ['^', 4],
      ['#', 8],
      ['*', 16],
      ['_', 32],
      ['|', 64],
      ['  ', 128],
      ['   ', 256],
    ];
    const text = ['', 'a  b', '**x** | y', '', '\tc   d  e', '#_^<', ' ', '  ', 'x   ', '   |'].join('\n');
    const lines = text.split('\n');
    const expected = lines.map((l) => marks.reduce((m, [c, bit]) => (l.includes(c) ? m | bit : m), 0));
    expect([...marksOfLines(text, lines)]).toEqual(expected);
  });
});

describe('toBlocks', () => {
  it('trims every kind of space, whatever character a line starts or ends with', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const line = `${ch}x${ch}`;
      expect(toBlocks([line])).toEqual(line.trim() ? [[line.trim()]] : []);
    }
  });
});

describe('stripMarkup', () => {
  it('removes bold around a deadline: "(hoàn thành trong **tháng 5/2021**)."', () => {
    expect(stripMarkup('(hoàn thành trong **tháng 5/2021**).')).toBe('(hoàn thành trong tháng 5/2021).');
  });

  it('keeps a list dash and removes the emphasis of an italic item', () => {
    expect(
      stripMarkup(
        '- *Kiến nghị việc chấn chỉnh công tác phát ngôn: Giao Sở Thông tin và Truyền thông chủ trì.*',
      ),
    ).toBe('- Kiến nghị việc chấn chỉnh công tác phát ngôn: Giao Sở Thông tin và Truyền thông chủ trì.');
  });

  it('keeps a "* " bullet at the start of a line', () => {
    expect(stripMarkup('* Sở Y tế chỉ đạo các bệnh viện')).toBe('* Sở Y tế chỉ đạo các bệnh viện');
  });

  it('removes superscripts, headings marks and HTML tags', () => {
    expect(stripMarkup('biết, tổ chức triển khai thực hiện./. VT^{am}')).toBe(
      'biết, tổ chức triển khai thực hiện./. VT',
    );
    expect(stripMarkup('## THÔNG BÁO')).toBe('THÔNG BÁO');
    expect(stripMarkup('<b>KT. CHỦ TỊCH</b>').trim()).toBe('KT. CHỦ TỊCH');
    expect(stripMarkup('**TL. GIÁM ĐỐC')).toBe('TL. GIÁM ĐỐC');
  });

  it('leaves a comparison sign and a hash inside a sentence alone', () => {
    expect(stripMarkup('tỷ lệ tiêm chủng đạt trên 95% (< 1 tuổi)')).toBe(
      'tỷ lệ tiêm chủng đạt trên 95% (< 1 tuổi)',
    );
    expect(stripMarkup('Trạm BTS #12 tại xã Tân Tiến')).toBe('Trạm BTS #12 tại xã Tân Tiến');
  });
});

describe('dropPageMarks', () => {
  it('drops page numbers and markup-only lines, keeps list items and years', () => {
    const lines = [
      'chủ động tham mưu với Sở Thông tin và Truyền',
      '2',
      '- 3 -',
      'Trang 4',
      'Trang 4/5',
      '***',
      '2.1. Phần đầu nâng lên chỉ số xếp hạng Chính quyền điện tử',
      '2021',
      '1.',
    ];
    expect(dropPageMarks(lines)).toEqual([
      'chủ động tham mưu với Sở Thông tin và Truyền',
      '2.1. Phần đầu nâng lên chỉ số xếp hạng Chính quyền điện tử',
      '2021',
      '1.',
    ]);
  });
});

describe('cutAfterClosingMark', () => {
  it('cuts stamp residue after "./." (Decree 30/2020, Phụ lục I)', () => {
    expect(
      cutAfterClosingMark([
        'đến các sở, ban, ngành, địa phương và các đơn vị có liên quan biết, thực hiện./. Ues',
        'Văn phòng Ủy ban nhân dân tỉnh thông báo đến các sở, ban, ngành biết, thực hiện./. VTam',
      ]),
    ).toEqual([
      'đến các sở, ban, ngành, địa phương và các đơn vị có liên quan biết, thực hiện./.',
      'Văn phòng Ủy ban nhân dân tỉnh thông báo đến các sở, ban, ngành biết, thực hiện./.',
    ]);
  });

  it('keeps a line whose tail is long or holds a number', () => {
    const long = 'thực hiện./. Nơi nhận: như trên và các đơn vị có liên quan';
    const num = 'thực hiện./. Số 12';
    expect(cutAfterClosingMark([long, num, 'không có dấu kết thúc'])).toEqual([
      long,
      num,
      'không có dấu kết thúc',
    ]);
  });
});

describe('dropStampFragments', () => {
  it('drops the round stamp of seed 000 (ĐA / VĂN / ỦY / NHÀ / KT)', () => {
    const lines = [
      '- Chú trọng xây dựng chương trình, kế hoạch tổ chức đào tạo, bồi dưỡng, tập huấn.',
      '',
      'ĐA',
      'VĂN',
      'ỦY',
      'NHÀ',
      'KT',
      '',
      '2.3. Nhiệm vụ khác',
    ];
    expect(dropStampFragments(lines)).toEqual([
      '- Chú trọng xây dựng chương trình, kế hoạch tổ chức đào tạo, bồi dưỡng, tập huấn.',
      '',
      '',
      '2.3. Nhiệm vụ khác',
    ]);
  });

  it('drops a run with blank lines between its fragments (ICN / HỒN / BAN / DÂN / G)', () => {
    expect(
      dropStampFragments(['ICN', 'HỒN', '', 'BAN', 'DÂN', 'G', '', 'Trên đây là ý kiến kết luận']),
    ).toEqual(['', 'Trên đây là ý kiến kết luận']);
  });

  it('keeps the incoming stamp word "ĐẾN", roman numerals and a lone word in a sentence', () => {
    const lines = ['ĐẾN', 'II', 'III', '', 'KẾ HOẠCH', '', 'Sở Y tế báo cáo như sau:'];
    expect(dropStampFragments(lines)).toEqual(lines);
    const single = ['Đài Phát thanh', 'VNPT', 'phối hợp thực hiện'];
    expect(dropStampFragments(single)).toEqual(single);
  });

  it('keeps the short capitalised lines of a header or a signature block', () => {
    for (const block of [
      ['UBND TỈNH KIÊN GIANG', 'VĂN PHÒNG', '', 'Số: 312 /TB-VP'],
      ['ỦY BAN NHÂN DÂN', 'XÃ YÊN LẬP', '', 'Số: 12/KH-UBND'],
      ['SỞ Y TẾ', 'BAN GIÁM ĐỐC', '', 'Số: 5/TB-SYT'],
      ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', 'Nguyễn Văn An'],
      ['HỎA TỐC', '', 'THÔNG BÁO', 'KẾT LUẬN'],
    ])
      expect(dropStampFragments(block)).toEqual(block);
  });

  it('drops a lone isolated one- or two-letter fragment, keeps a lone longer word', () => {
    expect(dropStampFragments(['a b', '', 'G', '', 'c d'])).toEqual(['a b', '', '', 'c d']);
    expect(dropStampFragments(['a b', '', 'UBND', '', 'c d'])).toEqual(['a b', '', 'UBND', '', 'c d']);
  });
});

describe('rewriteTables', () => {
  it('keeps a task table one row a line (s20: STT | Nội dung | Cơ quan chủ trì | ...)', () => {
    const out = rewriteTables([
      '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |',
      '|---|---|---|---|---|',
      '| 1 | Rà soát, cập nhật bản đồ phân vùng nguy cơ sạt lở<br>bờ sông | Sở Nông nghiệp và Môi trường | UBND các xã, phường | Tháng 12/2025 |',
    ]);
    expect(out).toEqual([
      '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |',
      '| 1 | Rà soát, cập nhật bản đồ phân vùng nguy cơ sạt lở bờ sông | Sở Nông nghiệp và Môi trường | UBND các xã, phường | Tháng 12/2025 |',
    ]);
  });

  it('flattens a layout table: the issuer beside the national motto (s20)', () => {
    const out = rewriteTables([
      '| ỦY BAN NHÂN DÂN<br>TỈNH ĐẮK LẮK<br>------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>--------------- |',
      '|---|---|',
      '| Số: 402/TB-UBND | *Đắk Lắk, ngày 28 tháng 11 năm 2025* |',
    ]);
    expect(out.filter(Boolean)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH ĐẮK LẮK',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 402/TB-UBND',
      '*Đắk Lắk, ngày 28 tháng 11 năm 2025*',
    ]);
    // Each cell ends with a blank line, so that it is a block of its own.
    expect(out[2]).toBe('');
  });

  it('reads tab-separated rows as a table (s14, a TSV appendix)', () => {
    const out = rewriteTables([
      'STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn hoàn thành',
      '4\tCân đối, bố trí vốn đối ứng cho các dự án phòng, chống sạt lở năm 2026\tSở Tài chính\tSở Nông nghiệp và Môi trường\tTrước 31/01/2026',
      'Một dòng có một tab\tthì không phải bảng',
    ]);
    expect(out).toEqual([
      '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành |',
      '| 4 | Cân đối, bố trí vốn đối ứng cho các dự án phòng, chống sạt lở năm 2026 | Sở Tài chính | Sở Nông nghiệp và Môi trường | Trước 31/01/2026 |',
      'Một dòng có một tab\tthì không phải bảng',
    ]);
  });
});

const para = (s: string) => [s];
// Four long paragraphs of seed 002, the pages its scan holds twice.
const P1 =
  '- Tham mưu, giúp Tỉnh ủy, UBND tỉnh trên các lĩnh vực lớn chưa nhiều, đặc biệt là trong công tác truyền thông, Sở cần nghiên cứu, thay đổi nhận thức để tham mưu tốt hơn trong thời gian tới.';
const P2 =
  '2.1. Sở Nội vụ khẩn trương tham mưu UBND tỉnh ban hành quyết định quy định chức năng, nhiệm vụ, quyền hạn của Sở Thông tin và Truyền thông theo đúng quy định pháp luật và ý kiến của Ban Cán sự Đảng UBND tỉnh.';
const P3 =
  '2.5. Về viễn thông: Hiện nay, công tác bảo đảm an toàn mạng lưới và thông tin chưa tốt. Vì vậy Sở cần tăng cường quản lý chặt, phối hợp các cơ quan có liên quan để xử lý.';
const P4 =
  '5.5. Giao Sở Tài chính rà soát, hướng dẫn cụ thể cho các huyện việc chi trả nhuận bút, thù lao đối với Đài Truyền thanh cấp huyện theo Quyết định số 33/2014/QĐ-UBND ngày 30/9/2014 của UBND tỉnh.';

describe('dropRepeatedBlocks', () => {
  it('drops the earlier copy of pages scanned twice, forgiving small OCR differences', () => {
    const first = [P1, P2, P3, P4].map(para);
    // The second copy has OCR slips ("Thông nhất" for "Thống nhất", a changed word).
    const second = [P1, P2.replace('khẩn trương', 'khân trương'), P3, P4].map(para);
    const blocks = [para('THÔNG BÁO'), ...first, para('Nơi nhận:'), ...second, para('Đỗ Thị Lê Hảo')];
    const r = dropRepeatedBlocks(blocks);
    expect(r.removedBlocks).toBe(4);
    expect(r.blocks.map((b) => b[0])).toEqual([
      'THÔNG BÁO',
      'Nơi nhận:',
      P1,
      P2.replace('khẩn trương', 'khân trương'),
      P3,
      P4,
      'Đỗ Thị Lê Hảo',
    ]);
  });

  it('pairs copies whose openings differ only in marks or case (bare OCR, decomposed letters)', () => {
    const bare = (p: string) =>
      p.slice(0, 50).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toUpperCase() + p.slice(50);
    const decomposed = (p: string) => p.normalize('NFD');
    const blocks = [
      para('THÔNG BÁO'),
      ...[P1, P2, P3, P4].map((p) => para(bare(p))),
      para('Nơi nhận:'),
      ...[P1, P2, P3, P4].map((p) => para(decomposed(p))),
    ];
    expect(dropRepeatedBlocks(blocks).removedBlocks).toBe(4);
  });

  it('keeps a document whose paragraphs differ, and a repeat of fewer than three blocks', () => {
    const blocks = [P1, P2, P3, P4, 'Nơi nhận:', P1, P2, 'Đỗ Thị Lê Hảo'].map(para);
    expect(dropRepeatedBlocks(blocks).removedBlocks).toBe(0);
    const distinct = [P1, P2, P3, P4, 'a', 'b'].map(para);
    expect(dropRepeatedBlocks(distinct)).toEqual({ blocks: distinct, removedBlocks: 0 });
  });
});

describe('joinPageBreaks', () => {
  it('joins a sentence a page break cut: "... Sở Thông tin và Truyền" / "thông, các Tập đoàn ..."', () => {
    const blocks = toBlocks([
      '- Các doanh nghiệp viễn thông tăng cường sử dụng chung hạ tầng; chủ động tham mưu với Sở Thông tin và Truyền',
      '',
      'thông, các Tập đoàn để tăng tỷ lệ hộ gia đình có kết nối thuê bao Internet băng rộng cố định.',
    ]);
    expect(joinPageBreaks(blocks)).toEqual([
      [
        '- Các doanh nghiệp viễn thông tăng cường sử dụng chung hạ tầng; chủ động tham mưu với Sở Thông tin và Truyền thông, các Tập đoàn để tăng tỷ lệ hộ gia đình có kết nối thuê bao Internet băng rộng cố định.',
      ],
    ]);
  });

  it('joins before a capital when the block ends with a word that cannot end a sentence ("và", "với", "của")', () => {
    expect(joinPageBreaks([['giao Sở Tài chính chủ trì, phối hợp với'], ['Sở Xây dựng thực hiện.']])).toEqual(
      [['giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng thực hiện.']],
    );
    expect(
      cleanText(
        '- Chủ động tham mưu, phối hợp với Sở Thông tin và\n\n- 3 -\n\nTruyền thông thực hiện chuyển đổi số.',
      ).text,
    ).toBe('- Chủ động tham mưu, phối hợp với Sở Thông tin và Truyền thông thực hiện chuyển đổi số.');
  });

  it('does not join after a finished sentence, before a capital, or before a list item', () => {
    const blocks = [
      ['tỷ lệ chia sẻ, dùng chung hạ tầng viễn thông giữa các doanh nghiệp còn chưa cao.'],
      ['còn chưa cao'],
      ['Ứng dụng công nghệ thông tin tại một số đơn vị'],
      ['a) Về bưu chính, viễn thông:'],
      ['- Tiếp tục tăng cường việc hỗ trợ'],
    ];
    expect(joinPageBreaks(blocks)).toEqual(blocks);
  });
});

describe('cleanText', () => {
  it('runs the steps in order and gives text with blocks separated by one blank line', () => {
    const input = [
      'Số: 312 /TB-VP',
      '',
      '- Nhanh chóng tham mưu xây dựng kế hoạch (hoàn thành trong **tháng 5/2021**).',
      '',
      'ĐA',
      'VĂN',
      'ỦY',
      '',
      '2',
      '',
      'Trên đây là ý kiến kết luận, Văn phòng Ủy ban nhân dân tỉnh thông báo đến các sở, ban, ngành và đơn vị có',
      '',
      'liên quan biết, tổ chức triển khai thực hiện./. VT^{am}',
    ].join('\r\n');
    const r = cleanText(input);
    expect(r.text).toBe(
      [
        'Số: 312 /TB-VP',
        '',
        '- Nhanh chóng tham mưu xây dựng kế hoạch (hoàn thành trong tháng 5/2021).',
        '',
        'Trên đây là ý kiến kết luận, Văn phòng Ủy ban nhân dân tỉnh thông báo đến các sở, ban, ngành và đơn vị có liên quan biết, tổ chức triển khai thực hiện./.',
      ].join('\n'),
    );
    expect(r.warnings).toEqual([]);
  });

  it('warns (in Vietnamese) when a scan holds pages twice', () => {
    const input = ['THÔNG BÁO', P1, P2, P3, P4, 'Nơi nhận:', P1, P2, P3, P4].join('\n\n');
    const r = cleanText(input);
    expect(r.warnings.map((w) => w.code)).toEqual(['repeated-pages']);
    expect(r.warnings[0]?.message).toMatch(/lặp lại/);
    expect(r.text.split(P2).length - 1).toBe(1);
  });

  it('cuts an over-long input and says so', () => {
    const line = 'Giao Sở Tài chính rà soát, báo cáo UBND tỉnh.\n';
    const input = line.repeat(Math.ceil((MAX_INPUT_CHARS + 1000) / line.length));
    const r = cleanText(input);
    expect(r.warnings.map((w) => w.code)).toContain('truncated-input');
    expect(r.text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
  });
});

describe('regressions', () => {
  // s26 (An Giang): the scan holds page 2 twice, first cut by a page break ("hoàn thành" /
  // "Trang 2" / "trước ngày 31/10/2025."), then revised. Repeats are looked for before page
  // breaks are joined and need three aligned blocks, so the two-item copy survives and its
  // tasks come out twice (CONTRACT: a repeated block has each task once).
  it('keeps one copy of items 3 and 4 of s26', () => {
    const item3 =
      '3. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các Ban Quản lý dự án, UBND các xã, phường kiểm tra, vận hành hệ thống cống, đê bao bảo đảm phục vụ lịch thời vụ xuống giống vụ Đông Xuân 2025 - 2026; nạo vét các kênh thuỷ lợi nội đồng bị bồi lắng, hoàn thành';
    const item4 =
      '4. Ban Quản lý dự án đầu tư xây dựng công trình nông nghiệp tỉnh đẩy nhanh tiến độ thi công dự án Hệ thống thuỷ lợi vùng Tứ giác Long Xuyên (giai đoạn 2), bảo đảm giải ngân hết kế hoạch vốn năm 2025';
    const input = [
      '2. Giao Sở Tài chính:',
      '- Định kỳ hằng tuần (vào chiều thứ Sáu) tổng hợp, báo cáo UBND tỉnh tình hình giải ngân của từng chủ đầu tư.',
      'ỦY BAN\nAN GI\nVĂN PHÒ',
      item3,
      'Trang 2',
      'trước ngày 31/10/2025.',
      `${item4}.`,
      'Trang 2',
      `${item3} trước ngày 31/10/2025.`,
      `${item4}; báo cáo khối lượng hoàn thành trước ngày 15/10/2025.`,
      '5. Ban Quản lý dự án đầu tư xây dựng và khu vực phát triển đô thị tỉnh phối hợp với UBND phường Rạch Giá giải quyết dứt điểm vướng mắc mặt bằng dự án Đường ven biển Rạch Giá - Hòn Đất trong tháng 10/2025.',
      '6. Các chủ đầu tư chịu trách nhiệm trước UBND tỉnh về tiến độ giải ngân.',
    ].join('\n\n');
    const r = cleanText(input);
    expect(r.text.split('3. Sở Nông nghiệp và Môi trường chủ trì').length - 1).toBe(1);
    expect(r.text.split('4. Ban Quản lý dự án đầu tư xây dựng công trình').length - 1).toBe(1);
    expect(r.text).toContain('báo cáo khối lượng hoàn thành trước ngày 15/10/2025.');
    expect(r.warnings.map((w) => w.code)).toContain('repeated-pages');
  });
});

describe('joinHyphenatedWords', () => {
  it('"công ng-" / "hệ xây dựng" is one word again; a spaced dash or a capital is left alone', () => {
    expect(
      joinHyphenatedWords(['Trung tâm Thông tin khoa học và công ng-', 'hệ xây dựng cơ sở dữ liệu.']),
    ).toEqual(['Trung tâm Thông tin khoa học và công nghệ xây dựng cơ sở dữ liệu.']);
    expect(joinHyphenatedWords(['Phòng Kế hoạch -', 'tài chính'])).toHaveLength(2);
    expect(joinHyphenatedWords(['Phòng Kế hoạch-', 'Tài chính'])).toHaveLength(2);
  });
});

describe('a task table of bare pipe lines', () => {
  it('"STT | Nội dung nhiệm vụ | Cơ quan chủ trì | ..." without outer bars or a rule line is a task table', () => {
    const { text } = cleanText(
      [
        'II. NHIỆM VỤ',
        '',
        'STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành',
        '1 | Rà soát quy hoạch các điểm mỏ | Sở Nông nghiệp và Môi trường | Tháng 12/2025',
        '2 | Hoàn thiện hồ sơ dự án | Sở Xây dựng |',
      ].join('\n'),
    );
    expect(text).toContain(
      '| 1 | Rà soát quy hoạch các điểm mỏ | Sở Nông nghiệp và Môi trường | Tháng 12/2025 |',
    );
    expect(text).toContain('| 2 | Hoàn thiện hồ sơ dự án | Sở Xây dựng |');
    // Prose with a bar or two is no table.
    expect(cleanText('Giao Sở A | Sở B thực hiện.\nXem thêm | phụ lục').text).toBe(
      'Giao Sở A | Sở B thực hiện.\nXem thêm | phụ lục',
    );
  });
});

describe("a later page's running head and the stamp beside it", () => {
  const head = ['ỦY BAN NHÂN DÂN', 'TỈNH HẬU GIANG', '', 'Số: 88/TB-UBND', '', 'THÔNG BÁO'];
  const body = Array.from({ length: 8 }, (_, k) => `${k + 1}. Sở Xây dựng rà soát hồ sơ dự án số ${k + 1}.`);

  it("the issuer's name heading a later page is dropped, and the sentence the break cut is whole again", () => {
    const text = [
      ...head,
      ...body,
      '9. Sở Tài chính hoàn thành việc phê duyệt',
      '',
      '- 2 -',
      '',
      'ỦY BAN NHÂN DÂN TỈNH HẬU GIANG',
      'danh mục dự án trước ngày 15/7/2025.',
    ].join('\n');
    const out = cleanText(text).text;
    expect(out).toContain('9. Sở Tài chính hoàn thành việc phê duyệt danh mục dự án trước ngày 15/7/2025.');
    expect(out.match(/ỦY BAN NHÂN DÂN/g)).toHaveLength(1);
  });

  it('the stamp\'s ring ("UỶ BAN" / "NHÂN D" / "* TỈNH H") goes with it; a signer\'s "CHỦ TỊCH" stays', () => {
    const text = [
      ...head,
      ...body,
      '9. Sở Tài chính hoàn thành việc phê duyệt',
      '',
      'UỶ BAN',
      'NHÂN D',
      '* TỈNH H',
      '',
      'danh mục dự án.',
      '',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      '',
      'Nguyễn Văn An',
    ].join('\n');
    const out = cleanText(text).text;
    expect(out).toContain('phê duyệt danh mục dự án.');
    expect(out).not.toMatch(/NHÂN D\n|TỈNH H\n|^UỶ BAN$/mu);
    expect(out).toContain('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
  });
});
