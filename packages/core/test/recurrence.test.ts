// Recurring duties (src/deadlines/recurrence.ts).
import { describe, expect, it } from 'vitest';
import { findRecurrence } from '../src/deadlines/recurrence.ts';

const rec = (s: string) => findRecurrence(s)?.recurrence ?? null;

describe('findRecurrence', () => {
  it('"Báo cáo hằng ngày cho Chủ tịch UBND tỉnh" (seed 003) is daily', () => {
    expect(
      findRecurrence('- Báo cáo hằng ngày cho Chủ tịch UBND tỉnh về các thông tin tích cực, tiêu cực'),
    ).toEqual({
      recurrence: 'daily',
      text: 'hằng ngày',
    });
  });

  it('weekly, monthly and quarterly from the synthetic notices', () => {
    expect(rec('Các chủ đầu tư định kỳ hằng tuần (vào thứ Sáu) báo cáo tiến độ thực hiện')).toBe('weekly');
    expect(rec('báo cáo UBND tỉnh (qua Văn phòng UBND tỉnh) trước ngày 05 hằng tháng.')).toBe('monthly');
    expect(rec('- Định kỳ hằng tháng báo cáo tình hình giải quyết thủ tục hành chính')).toBe('monthly');
    expect(
      rec('báo cáo công tác cải cách hành chính định kỳ hằng quý (trước ngày 15 của tháng cuối quý)'),
    ).toBe('quarterly');
    expect(rec('báo cáo tại cuộc họp giao ban sáng thứ Hai hàng tuần')).toBe('weekly');
  });

  it('half-yearly: "định kỳ 6 tháng", "6 tháng một lần"', () => {
    expect(rec('báo cáo UBND thành phố định kỳ 6 tháng (trước ngày 15/6 và 15/12 hằng năm).')).toBe(
      'half-yearly',
    );
    expect(rec('tổ chức sơ kết 6 tháng một lần')).toBe('half-yearly');
  });

  it('yearly: "mỗi năm", "hằng năm"', () => {
    expect(rec('tổ chức tổng kết mỗi năm một lần')).toBe('yearly');
  });

  it('"02 lần/ngày, trước 07 giờ và trước 16 giờ hằng ngày" (s29) is daily, with no date of its own', () => {
    expect(
      rec(
        'Báo cáo tình hình ứng phó về Ban Chỉ đạo (qua Văn phòng thường trực) 02 lần/ngày, trước 07 giờ và trước 16 giờ hằng ngày cho đến khi bão tan.',
      ),
    ).toBe('daily');
  });

  it('nothing in a one-off task or a period that only names a span', () => {
    expect(rec('Xây dựng Kế hoạch truyền thông năm 2023; hoàn thành trong tháng 11/2022.')).toBeNull();
    expect(rec('kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024')).toBeNull();
    // "hằng" must stand before the unit as a word: "phường" ends with "ng", "thường ngày" is no recurrence.
    expect(rec('Bố trí lực lượng trực 24/24 giờ tại các cơ sở khám bệnh')).toBeNull();
  });
});
