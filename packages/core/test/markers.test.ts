// List markers (src/outline/markers.ts): I. / 1. / 2.1. / a) / đ) / - / + (Decree 30/2020, Phụ lục I).
import { describe, expect, it } from 'vitest';
import { isBullet, RANK, readMarker } from '../src/outline/markers.ts';

describe('readMarker', () => {
  it('numbered items: "1. Thống nhất ...", "2.1. Phần đầu ...", "2.1.3 ..."', () => {
    expect(readMarker('1. Thống nhất cơ bản nội dung báo cáo')).toEqual({
      type: 'num1',
      label: '1',
      length: 3,
    });
    expect(readMarker('2.1. Phần đầu nâng lên chỉ số xếp hạng')).toEqual({
      type: 'num2',
      label: '2.1',
      length: 5,
    });
    expect(readMarker('1.1 Sở Nội vụ chủ trì')).toEqual({ type: 'num2', label: '1.1', length: 4 });
    expect(readMarker('2.1.3. Rà soát')).toMatchObject({ type: 'num3', label: '2.1.3' });
    expect(readMarker('1.2.3.4. Rà soát')).toMatchObject({ type: 'num4', label: '1.2.3.4' });
    expect(readMarker('3) Đối với Sở Y tế')).toMatchObject({ type: 'num1', label: '3' });
  });

  it('roman numerals and capital letters: "II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", "A. PHẦN CHUNG"', () => {
    expect(readMarker('II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN')).toEqual({
      type: 'roman',
      label: 'II',
      length: 4,
    });
    expect(readMarker('A. PHẦN CHUNG')).toMatchObject({ type: 'upper', label: 'A' });
  });

  it('letters of the Vietnamese alphabet: "a) Về bưu chính, viễn thông:", "đ) Sở Xây dựng chỉ đạo ..."', () => {
    expect(readMarker('a) Về bưu chính, viễn thông:')).toEqual({ type: 'alpha', label: 'a', length: 3 });
    expect(readMarker('đ) Sở Xây dựng chỉ đạo các doanh nghiệp vận tải')).toMatchObject({
      type: 'alpha',
      label: 'đ',
    });
    expect(readMarker('b. Rà soát danh sách hộ nghèo')).toMatchObject({ type: 'alpha', label: 'b' });
  });

  it('ordinal words: "Một là, ...", "Thứ hai: ..."', () => {
    expect(readMarker('Một là, người đứng đầu các cơ quan, đơn vị trực tiếp chỉ đạo')).toMatchObject({
      type: 'ordinal',
      label: 'Một là',
      length: 'Một là, '.length,
    });
    expect(readMarker('Thứ hai: tăng cường kiểm tra')).toMatchObject({ type: 'ordinal', label: 'Thứ hai' });
  });

  it('bullets: "-", "–", "+", "*", "•"', () => {
    expect(readMarker('- Tiếp tục tăng cường việc hỗ trợ')).toEqual({ type: 'dash', label: '-', length: 2 });
    expect(readMarker('– Rà soát')).toMatchObject({ type: 'dash' });
    expect(readMarker('+ Tổng hợp kết quả thực hiện nhiệm vụ')).toMatchObject({ type: 'plus', label: '+' });
    expect(readMarker('* Sở Y tế')).toMatchObject({ type: 'star' });
    expect(readMarker('• Sở Y tế')).toMatchObject({ type: 'star' });
  });

  it('no marker in a sentence, a date, a number or a percentage', () => {
    expect(readMarker('Ngày 11 tháng 5 năm 2021, tại Văn phòng')).toBeNull();
    expect(readMarker('27/3/2021 của Thủ tướng')).toBeNull();
    expect(readMarker('2021 là năm đầu tiên')).toBeNull();
    expect(readMarker('100% dịch vụ công')).toBeNull();
    expect(readMarker('Sở Nội vụ khẩn trương tham mưu')).toBeNull();
    expect(readMarker('')).toBeNull();
  });
});

