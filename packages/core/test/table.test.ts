// Task tables (src/tasks/table.ts): STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |
// Thời hạn, one row a line as the cleaner leaves them. Rows from s14 (Cần Thơ, 10/11/2025).
import { describe, expect, it } from 'vitest';
import { toDoc } from '../src/document.ts';
import { extractTableTasks, isTableLine } from '../src/tasks/table.ts';

const doc = { y: 2025, m: 11, d: 10 };
const S14 = [
  'Phụ lục: Danh mục nhiệm vụ',
  '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành |',
  '| 1 | Rà soát, cập nhật bản đồ phân vùng nguy cơ sạt lở bờ sông, bờ biển trên địa bàn thành phố sau hợp nhất | Sở Nông nghiệp và Môi trường | UBND các xã, phường | Tháng 12/2025 |',
  '| 2 | Xây dựng phương án di dời khẩn cấp các hộ dân trong vùng sạt lở nguy hiểm | UBND các xã Vĩnh Hải, Trần Đề | Sở Nông nghiệp và Môi trường; Sở Xây dựng | Trong 30 ngày kể từ ngày ký Thông báo |',
  '| 3 | Lập hồ sơ đề xuất dự án kè chống sạt lở bờ biển khu vực Vĩnh Hải sử dụng nguồn vốn ngân sách trung ương | Sở Nông nghiệp và Môi trường | Sở Tài chính | Quý I/2026 |',
  '| 4 | Cân đối, bố trí vốn đối ứng cho các dự án phòng, chống sạt lở năm 2026 | Sở Tài chính | Sở Nông nghiệp và Môi trường | Trước 31/01/2026 |',
  '| 6 | Tuần tra, kiểm soát, ngăn chặn khai thác cát trái phép trên sông Hậu | Bộ Chỉ huy Bộ đội Biên phòng thành phố | Công an thành phố, UBND các xã, phường | Thường xuyên |',
].join('\n');

describe('extractTableTasks', () => {
  const d = toDoc(S14);
  const tasks = extractTableTasks(d.lines, doc);

  it('one task a row, ref "PL.<STT>"', () => {
    expect(tasks.map((t) => t.ref)).toEqual(['PL.1', 'PL.2', 'PL.3', 'PL.4', 'PL.6']);
  });

  it('content, lead and support from their columns; lists split on "," and ";"', () => {
    expect(tasks[0]).toMatchObject({
      text: 'Rà soát, cập nhật bản đồ phân vùng nguy cơ sạt lở bờ sông, bờ biển trên địa bàn thành phố sau hợp nhất',
      lead: ['Sở Nông nghiệp và Môi trường'],
      support: ['UBND các xã, phường'],
    });
    expect(tasks[1]?.support).toEqual(['Sở Nông nghiệp và Môi trường', 'Sở Xây dựng']);
    expect(tasks[4]?.lead).toEqual(['Bộ Chỉ huy Bộ đội Biên phòng thành phố']);
    expect(tasks[4]?.support).toEqual(['Công an thành phố', 'UBND các xã, phường']);
  });

  it('the deadline column: month, quarter, "Trước" a date, and a period from the signature', () => {
    expect(tasks.map((t) => t.due)).toEqual(['2025-12-31', '2025-12-10', '2026-03-31', '2026-01-31', null]);
    expect(tasks[1]?.dueText).toBe('Trong 30 ngày kể từ ngày ký Thông báo');
    expect(tasks[4]?.dueText).toBeNull();
  });

  it('each span points at the content cell in the text', () => {
    for (const t of tasks) expect(S14.slice(t.span.start, t.span.end).replace(/\s+/g, ' ')).toBe(t.text);
  });

  it('a row with no agency and no deadline is a heading inside the table', () => {
    const text = [
      '| TT | Nội dung công việc | Đơn vị chủ trì | Thời gian |',
      '| I | Công tác phòng, chống dịch bệnh | | |',
      '| 1 | Giám sát trọng điểm cúm, sốt xuất huyết | Trung tâm Kiểm soát bệnh tật | Quý I/2026 |',
    ].join('\n');
    const t = extractTableTasks(toDoc(text).lines, doc);
    expect(t.map((x) => [x.ref, x.lead, x.due])).toEqual([
      ['PL.1', ['Trung tâm Kiểm soát bệnh tật'], '2026-03-31'],
    ]);
  });

  it('a recurring duty in the deadline cell: "Hằng tháng"', () => {
    const text = [
      '| STT | Nội dung | Đơn vị thực hiện | Thời gian |',
      '| 1 | Báo cáo tình hình giải ngân vốn đầu tư công | Sở Tài chính | Hằng tháng, trước ngày 05 |',
    ].join('\n');
    const [t] = extractTableTasks(toDoc(text).lines, doc);
    expect(t?.recurrence).toBe('monthly');
    expect(t?.lead).toEqual(['Sở Tài chính']);
  });

  it('a table that is no task table gives nothing (no content column, or no lead and no deadline column)', () => {
    const layout = ['| Nơi nhận: | KT. CHỦ TỊCH |', '| - Lưu: VT. | PHÓ CHỦ TỊCH |'].join('\n');
    expect(extractTableTasks(toDoc(layout).lines, doc)).toEqual([]);
    const noOwner = ['| STT | Nội dung | Ghi chú |', '| 1 | Rà soát, cập nhật bản đồ phân vùng | |'].join(
      '\n',
    );
    expect(extractTableTasks(toDoc(noOwner).lines, doc)).toEqual([]);
  });

  it('isTableLine', () => {
    expect(isTableLine(d.lines[1] as (typeof d.lines)[number])).toBe(true);
    expect(isTableLine(d.lines[0] as (typeof d.lines)[number])).toBe(false);
  });
});

describe('regressions', () => {
  // Regression (was a bug, fixed in b7638d2/19da6ee): "Quý II và quý III/2026" names two quarters; only the first is read (its year taken
  // from the document), so the due is the end of quarter II instead of quarter III (s28).
  it('a deadline cell "Quý II và quý III/2026" is due at the end of quarter III (s28)', () => {
    const text = [
      '| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |',
      '| 5 | Kiểm tra công tác phòng, chống dịch tại các cơ sở khám bệnh, chữa bệnh | Thanh tra Sở | Phòng Nghiệp vụ Y Dược | Quý II và quý III/2026 |',
    ].join('\n');
    const [t] = extractTableTasks(toDoc(text).lines, { y: 2026, m: 1, d: 8 });
    expect(t?.due).toBe('2026-09-30');
  });
});
