// The outline tree (src/outline/tree.ts): paragraphs arranged by their markers, so that
// items inherit from the lead-in above them.
import { describe, expect, it } from 'vitest';
import { toDoc } from '../src/document.ts';
import {
  buildOutline,
  isHeadingLine,
  isLeadIn,
  type OutlineNode,
  toParagraphs,
  walk,
} from '../src/outline/tree.ts';

const outline = (text: string) => buildOutline(toParagraphs(toDoc(text).lines));
/** The tree as nested [first words, children] for readable comparisons. */
const shape = (n: OutlineNode): unknown[] =>
  n.children.map((c) => {
    const head = (c.para?.text ?? '').split(' ').slice(0, 3).join(' ');
    return c.children.length ? [head, shape(c)] : head;
  });

// Seed 000, items 2 to 2.3 (shortened), as the cleaner leaves them.
const SEED_000 = `2. Thực hiện chỉ đạo của Chính phủ, giao Sở Thông tin và Truyền thông làm đầu mối, chủ trì phối hợp với Văn phòng UBND tỉnh, Công an tỉnh và các ngành có liên quan tập trung tham mưu thực hiện một số nhiệm vụ trọng tâm như sau:

2.1. Phần đầu nâng lên chỉ số xếp hạng Chính quyền điện tử của tỉnh Kiên Giang (tăng từ 5-7 bậc); trước mắt tập trung tham mưu thực hiện một số nhiệm vụ trọng tâm sau:

- Nhanh chóng đưa vào triển khai vận hành Hệ thống thông tin báo cáo tỉnh Kiên Giang.

- Tích cực triển khai chương trình truyền thông để nâng cao nhận thức.

2.2. Về nguồn lực xây dựng Chính quyền điện tử, Chính quyền số

Xây dựng Chính quyền điện tử, Chính quyền số là nhiệm vụ đòi hỏi nguồn lực lớn, do đó Sở Thông tin và Truyền thông phải chủ động phối hợp với các ngành, đơn vị liên quan thực hiện một số công việc sau:

- Nghiên cứu, tham mưu xây dựng khung nhiệm vụ phát triển Chính quyền điện tử (hoàn thành trong quý III/2021).

2.3. Nhiệm vụ khác

Tiếp tục tăng cường công tác thông tin truyền thông về kinh tế - xã hội của tỉnh.

Thực hiện tốt công tác đảm bảo an toàn thông tin, an ninh mạng.

3. Đối với một số kiến nghị, đề xuất

- Kiến nghị việc chấn chỉnh công tác phát ngôn: Giao Sở Thông tin và Truyền thông chủ trì tham mưu.`;

describe('toParagraphs', () => {
  it('joins wrapped lines; a marker, a block start, an attribute line or a heading opens a paragraph', () => {
    const doc = toDoc(
      [
        '1. Trung tâm Kiểm soát bệnh tật là đơn vị đầu mối, tổng hợp tình hình dịch bệnh, báo',
        'cáo Sở Y tế (qua Phòng Nghiệp vụ Y Dược) hằng tuần vào thứ Năm.',
        '- Cơ quan chủ trì: Công an tỉnh.',
        'Thời hạn hoàn thành: tháng 12/2025.',
        'KINH PHÍ THỰC HIỆN',
        'Kinh phí từ nguồn ngân sách tỉnh.',
      ].join('\n'),
    );
    const paras = toParagraphs(doc.lines);
    expect(paras.map((p) => p.text)).toEqual([
      'Trung tâm Kiểm soát bệnh tật là đơn vị đầu mối, tổng hợp tình hình dịch bệnh, báo cáo Sở Y tế (qua Phòng Nghiệp vụ Y Dược) hằng tuần vào thứ Năm.',
      'Cơ quan chủ trì: Công an tỉnh.',
      'Thời hạn hoàn thành: tháng 12/2025.',
      'KINH PHÍ THỰC HIỆN',
      'Kinh phí từ nguồn ngân sách tỉnh.',
    ]);
  });

  it('offsets: contentStart is the first word after the marker, end the paragraph end', () => {
    const text = 'Tiêu đề\n\n2.1.   Sở Nội vụ khẩn trương tham mưu\nUBND tỉnh ban hành quyết định.';
    const [, p] = toParagraphs(toDoc(text).lines);
    expect(p?.marker?.label).toBe('2.1');
    expect(text.slice(p?.start, p?.contentStart)).toBe('2.1.   ');
    expect(text.slice(p?.contentStart, p?.end)).toBe(
      'Sở Nội vụ khẩn trương tham mưu\nUBND tỉnh ban hành quyết định.',
    );
  });

  it('an attribute line opens a paragraph whatever its first letter\'s case: "Đơn vị", "đơn vị", "PHỐI HỢP"', () => {
    for (const attribute of ['Đơn vị chủ trì: Sở Y tế.', 'đơn vị phối hợp: Sở Y tế.', 'PHỐI HỢP: Sở Y tế.']) {
      const paras = toParagraphs(toDoc(`Rà soát danh sách hộ nghèo trên địa bàn\n${attribute}`).lines);
      expect(paras.map((p) => p.text)).toEqual(['Rà soát danh sách hộ nghèo trên địa bàn', attribute]);
    }
  });

  it('a line after one ending with ":" opens a new paragraph even without a marker', () => {
    const paras = toParagraphs(toDoc('1. Đánh giá chung:\nThời gian qua, Sở đã có nhiều cố gắng.').lines);
    expect(paras).toHaveLength(2);
  });
});

