// Deadlines (src/deadlines/deadline.ts): a time expression with a deadline cue, or a
// period counted from the document's date; dates without a cue are references
// (CONTRACT, Deadlines).
import { describe, expect, it } from 'vitest';
import { chooseDeadline, type Deadline, findDeadlines } from '../src/deadlines/deadline.ts';

const d2021 = { y: 2021, m: 5, d: 18 }; // seed 000: Kiên Giang, ngày 18 tháng 5 năm 2021
const d2022 = { y: 2022, m: 11, d: 8 }; // seed 003: Bình Định, ngày 08 tháng 11 năm 2022
const d2025 = { y: 2025, m: 9, d: 3 };

const found = (s: string, doc = d2021) => findDeadlines(s, doc).map((x) => [x.due, x.dueText]);
const chosen = (s: string, doc = d2021) => chooseDeadline(findDeadlines(s, doc))?.due ?? null;

describe('findDeadlines: deadlines', () => {
  it('"(hoàn thành trong **tháng 5/2021**)" → 2021-05-31 (seed 000)', () => {
    const s =
      'chỉ đạo của Thường trực UBND tỉnh tại Công văn số 2845/VP-KGVX ngày 06/5/2021 (đối với các dịch vụ không đủ điều kiện đưa lên trực tuyến thì có báo cáo giải thích nguyên nhân) (hoàn thành trong tháng 5/2021).';
    const all = findDeadlines(s, d2021);
    expect(all.map((x) => x.due)).toEqual(['2021-05-31']);
    const d = all[0] as Deadline;
    expect(d.dueText).toBe('trong tháng 5/2021');
    expect(s.slice(d.start, d.end)).toBe('trong tháng 5/2021');
    expect(d.strength).toBe(3);
  });

  it('"(hoàn thành trong quý III/2021)" → 2021-09-30 (seed 000, 2.2)', () => {
    expect(found('huy động nguồn kinh phí thực hiện theo quy định (hoàn thành trong quý III/2021).')).toEqual(
      [['2021-09-30', 'trong quý III/2021']],
    );
  });

  it('"hoàn thành trong tháng 11/2022" and "báo cáo UBND tỉnh trong tháng 12/2022" (seed 003)', () => {
    expect(
      chosen(
        '- Xây dựng Kế hoạch truyền thông năm 2023, gắn với định hướng phát triển kinh tế - xã hội của tỉnh; hoàn thành trong tháng 11/2022.',
        d2022,
      ),
    ).toBe('2022-11-30');
    expect(
      chosen(
        'Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương xây dựng Kế hoạch chuyển đổi số chung cho toàn tỉnh giai đoạn 2023-2025 đồng bộ và có lộ trình thực hiện cụ thể, báo cáo UBND tỉnh trong tháng 12/2022; trong đó, quan tâm đến việc chuyển đổi số.',
        d2022,
      ),
    ).toBe('2022-12-31');
  });

  it('"trước ngày 10/12/2022" and "chậm nhất ngày 31/5/2025" name the day', () => {
    expect(found('trình UBND tỉnh thẩm định trước ngày 10/12/2022.', d2022)).toEqual([
      ['2022-12-10', 'trước ngày 10/12/2022'],
    ]);
    expect(
      chosen(
        'Bộ Chỉ huy Quân sự tỉnh tổ chức các đoàn kiểm tra công tác phòng cháy, chữa cháy rừng tại các địa bàn trọng điểm; hoàn thành chậm nhất ngày 31/5/2025.',
        { y: 2025, m: 3, d: 10 },
      ),
    ).toBe('2025-05-31');
  });

  it('"trước 17h00 ngày 05/9/2025": the hour does not change the day (s23)', () => {
    const s =
      'Tham mưu văn bản của UBND tỉnh đôn đốc các sở, ngành, UBND các xã, phường triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị; trình lãnh đạo Sở trước 17h00 ngày 05/9/2025.';
    expect(found(s, d2025)).toEqual([['2025-09-05', 'trước 17h00 ngày 05/9/2025']]);
  });

  it('"trong 15 ngày kể từ ngày ký Thông báo này" counts from the document date (s01)', () => {
    const s =
      'tích hợp dữ liệu của tỉnh Vĩnh Phúc, tỉnh Hòa Bình (cũ) về Hệ thống thông tin giải quyết thủ tục hành chính tỉnh; hoàn thành trong 15 ngày kể từ ngày ký Thông báo này.';
    expect(found(s, d2021)).toEqual([['2021-06-02', 'trong 15 ngày kể từ ngày ký Thông báo này']]);
    // Without the document's date a relative period cannot be resolved.
    expect(findDeadlines(s, null)).toEqual([]);
  });

  it('working days and months counted from signature', () => {
    // Friday 5 September 2025: 5 working days → Friday 12 September.
    expect(chosen('báo cáo UBND tỉnh trong 05 ngày làm việc kể từ ngày ký', { y: 2025, m: 9, d: 5 })).toBe(
      '2025-09-12',
    );
    expect(chosen('hoàn thành trong 03 tháng kể từ ngày ký ban hành', d2021)).toBe('2021-08-18');
    expect(chosen('hoàn thành trong mười lăm ngày kể từ ngày nhận được Thông báo', d2021)).toBe('2021-06-02');
    // No digit and no period word but the number: still a deadline.
    expect(chosen('hoàn thành trong bảy ngày kể từ ngày ký', d2021)).toBe('2021-05-25');
  });

  it('a period counted from something else cannot be resolved: "kể từ ngày nhận đủ hồ sơ hợp lệ" (s05)', () => {
    expect(
      found('thẩm định, trình UBND tỉnh phê duyệt trong thời hạn 10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.'),
    ).toEqual([]);
  });

  it('a year with a weak cue: "trong năm 2021" is strength 1, "trong 6 tháng cuối năm 2025" strength 2', () => {
    const y = findDeadlines(
      'hoàn thành mục tiêu cung cấp 100% dịch vụ công trong năm 2021 theo hướng dẫn',
      d2021,
    );
    expect(y.map((x) => [x.due, x.strength])).toEqual([['2021-12-31', 1]]);
    const h = findDeadlines(
      'tham mưu UBND tỉnh trình HĐND tỉnh điều chỉnh trong 6 tháng cuối năm 2025.',
      d2025,
    );
    expect(h.map((x) => [x.due, x.strength])).toEqual([['2025-12-31', 2]]);
  });

  it('my own: "thời hạn hoàn thành: quý IV/2025", "hạn chót là ngày 15/10/2025"', () => {
    expect(chosen('Thời hạn hoàn thành: quý IV/2025.', d2025)).toBe('2025-12-31');
    expect(chosen('hạn chót là ngày 15/10/2025', d2025)).toBe('2025-10-15');
  });
});

