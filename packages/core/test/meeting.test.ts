// The meeting a notice concludes (src/parsers/meeting.ts): its date, who presided, and
// the agency it was held with.
import { describe, expect, it } from 'vitest';
import { toDoc } from '../src/document.ts';
import { parseCounterpart, parseMeeting, parseMeetingDate, parsePresider } from '../src/parsers/meeting.ts';

const lines = (...ls: string[]) => toDoc(ls.join('\n')).lines;

const SEED_000_SUBJECT =
  'Ý kiến kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Lưu Trung tại buổi họp với Sở Thông tin và Truyền thông nghe báo cáo tình hình thực hiện nhiệm vụ 04 tháng đầu năm 2021 và nhiệm vụ năm 2021';
const SEED_000_OPENING =
  'Ngày 11 tháng 5 năm 2021, tại Văn phòng Ủy ban nhân dân tỉnh, Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Lưu Trung chủ trì tổ chức buổi họp với Sở Thông tin và Truyền thông nghe báo cáo tình hình thực hiện nhiệm vụ 04 tháng đầu năm và nhiệm vụ năm 2021.';

describe('parseMeetingDate', () => {
  it('the opening paragraph that starts with the date (seed 000), with its span', () => {
    const body = lines(SEED_000_OPENING);
    const r = parseMeetingDate(body, SEED_000_SUBJECT);
    expect(r?.date).toBe('2021-05-11');
    expect(SEED_000_OPENING.slice(r?.span?.start, r?.span?.end)).toBe('11 tháng 5 năm 2021');
  });

  it('"Sáng ngày 02/11/2022, tại Trụ sở UBND tỉnh, ..." (seed 003), "Chiều ngày 23/9/2025" (s29)', () => {
    expect(
      parseMeetingDate(
        lines(
          'Sáng ngày 02/11/2022, tại Trụ sở UBND tỉnh, đồng chí Phạm Anh Tuấn, Chủ tịch UBND tỉnh đã chủ trì cuộc họp.',
        ),
        null,
      )?.date,
    ).toBe('2022-11-02');
    expect(
      parseMeetingDate(lines('Chiều ngày 23/9/2025, đồng chí Võ Minh Hoàng chủ trì cuộc họp khẩn.'), null)
        ?.date,
    ).toBe('2025-09-23');
  });

  it('a date inside the first sentence: "Vừa qua, ngày 25/12/2020, Sở ... tổ chức Hội nghị"', () => {
    expect(
      parseMeetingDate(
        lines('Vừa qua, ngày 25/12/2020, Sở Thông tin và Truyền thông tổ chức Hội nghị.'),
        null,
      )?.date,
    ).toBe('2020-12-25');
  });

  it('from the subject when the body has none: "... tại cuộc họp ngày 15/8/2025"', () => {
    const r = parseMeetingDate(
      lines('Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:'),
      'Kết luận tại cuộc họp ngày 15/8/2025 về công tác phòng, chống thiên tai',
    );
    expect(r).toEqual({ date: '2025-08-15' });
  });

  it("a cited document's date far into the sentence is not the meeting date", () => {
    const body = lines(
      'Thực hiện Công văn số 2741/UBND-TH ngày 10/6/2024 của UBND tỉnh về việc báo cáo kết quả thực hiện nhiệm vụ, Sở Y tế báo cáo như sau:',
    );
    expect(parseMeetingDate(body, null)).toBeNull();
  });
});