describe('a section title with its text on the next line', () => {
  it('"1. Đánh giá chung" then a capitalised line with no blank between: two paragraphs', () => {
    const paras = toParagraphs(
      toDoc(
        '1. Đánh giá chung\nTrong quý III, các đơn vị đã hoàn thành phần lớn chỉ tiêu.\n2. Nhiệm vụ thời gian tới',
      ).lines,
    );
    expect(paras.map((p) => p.text)).toEqual([
      'Đánh giá chung',
      'Trong quý III, các đơn vị đã hoàn thành phần lớn chỉ tiêu.',
      'Nhiệm vụ thời gian tới',
    ]);
  });

  it('an item wrapped before an agency name stays one paragraph', () => {
    const paras = toParagraphs(
      toDoc('1. Giao Sở Tài chính chủ trì, phối hợp với\nSở Nội vụ rà soát định mức.').lines,
    );
    expect(paras).toHaveLength(1);
  });
});

describe('isLeadIn and isHeadingLine', () => {
  it('a lead-in ends with ":" or "như sau" / "sau đây" / "nhiệm vụ sau"', () => {
    expect(isLeadIn('Phó Chủ tịch UBND tỉnh Nguyễn Lưu Trung có ý kiến kết luận chỉ đạo như sau:')).toBe(
      true,
    );
    expect(isLeadIn('trước mắt tập trung tham mưu thực hiện một số nhiệm vụ trọng tâm sau:')).toBe(true);
    expect(isLeadIn('Chủ tịch UBND tỉnh kết luận như sau')).toBe(true);
    expect(isLeadIn('Sở Nội vụ thực hiện các nhiệm vụ sau.')).toBe(true);
    expect(isLeadIn('Thực hiện tốt công tác đảm bảo an toàn thông tin, an ninh mạng.')).toBe(false);
  });

  it('a line in capitals is a heading; a short or mixed-case line is not', () => {
    expect(isHeadingLine('II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN')).toBe(true);
    expect(isHeadingLine('KINH PHÍ THỰC HIỆN')).toBe(true);
    expect(isHeadingLine('ĐẾN')).toBe(false);
    expect(isHeadingLine('2.3. Nhiệm vụ khác')).toBe(false);
  });
});