describe('findDeadlines: references are not deadlines', () => {
  it('"Quyết định số 468/QĐ-TTg ngày 27/3/2021" (seed 003)', () => {
    expect(
      found(
        'phối hợp triển khai Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ về phê duyệt Đề án đổi mới việc thực hiện cơ chế một cửa',
        d2022,
      ),
    ).toEqual([]);
  });

  it('"giai đoạn 2021-2025" and "định hướng đến năm 2030" (seed 001)', () => {
    expect(
      found('xây dựng Kế hoạch chuyển đổi số chung cho toàn tỉnh giai đoạn 2023-2025 đồng bộ', d2022),
    ).toEqual([]);
    expect(
      found(
        'phát triển dịch vụ đô thị thông minh, kinh tế số và xã hội số trên địa bàn tỉnh Vĩnh Phúc đến năm 2025, định hướng đến năm 2030',
        { y: 2020, m: 12, d: 1 },
      ),
    ).toEqual([]);
  });

  it('"dự kiến đưa vào khai thác thương mại chính thức vào năm 2023" (seed 003)', () => {
    expect(
      found(
        'tận dụng, khai thác 02 tuyến cáp quang biển quốc tế cập bờ biển Quy Nhơn - Bình Định dự kiến đưa vào khai thác thương mại chính thức vào năm 2023 để thúc đẩy phát triển công nghệ thông tin, viễn thông.',
        d2022,
      ),
    ).toEqual([]);
  });

  it('"ngày 30/9/2014" of a cited decision, and a period long past the document date', () => {
    expect(
      found(
        'Giao Sở Tài chính rà soát, hướng dẫn cụ thể cho các huyện việc chi trả nhuận bút theo Quyết định số 33/2014/QĐ-UBND ngày 30/9/2014 của UBND tỉnh.',
        { y: 2016, m: 11, d: 22 },
      ),
    ).toEqual([]);
    // "trước ngày 15/3/2021" in a notice of 18/5/2021 is history, not a deadline.
    expect(found('đã hoàn thành trước ngày 15/3/2021', d2021)).toEqual([]);
  });

  it('"trước 07 giờ và trước 16 giờ hằng ngày": hours of every day are no date (s29)', () => {
    expect(
      found(
        'Báo cáo tình hình ứng phó về Ban Chỉ đạo (qua Văn phòng thường trực) 02 lần/ngày, trước 07 giờ và trước 16 giờ hằng ngày cho đến khi bão tan.',
        { y: 2025, m: 9, d: 23 },
      ),
    ).toEqual([]);
  });

  it('"trước ngày 20 hằng tháng" has no date of its own (a recurring day, s12)', () => {
    expect(found('báo cáo định kỳ hằng tháng trước ngày 20.', d2025)).toEqual([]);
  });
});