describe('RANK and isBullet', () => {
  it('ranks follow the usual nesting I. > 1. > 1.1. > a) > - > +', () => {
    const ranks = (['roman', 'num1', 'num2', 'num3', 'alpha', 'dash', 'plus'] as const).map((t) => RANK[t]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(RANK.alpha).toBe(RANK.ordinal);
  });

  it('only -, + and * are bullets', () => {
    expect(['dash', 'plus', 'star'].every((t) => isBullet(t as 'dash'))).toBe(true);
    expect(isBullet('num1')).toBe(false);
    expect(isBullet('alpha')).toBe(false);
  });
});

describe('the slash form', () => {
  // "1/", "a/": many provincial notices number their items so (our own sentences in that style).
  it('"1/ Giao Sở Tài chính rà soát ..." and "a/ Sở Xây dựng kiểm tra ..." are items', () => {
    expect(
      readMarker('1/ Giao Sở Tài chính rà soát, báo cáo UBND tỉnh trước ngày 20/11/2025.'),
    ).toMatchObject({
      type: 'num1',
      label: '1',
      length: 3,
    });
    expect(readMarker('a/ Sở Xây dựng kiểm tra các công trình')).toMatchObject({ type: 'alpha', label: 'a' });
    // A date or a fraction stays no marker.
    expect(readMarker('20/11/2025 là hạn chót')).toBeNull();
  });
});

describe('numbers and letters in parentheses', () => {
  it('"(1) Khẩn trương ...", "(b) Rà soát ..." are items under a numbered or lettered one', () => {
    expect(readMarker('(1) Khẩn trương khoanh vùng, xử lý ổ dịch')).toEqual({
      type: 'paren',
      label: '(1)',
      length: 4,
    });
    expect(readMarker('(12)Tổng hợp, báo cáo')).toMatchObject({ type: 'paren', label: '(12)' });
    expect(readMarker('(b) Rà soát danh mục dự án')).toMatchObject({ type: 'paren', label: '(b)' });
    expect(RANK.paren).toBeGreaterThan(RANK.alpha);
    expect(RANK.paren).toBeLessThan(RANK.dash);
  });

  it('a parenthesis that opens words is no marker: "(Kèm theo ...)", "(để b/c)", "(2020-2025)"', () => {
    expect(readMarker('(Kèm theo danh mục dự án)')).toBeNull();
    expect(readMarker('(để b/c)')).toBeNull();
    expect(readMarker('(2020-2025) là giai đoạn')).toBeNull();
  });
});

describe('rules', () => {
  it('a line drawn under the subject ("-----", "___", "* * *") is no item', () => {
    expect(readMarker('-----')).toBeNull();
    expect(readMarker('———————')).toBeNull();
    expect(readMarker('* * *')).toBeNull();
    expect(readMarker('- Sở Tài chính')).toMatchObject({ type: 'dash' });
    expect(readMarker('--')).toMatchObject({ type: 'dash' });
    expect(readMarker('- \t')).toBeNull();
    expect(readMarker('-\u00a0 x')).toEqual({ type: 'dash', label: '-', length: 3 });
  });
});

describe('numbered items read by hand', () => {
  it('at most two digits, then a stop, then a letter, a quote or a parenthesis', () => {
    expect(readMarker('12 ) "Sở Y tế"')).toEqual({ type: 'num1', label: '12', length: 5 });
    expect(readMarker('3.(Sở Y tế)')).toEqual({ type: 'num1', label: '3', length: 2 });
    expect(readMarker('4. “Sở Y tế”')).toEqual({ type: 'num1', label: '4', length: 3 });
    expect(readMarker('5. Ủy ban')).toEqual({ type: 'num1', label: '5', length: 3 });
    expect(readMarker('123. Sở Y tế')).toBeNull();
    expect(readMarker('6. 2025')).toBeNull();
    expect(readMarker('7.')).toBeNull();
  });
});
