// Task or not (src/tasks/classify.ts): directives ask an agency to act; assessments,
// replies that decline and closing formulas do not (CONTRACT, "What counts as a task").
import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_HEADING_RE,
  CLOSING_RE,
  directiveScore,
  isTask,
  type TaskEvidence,
} from '../src/tasks/classify.ts';

const none: TaskEvidence = { explicit: false, hasDeadline: false, clauseSubject: false };
const explicit: TaskEvidence = { ...none, explicit: true };
const deadline: TaskEvidence = { ...none, hasDeadline: true };

describe('CLOSING_RE: closing formulas (Decree 30/2020, Phụ lục I)', () => {
  it.each([
    'Trên đây là ý kiến kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Lưu Trung, Văn phòng Ủy ban nhân dân tỉnh thông báo đến các sở, ban, ngành và đơn vị có liên quan biết, tổ chức triển khai thực hiện./.',
    'Trong quá trình thực hiện có vướng mắc, phát sinh vượt thẩm quyền, các cơ quan, đơn vị kịp thời báo cáo Ủy ban nhân dân tỉnh để chỉ đạo, xử lý.',
    'Văn phòng UBND tỉnh Kiên Giang thông báo ý kiến kết luận của Chủ tịch UBND tỉnh Phạm Vũ Hồng đến các sở, ban, ngành, địa phương và các đơn vị có liên quan biết, thực hiện./.',
    'Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường nghiêm túc triển khai thực hiện Chỉ thị này.',
    'Quá trình triển khai, nếu có khó khăn, vướng mắc, các đơn vị báo cáo về Sở Nội vụ để tổng hợp.',
    'Nhận được Thông báo này, đề nghị các cơ quan, đơn vị triển khai thực hiện.',
  ])('closes: %s', (s) => {
    expect(CLOSING_RE.test(s)).toBe(true);
    expect(isTask(s, false, explicit)).toBe(false);
    expect(isTask(s, true, { ...explicit, hasDeadline: true })).toBe(false);
  });

  it('a directive that mentions "thông báo" does not close', () => {
    expect(
      CLOSING_RE.test(
        'Giao Sở Thông tin và Truyền thông thông báo rộng rãi trên Cổng thông tin điện tử tỉnh.',
      ),
    ).toBe(false);
  });
});

describe('ASSESSMENT_HEADING_RE', () => {
  it('assessment headings', () => {
    expect(ASSESSMENT_HEADING_RE.test('Đánh giá chung:')).toBe(true);
    expect(ASSESSMENT_HEADING_RE.test('MỤC ĐÍCH, YÊU CẦU')).toBe(true);
    expect(ASSESSMENT_HEADING_RE.test('Về kết quả thực hiện nhiệm vụ năm 2025')).toBe(true);
    expect(ASSESSMENT_HEADING_RE.test('Những hạn chế, tồn tại')).toBe(true);
    expect(ASSESSMENT_HEADING_RE.test('KINH PHÍ THỰC HIỆN')).toBe(true);
  });

  it('directive headings are not', () => {
    expect(ASSESSMENT_HEADING_RE.test('Về một số nhiệm vụ trọng tâm trong thời gian tới:')).toBe(false);
    expect(ASSESSMENT_HEADING_RE.test('Tình hình triển khai nhiệm vụ chuyển đổi số')).toBe(false);
    expect(ASSESSMENT_HEADING_RE.test('Tổ chức thực hiện:')).toBe(false);
    expect(ASSESSMENT_HEADING_RE.test('Yêu cầu các đơn vị')).toBe(false);
  });
});