describe('parsePresider', () => {
  it('from the subject: "Ý kiến kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Lưu Trung tại buổi họp ..." (seed 000)', () => {
    expect(parsePresider(SEED_000_SUBJECT, lines(SEED_000_OPENING))).toEqual({
      name: 'Nguyễn Lưu Trung',
      title: 'Phó Chủ tịch UBND tỉnh',
    });
  });

  it('the subject names the office only; the opening names the person (seed 001 style)', () => {
    const subject =
      'Kết luận của Giám đốc Sở Nông nghiệp và Môi trường tại cuộc họp giao ban tháng 10 năm 2025';
    const body = lines(
      'Ngày 06/10/2025, Giám đốc Sở Nông nghiệp và Môi trường Nguyễn Văn Hùng chủ trì cuộc họp giao ban với các phòng, đơn vị thuộc Sở.',
    );
    expect(parsePresider(subject, body)).toEqual({
      name: 'Nguyễn Văn Hùng',
      title: 'Giám đốc Sở Nông nghiệp và Môi trường',
    });
  });

  it('"đồng chí Nguyễn Thế Anh, Chủ tịch UBND phường chủ trì" (s13)', () => {
    const subject = 'Kết luận của Chủ tịch UBND phường tại cuộc họp giao ban tuần thứ 3 tháng 10 năm 2025';
    const body = lines(
      'Chiều ngày 20/10/2025, đồng chí Nguyễn Thế Anh, Chủ tịch UBND phường chủ trì cuộc họp giao ban lãnh đạo UBND phường với các phòng, đơn vị.',
    );
    expect(parsePresider(subject, body)).toEqual({ name: 'Nguyễn Thế Anh', title: 'Chủ tịch UBND phường' });
  });

  it('no presider in a subject without an office', () => {
    expect(
      parsePresider(
        'Kế hoạch phòng, chống dịch bệnh truyền nhiễm năm 2026',
        lines('Sở Y tế xây dựng Kế hoạch như sau:'),
      ),
    ).toBeNull();
  });

  // Regression (was a bug, fixed in 4764ed1/571c356): a title with a comma inside (two offices,
  // "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh") was not read; only the office was kept (s19, s29).
  it('"đồng chí Cao Minh Đức, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh đã chủ trì" (s19)', () => {
    const subject =
      'Kết luận của đồng chí Chủ tịch UBND tỉnh tại buổi làm việc với Ban Quản lý vịnh Hạ Long và các sở, ngành về công tác quản lý, phát triển du lịch năm 2024';
    const body = lines(
      'Ngày 11/3/2024, đồng chí Cao Minh Đức, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh đã chủ trì buổi làm việc với Ban Quản lý vịnh Hạ Long và các sở, ngành về công tác quản lý, phát triển du lịch năm 2024.',
    );
    expect(parsePresider(subject, body)?.name).toBe('Cao Minh Đức');
  });

  it('"đồng chí Võ Minh Hoàng, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo ... chủ trì" (s29)', () => {
    const subject =
      'Kết luận của đồng chí Trưởng Ban Chỉ đạo Phòng thủ dân sự tỉnh tại cuộc họp triển khai ứng phó với bão số 9';
    const body = lines(
      'Chiều ngày 23/9/2025, đồng chí Võ Minh Hoàng, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo Phòng thủ dân sự tỉnh chủ trì cuộc họp khẩn triển khai các biện pháp ứng phó với bão số 9.',
    );
    expect(parsePresider(subject, body)?.name).toBe('Võ Minh Hoàng');
  });
});

describe('parsePresider: honorifics, several offices, a bare body', () => {
  it('"ông <tên>, Giám đốc Sở chủ trì" and "bà <tên>, ..." read like "đồng chí"; the bare "Sở" is the subject\'s', () => {
    const subject = 'Kết luận của Giám đốc Sở Tài chính tại cuộc họp giao ban tháng 3 năm 2026';
    const him = lines(
      'Ngày 02/4/2026, tại trụ sở Sở Tài chính, ông Đặng Quốc Khánh, Giám đốc Sở chủ trì cuộc họp giao ban.',
    );
    expect(parsePresider(subject, him)).toEqual({ name: 'Đặng Quốc Khánh', title: 'Giám đốc Sở Tài chính' });
    const her = lines(
      'Ngày 02/4/2026, bà Tôn Nữ Diệu Linh, Giám đốc Sở chủ trì cuộc họp giao ban với các phòng chuyên môn.',
    );
    expect(parsePresider(subject, her)).toEqual({ name: 'Tôn Nữ Diệu Linh', title: 'Giám đốc Sở Tài chính' });
  });

  it('"ông"/"bà" inside a word or before lower-case words is no honorific', () => {
    const body = lines(
      'Ngày 02/4/2026, Giám đốc Sở Thông tin và Truyền thông chủ trì cuộc họp; ông bà con, nhân dân, Chủ tịch UBND xã chủ trì tiếp.',
    );
    expect(parsePresider(null, body)?.name ?? null).toBeNull();
  });

  it('two offices before "chủ trì", the subject naming the second: the opening\'s full title', () => {
    const subject = 'Kết luận của Trưởng Ban Chỉ đạo 138 tỉnh tại Hội nghị sơ kết 6 tháng đầu năm 2024';
    const body = lines(
      'Ngày 12/7/2024, tại Hội trường UBND tỉnh, đồng chí Lã Thành Công, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo 138 tỉnh chủ trì Hội nghị.',
    );
    expect(parsePresider(subject, body)).toEqual({
      name: 'Lã Thành Công',
      title: 'Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo 138 tỉnh',
    });
  });
});