describe('chooseDeadline', () => {
  it('the strongest cue wins: "trong năm 2021 ... (hoàn thành trong tháng 6/2021)" (seed 000)', () => {
    const s =
      'Lưu ý, đánh giá kết quả thực hiện, những khó khăn, vướng mắc, nguyên nhân, đề xuất giải pháp, kiến nghị thực hiện trong năm 2021, giai đoạn 2021-2025 (hoàn thành trong tháng 6/2021).';
    const all = findDeadlines(s, d2021);
    expect(all.map((x) => x.due)).toEqual(['2021-12-31', '2021-06-30']);
    expect(chooseDeadline(all)?.due).toBe('2021-06-30');
  });

  it('among equals the last written wins; none gives null', () => {
    // Built from real finds, so that the test follows the Deadline type as it grows.
    const [a, b] = findDeadlines(
      'trình UBND tỉnh trước ngày 15/11/2025; hoàn thành trước ngày 30/11/2025',
      d2025,
    );
    const [weak] = findDeadlines('hoàn thành mục tiêu trong năm 2025', d2025);
    expect([a?.strength, b?.strength, weak?.strength]).toEqual([3, 3, 1]);
    expect(chooseDeadline([a, b, weak] as Deadline[])).toBe(b);
    expect(chooseDeadline([weak, a] as Deadline[])).toBe(a);
    expect(chooseDeadline([])).toBeNull();
  });
});

describe('regressions', () => {
  // Regression (was a bug, fixed in b7638d2/19da6ee): "Đến ngày 05/9/2025, ..." opening an
  // assessment is the date of a status ("as of"), not a deadline; s26's assessment paragraph
  // becomes a task with due 2025-09-05.
  it('"Đến ngày 05/9/2025, tỉnh giải ngân được 5.912 tỷ đồng, đạt 48,6% ..." has no deadline (s26)', () => {
    expect(
      found(
        'Đến ngày 05/9/2025, tỉnh giải ngân được 5.912 tỷ đồng, đạt 48,6% kế hoạch vốn Thủ tướng Chính phủ giao; một số chủ đầu tư có tỷ lệ giải ngân dưới 30%.',
        { y: 2025, m: 9, d: 15 },
      ),
    ).toEqual([]);
  });

  it('"hoàn thành đến hết năm 2025" and the end of a range "từ ngày 01/12/2025 đến ngày 31/12/2025"', () => {
    expect(chosen('Tổ chức thu gom, xử lý rác thải tồn đọng, hoàn thành đến hết năm 2025.', d2025)).toBe(
      '2025-12-31',
    );
    expect(
      chosen('Ra quân tổng vệ sinh môi trường, thực hiện từ ngày 01/12/2025 đến ngày 31/12/2025.', d2025),
    ).toBe('2025-12-31');
  });

  // Regression (was a bug, fixed in 1c8412c): a day/month with no year at the end of a sentence ("24/9.") is not read (periods.ts
  // DAY_MONTH lookahead rejects the full stop), so s29's urgent deadline is lost.
  it('"hoàn thành trước 17 giờ ngày 24/9." → 2025-09-24 (s29)', () => {
    const s =
      'Kêu gọi, hướng dẫn tàu thuyền vào nơi tránh trú an toàn, kiên quyết không để người ở lại trên tàu thuyền, lồng bè khi bão đổ bộ; hoàn thành trước 17 giờ ngày 24/9.';
    expect(chosen(s, { y: 2025, m: 9, d: 23 })).toBe('2025-09-24');
  });
});

describe('findDeadlines: a range over by the document date', () => {
  it('"trong đợt mưa lũ từ ngày 04/8 đến ngày 07/8/2025" in a notice of 3 September 2025 is an event', () => {
    expect(
      found('Biểu dương lực lượng xung kích trong đợt mưa lũ từ ngày 04/8 đến ngày 07/8/2025.', d2025),
    ).toEqual([]);
  });

  it('a range still ahead gives its end: "thực hiện từ ngày 15/9 đến ngày 30/9/2025"', () => {
    expect(chosen('Tổ chức kiểm tra từ ngày 15/9 đến ngày 30/9/2025.', d2025)).toBe('2025-09-30');
  });
});