describe('isTask', () => {
  it('an assessment: "Thống nhất cơ bản nội dung báo cáo; đánh giá cao kết quả ..." (seed 000, item 1)', () => {
    const s =
      'Thống nhất cơ bản nội dung báo cáo; đánh giá cao kết quả thực hiện 04 tháng đầu năm 2021, nhiệm vụ trọng tâm năm 2021 của Sở Thông tin và Truyền thông. Ngành đã chỉ đạo các cơ quan báo chí đẩy mạnh tuyên truyền về phát triển kinh tế - xã hội; tuyên truyền tốt về phòng, chống dịch Covid-19.';
    expect(isTask(s, true, none)).toBe(false);
    expect(directiveScore(s, none)).toBeLessThan(0);
  });

  it('a list of shortcomings: "Công tác truyền thông, quảng bá còn yếu; ..." (seed 002)', () => {
    const s =
      'Công tác truyền thông, quảng bá còn yếu; nhiều nội dung cần phản ánh, quảng bá nhưng không kịp thời, nhất là các vấn đề thời sự nóng.';
    expect(isTask(s, true, none)).toBe(false);
  });

  it('a marked item of figures and outlook: "Năm 2024, ... tăng 12% so với năm 2023. Tuy nhiên, ..." (our own)', () => {
    const s =
      'Năm 2024, công tác thu ngân sách được các cấp, các ngành quan tâm chỉ đạo, tổng thu tăng 12% so với năm 2023. Tuy nhiên, dự báo năm 2025 nguồn thu từ đất gặp nhiều khó khăn, nhất là ở các xã vùng cao.';
    expect(isTask(s, true, none)).toBe(false);
    // A directive keeps its place though it compares figures.
    const d = 'Phấn đấu tổng thu ngân sách năm 2025 tăng 10% so với năm 2024.';
    expect(isTask(d, true, none)).toBe(true);
  });

  it('an item with a directive verb and no agency is a task when marked (seed 000, 2.1)', () => {
    const s =
      'Tích cực triển khai chương trình truyền thông để nâng cao nhận thức, thay đổi thói quen hành vi, tạo sự đồng thuận của các cấp chính quyền.';
    expect(isTask(s, true, none)).toBe(true);
    expect(directiveScore(s, none)).toBeGreaterThanOrEqual(2);
  });

  it('an unmarked paragraph needs a score of 2: a verb, or an explicit assignment', () => {
    expect(
      isTask(
        'Thực hiện tốt công tác đảm bảo an toàn thông tin, an ninh mạng theo chỉ đạo của Chính phủ.',
        false,
        none,
      ),
    ).toBe(true);
    expect(isTask('Hiện nay, công tác bảo đảm an toàn mạng lưới và thông tin chưa tốt.', false, none)).toBe(
      false,
    );
    expect(isTask('Sở Tài chính rà soát lại, báo cáo UBND tỉnh.', false, explicit)).toBe(true);
  });

  it('a deadline counts for a directive', () => {
    const s = 'Kế hoạch truyền thông năm 2023 hoàn thành trong tháng 11/2022.';
    expect(directiveScore(s, deadline)).toBeGreaterThan(directiveScore(s, none));
    expect(isTask(s, false, deadline)).toBe(true);
  });

  it('a reply that declines is not a task: "Về đề nghị tăng biên chế cho Thanh tra Sở: Không thống nhất ..." (s21)', () => {
    const s =
      'Về đề nghị tăng biên chế cho Thanh tra Sở: Không thống nhất, do việc sắp xếp tổ chức thanh tra thực hiện theo chỉ đạo chung của Trung ương.';
    expect(isTask(s, true, none)).toBe(false);
    expect(isTask('Ghi nhận kiến nghị của Sở về bố trí trụ sở làm việc.', true, none)).toBe(false);
  });

  it('a reply that agrees and assigns is a task: "Thống nhất chủ trương. Giao Sở Xây dựng phối hợp ..."', () => {
    const s =
      'Về đề nghị ban hành quy định phân cấp quản lý: Thống nhất chủ trương. Giao Sở Xây dựng phối hợp với Sở Tư pháp dự thảo Quyết định quy phạm pháp luật, trình UBND tỉnh chậm nhất ngày 30/9/2025.';
    expect(isTask(s, true, { ...explicit, hasDeadline: true })).toBe(true);
  });

  it('"phải", "cần" alone do not make an assessment a directive', () => {
    const s =
      'Tuy nhiên, qua nội dung báo cáo chưa đánh giá hết, những hạn chế, yếu kém cần phải khắc phục trong thời gian tới.';
    expect(isTask(s, true, none)).toBe(false);
  });
});

describe('regressions', () => {
  // Regression (was a bug, fixed in b7638d2/19da6ee): DECLINE_RE knows "Thống nhất cơ bản" and "Thống nhất với" but not the word order
  // "Cơ bản thống nhất với ...", and a marked item with score 0 counts as a task (our own sentence).
  it('"5.1. Cơ bản thống nhất với đề xuất của Sở Tài chính." only agrees; it is no task', () => {
    expect(isTask('Cơ bản thống nhất với đề xuất của Sở Tài chính.', true, none)).toBe(false);
  });

  // Regression (was a bug, fixed in b7638d2/19da6ee): the "<issuer> thông báo để ... thực hiện" closing knows Văn phòng, UBND and Sở as
  // issuers but not a Ban Chỉ đạo, so s29's closing formula comes out as a task.
  it('"Ban Chỉ đạo Phòng thủ dân sự tỉnh thông báo để các cơ quan, đơn vị, địa phương khẩn trương triển khai thực hiện./." (s29)', () => {
    const s =
      'Ban Chỉ đạo Phòng thủ dân sự tỉnh thông báo để các cơ quan, đơn vị, địa phương khẩn trương triển khai thực hiện./.';
    expect(CLOSING_RE.test(s)).toBe(true);
  });
});

describe('approval and praise ask no one to act', () => {
  it('"Thống nhất (về) chủ trương ...", "Chấp thuận chủ trương ..." decide; "Biểu dương ...", "Hoan nghênh ..." praise', () => {
    for (const s of [
      'Thống nhất về chủ trương đầu tư xây dựng tuyến đường ven sông Hậu trong kế hoạch trung hạn 2026-2030.',
      'Thống nhất chủ trương hỗ trợ kinh phí cho các hộ bị thiệt hại do sạt lở.',
      'Chấp thuận chủ trương điều chỉnh quy hoạch khu dân cư Bình Minh.',
      'Biểu dương tinh thần trách nhiệm của lực lượng xung kích các xã trong đợt mưa lũ vừa qua.',
      'Hoan nghênh các doanh nghiệp đã chung tay hỗ trợ người dân vùng bị thiệt hại.',
    ])
      expect(isTask(s, true, none)).toBe(false);
  });

  it('an approval that also assigns is a task: "Thống nhất chủ trương ..., giao Sở Tài chính ..."', () => {
    const s = 'Thống nhất chủ trương hỗ trợ kinh phí; giao Sở Tài chính tham mưu bố trí nguồn vốn.';
    expect(isTask(s, true, explicit)).toBe(true);
  });
});

describe('assessment cues: each group counts once, as whole words, three at most', () => {
  it.each([
    ['Đạt được kết quả khá tốt.', -2],
    ['Số còn lại chuyển sang năm sau.', 0],
    ['Còn hạn chế; tuy nhiên so với năm trước đã tăng.', -3],
    ['Tồn tại: chưa xong', -2],
    ['Sở đạtx kết quả', 0],
    ['so với cùng kỳ', -1],
    ['so với', 0],
    ['Nhìn chung, đã có tiến bộ nhưng còn chậm.', -3],
  ] as const)('%s', (s, score) => {
    expect(directiveScore(s, none)).toBe(score);
  });
});