describe('buildOutline', () => {
  it('nests 2. / 2.1. / - and keeps unmarked paragraphs under the numbered item (seed 000)', () => {
    expect(shape(outline(SEED_000))).toEqual([
      [
        'Thực hiện chỉ',
        [
          ['Phần đầu nâng', ['Nhanh chóng đưa', 'Tích cực triển']],
          ['Về nguồn lực', [['Xây dựng Chính', ['Nghiên cứu, tham']]]],
          ['Nhiệm vụ khác', ['Tiếp tục tăng', 'Thực hiện tốt']],
        ],
      ],
      ['Đối với một', ['Kiến nghị việc']],
    ]);
  });

  it('gives each node the labels of its marked ancestors as ref', () => {
    const root = outline(SEED_000);
    const refs = [...walk(root)].map((n) => n.ref);
    expect(refs).toEqual(['2', '2.1', '2.1', '2.1', '2.2', '2.2', '2.2', '2.3', '2.3', '2.3', '3', '3']);
  });

  it('marks lead-ins and links parents', () => {
    const root = outline(SEED_000);
    const item2 = root.children[0] as OutlineNode;
    expect(item2.leadIn).toBe(true);
    expect(item2.parent).toBe(root);
    const bullet = item2.children[0]?.children[0] as OutlineNode;
    expect(bullet.parent?.parent).toBe(item2);
    expect(bullet.leadIn).toBe(false);
  });

  it('a) / đ) under a numbered item, + under -, and a new number closes them (s16 style)', () => {
    const text = [
      '2. Giao Sở Công Thương chủ trì thực hiện các nhiệm vụ sau:',
      'a) Theo dõi sát diễn biến thị trường, giá cả hàng hóa dịp Tết.',
      'đ) Tổ chức các chuyến hàng Việt về các xã vùng sâu, vùng xa:',
      '- Phối hợp với các doanh nghiệp phân phối:',
      '+ Bảo đảm nguồn hàng.',
      '+ Niêm yết giá.',
      '- Báo cáo kết quả trước ngày 31/01/2026.',
      '3. Sở Y tế bố trí lực lượng trực 24/24 giờ tại các cơ sở khám bệnh, chữa bệnh.',
    ].join('\n');
    expect(shape(outline(text))).toEqual([
      [
        'Giao Sở Công',
        [
          'Theo dõi sát',
          ['Tổ chức các', [['Phối hợp với', ['Bảo đảm nguồn', 'Niêm yết giá.']], 'Báo cáo kết']],
        ],
      ],
      'Sở Y tế',
    ]);
  });

  it('ordinal items "Một là, ... Bốn là, ..." are siblings', () => {
    const text = [
      'Chủ tịch UBND Thành phố yêu cầu như sau:',
      'Một là, người đứng đầu các cơ quan, đơn vị trực tiếp chỉ đạo, chịu trách nhiệm về kết quả giải ngân.',
      'Hai là, các chủ đầu tư khẩn trương nghiệm thu khối lượng hoàn thành.',
      'Bốn là, Sở Kế hoạch và Đầu tư theo dõi, tổng hợp tình hình giải ngân.',
    ].join('\n\n');
    const root = outline(text);
    expect(shape(root)).toEqual([['Chủ tịch UBND', ['người đứng đầu', 'các chủ đầu', 'Sở Kế hoạch']]]);
    expect([...walk(root)].map((n) => n.ref)).toEqual([null, 'Một là', 'Hai là', 'Bốn là']);
  });

  it('an unmarked paragraph that introduces nothing closes a bullet list', () => {
    const text = [
      '1. Về công tác phòng cháy:',
      '- Kiểm tra các cơ sở.',
      'Ngoài ra, các đơn vị chủ động phối hợp thực hiện.',
    ].join('\n\n');
    expect(shape(outline(text))).toEqual([['Về công tác', ['Kiểm tra các', 'Ngoài ra, các']]]);
  });
});

describe('items in parentheses', () => {
  it('"(1)", "(2)" under "1. Giao Chi cục …:" are its children, each its own paragraph', () => {
    const root = outline(
      [
        '1. Giao Chi cục Thủy lợi:',
        '(1) Kiểm tra hệ thống đê bao.',
        '(2) Đề xuất phương án gia cố.',
        '2. Sở Tài chính bố trí kinh phí.',
      ].join('\n'),
    );
    expect(shape(root)).toEqual([['Giao Chi cục', ['Kiểm tra hệ', 'Đề xuất phương']], 'Sở Tài chính']);
    expect([...walk(root)].map((n) => n.ref)).toEqual(['1', '1.(1)', '1.(2)', '2']);
  });
});