describe('parseMeeting', () => {
  it('a Công văn passing on "ý kiến chỉ đạo" reports no meeting: null', () => {
    const subject = 'V/v thực hiện ý kiến chỉ đạo của Chủ tịch UBND tỉnh về tiến độ giải phóng mặt bằng';
    const body = lines(
      'Xét Báo cáo số 88/BC-SXD ngày 02/5/2024 của Sở Xây dựng, Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:',
    );
    expect(parseMeeting(subject, body, 'CV')).toBeNull();
  });

  it('a Báo cáo or a Kế hoạch with neither date nor presider: null', () => {
    const body = lines(
      'Thực hiện Công văn số 12/UBND-TH ngày 3/9/2024 của UBND tỉnh, UBND xã báo cáo như sau:',
    );
    expect(parseMeeting('Kết quả thực hiện nhiệm vụ 9 tháng năm 2024', body, 'BC')).toBeNull();
    expect(parseMeeting('Triển khai chuyển đổi số năm 2026', lines('I. MỤC ĐÍCH, YÊU CẦU'), 'KH')).toBeNull();
  });

  it('a notice that names only the office in its subject keeps it; a Công văn that gives the meeting keeps it', () => {
    expect(
      parseMeeting('Ý kiến chỉ đạo của Chủ tịch UBND tỉnh về công tác phòng, chống hạn', [], 'TB'),
    ).toEqual({
      date: null,
      presider: { name: null, title: 'Chủ tịch UBND tỉnh' },
    });
    const body = lines('Ngày 20/5/2024, Phó Chủ tịch UBND tỉnh Tạ Văn Lâm chủ trì cuộc họp về dự án.');
    expect(parseMeeting('V/v triển khai kết luận tại cuộc họp về dự án', body, 'CV')).toMatchObject({
      date: '2024-05-20',
      presider: { name: 'Tạ Văn Lâm', title: 'Phó Chủ tịch UBND tỉnh' },
    });
  });
});

describe('parseCounterpart', () => {
  it('"tại buổi họp với Sở Thông tin và Truyền thông" in the subject (seed 000)', () => {
    expect(parseCounterpart(SEED_000_SUBJECT, [])).toBe('Sở Thông tin và Truyền thông');
  });

  it('"buổi làm việc với Ban Quản lý vịnh Hạ Long" (s19); "làm việc trực tuyến với" too', () => {
    expect(
      parseCounterpart(
        'Kết luận của đồng chí Chủ tịch UBND tỉnh tại buổi làm việc với Ban Quản lý vịnh Hạ Long và các sở, ngành',
        [],
      ),
    ).toBe('Ban Quản lý vịnh Hạ Long');
    expect(parseCounterpart('Kết luận tại cuộc họp trực tuyến với UBND các xã, phường', [])).toBe(
      'UBND các xã, phường',
    );
  });

  it('from the opening paragraph when the subject has none', () => {
    const body = lines(
      'Ngày 31/01/2018, Phó Chủ tịch UBND tỉnh Lê Văn Thanh chủ trì buổi làm việc với Sở Thông tin và Truyền thông về kế hoạch hoạt động năm 2018.',
    );
    expect(parseCounterpart('Kết luận của Phó Chủ tịch UBND tỉnh Lê Văn Thanh', body)).toBe(
      'Sở Thông tin và Truyền thông',
    );
  });

  it('no counterpart for a meeting with no named body', () => {
    expect(
      parseCounterpart('Kết luận tại cuộc họp về công tác cải cách hành chính 9 tháng năm 2025', []),
    ).toBeNull();
  });
});

describe('"dưới sự chủ trì của ..."', () => {
  it('reads the name and the office after "dưới sự chủ trì của đồng chí/ông"', () => {
    expect(
      parsePresider(
        'Kết luận của Chủ tịch UBND xã tại phiên họp thường kỳ tháng 9 năm 2025',
        lines(
          'Ngày 26/9/2025, UBND xã tổ chức phiên họp thường kỳ dưới sự chủ trì của ông Giàng A Páo, Chủ tịch UBND xã. Dự họp có các Phó Chủ tịch UBND xã.',
        ),
      ),
    ).toEqual({ name: 'Giàng A Páo', title: 'Chủ tịch UBND xã' });
  });
});

describe('presiders in party notices and invitations', () => {
  it('"Chủ trì hội nghị: đồng chí <tên>, <party rank>, <office>": the office after the rank', () => {
    const body = lines(
      'Ngày 05/3/2024, Ban Thường vụ Đảng ủy xã họp. Chủ trì hội nghị: đồng chí Đinh Văn Khải, Huyện ủy viên, Bí thư Đảng ủy xã.',
    );
    expect(parsePresider(null, body)).toEqual({ name: 'Đinh Văn Khải', title: 'Bí thư Đảng ủy xã' });
  });

  it('"dưới sự chủ trì của đồng chí <tên>, Tỉnh ủy viên, Bí thư Huyện ủy"', () => {
    const body = lines(
      'Ngày 12/12/2024, Ban Thường vụ Huyện ủy họp dưới sự chủ trì của đồng chí Mai Văn Sơn, Tỉnh ủy viên, Bí thư Huyện ủy, nghe báo cáo công tác chuẩn bị đại hội.',
    );
    expect(parsePresider(null, body)).toEqual({ name: 'Mai Văn Sơn', title: 'Bí thư Huyện ủy' });
  });

  it('a collective body concludes ("Thường trực Huyện ủy"): whoever chaired presided', () => {
    const body = lines(
      'Ngày 10/6/2025, đồng chí Trịnh Văn Lâm, Bí thư Huyện ủy chủ trì buổi làm việc với Đảng ủy xã Tân Lập.',
    );
    expect(
      parsePresider('Kết luận của Thường trực Huyện ủy tại buổi làm việc với Đảng ủy xã Tân Lập', body),
    ).toEqual({
      name: 'Trịnh Văn Lâm',
      title: 'Bí thư Huyện ủy',
    });
  });

  it('a Giấy mời names the meeting to come: no meeting', () => {
    const body = lines(
      '1. Chủ trì: đồng chí Vũ Đức Hạnh, Chủ tịch UBND tỉnh.',
      '2. Thời gian: 8 giờ ngày 20/3/2025.',
    );
    expect(parseMeeting('Mời dự họp nghe báo cáo tiến độ dự án', body, 'GM')).toBeNull();
  });
});

describe('the meeting date after an hour', () => {
  it('"Vào lúc 14 giờ 00 ngày 05/6/2024, ..." and "Lúc 8h30 ngày 12/3/2025, ..."', () => {
    expect(
      parseMeetingDate(
        lines('Vào lúc 14 giờ 00 ngày 05/6/2024, tại huyện Mường Lát, Chủ tịch UBND tỉnh làm việc.'),
        null,
      )?.date,
    ).toBe('2024-06-05');
    expect(
      parseMeetingDate(lines('Lúc 8h30 ngày 12/3/2025, Giám đốc Sở chủ trì họp giao ban.'), null)?.date,
    ).toBe('2025-03-12');
  });
});
