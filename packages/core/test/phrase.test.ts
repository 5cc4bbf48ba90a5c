// Agency phrases (src/agencies/phrase.ts) on sentences from the seeds and the synthetic set.
import { describe, expect, it } from 'vitest';
import { matchAgencyAt, matchAgencyListAt } from '../src/agencies/phrase.ts';

const names = (text: string, pos = 0, bare = false) =>
  matchAgencyListAt(text, pos, { bare }).map((a) => a.name);
const one = (text: string, pos = 0, bare = false) => matchAgencyAt(text, pos, { bare });

describe('matchAgencyAt: named bodies', () => {
  it('a department by its standard name, stopping at the verb', () => {
    // Seed 002, 2.1.
    const s = 'Sở Nội vụ khẩn trương tham mưu UBND tỉnh ban hành quyết định';
    const a = one(s);
    expect(a).toMatchObject({ name: 'Sở Nội vụ', start: 0, end: 'Sở Nội vụ'.length });
    expect(a?.anaphor).toBeFalsy();
  });

  it('reports the span in the sentence, after leading spaces', () => {
    const s = 'giao   Sở Tài chính rà soát';
    const a = one(s, 4);
    expect(a?.start).toBe(7);
    expect(s.slice(a?.start, a?.end)).toBe('Sở Tài chính');
  });

  it('a head with a locality: "Công an tỉnh", "UBND thành phố Quy Nhơn", "Bưu điện tỉnh"', () => {
    expect(one('Công an tỉnh tăng cường tuần tra')?.name).toBe('Công an tỉnh');
    expect(one('UBND thành phố Quy Nhơn chủ trì')?.name).toBe('UBND thành phố Quy Nhơn');
    expect(one('Bưu điện tỉnh có văn bản báo cáo')?.name).toBe('Bưu điện tỉnh');
  });

  it('a body inside another: "Văn phòng UBND tỉnh", "Bộ Chỉ huy Quân sự tỉnh"', () => {
    expect(one('Văn phòng UBND tỉnh tham mưu văn bản gửi các ngành')?.name).toBe('Văn phòng UBND tỉnh');
    expect(one('Bộ Chỉ huy Quân sự tỉnh xây dựng kế hoạch huy động lực lượng')?.name).toBe(
      'Bộ Chỉ huy Quân sự tỉnh',
    );
  });

  it('capitalised name words with dashes: "Đài Phát thanh - Truyền hình tỉnh"', () => {
    expect(one('Đài Phát thanh - Truyền hình tỉnh tăng thời lượng đưa tin')?.name).toBe(
      'Đài Phát thanh - Truyền hình tỉnh',
    );
    expect(one('Đài Phát thanh và Truyền hình Kiên Giang cần phải năng động')?.name).toBe(
      'Đài Phát thanh và Truyền hình Kiên Giang',
    );
  });

  it('a person prefix belongs to the phrase: "Giám đốc Sở Y tế", "Lãnh đạo Sở"', () => {
    expect(one('Giám đốc Sở Y tế chỉ đạo')?.name).toBe('Giám đốc Sở Y tế');
    const lead = one('Lãnh đạo Sở, các phòng, đơn vị thuộc Sở');
    expect(lead?.name).toBe('Lãnh đạo Sở');
    // With a person prefix it is not the bare anaphor.
    expect(lead?.anaphor).toBe(false);
  });

  it('case matters: "Sở xây dựng kế hoạch" is the bare "Sở", not the Sở Xây dựng', () => {
    const a = one('Sở xây dựng kế hoạch chuyển đổi số');
    expect(a?.name).toBe('Sở');
    expect(a?.anaphor).toBe(true);
    expect(one('Sở Xây dựng chủ trì hướng dẫn các địa phương')?.name).toBe('Sở Xây dựng');
  });

  it('a bare multi-word head that stands for a body named elsewhere is an anaphor: "Đề nghị Công ty tập trung"', () => {
    expect(one('Công ty tập trung nguồn lực')).toMatchObject({
      name: 'Công ty',
      anaphor: true,
      head: 'Công ty',
    });
    expect(one('Công ty Cổ phần Năng lượng Xanh phối hợp')?.anaphor).toBe(false);
    // A head of no such kind alone still names a body.
    expect(one('Ban An toàn giao thông chủ trì')).toMatchObject({
      name: 'Ban An toàn giao thông',
      anaphor: false,
    });
  });

  it('the bare "Sở" in "Vì vậy Sở cần tăng cường quản lý chặt" is an anaphor', () => {
    const s = 'Vì vậy Sở cần tăng cường quản lý chặt';
    const a = one(s, s.indexOf('Sở'));
    expect(a).toMatchObject({ name: 'Sở', anaphor: true });
  });

  it('no agency at a verb or a common noun', () => {
    expect(one('Tiếp tục tăng cường công tác thông tin truyền thông')).toBeNull();
    expect(one('các dịch vụ không đủ điều kiện')).toBeNull();
    expect(one('')).toBeNull();
  });
});

describe('matchAgencyAt: groups', () => {
  it('"các cơ quan, đơn vị liên quan" and "các ngành có liên quan"', () => {
    expect(one('các cơ quan, đơn vị liên quan thực hiện')?.name).toBe('các cơ quan, đơn vị liên quan');
    expect(one('các ngành có liên quan căn cứ chức năng')?.name).toBe('các ngành có liên quan');
  });

  it('domain words: "các doanh nghiệp bưu chính đẩy mạnh các dịch vụ mới"', () => {
    expect(one('các doanh nghiệp bưu chính đẩy mạnh các dịch vụ mới')?.name).toBe(
      'các doanh nghiệp bưu chính',
    );
  });

  it('"thuộc" a body: "các phòng, đơn vị thuộc Sở"', () => {
    expect(one('các phòng, đơn vị thuộc Sở bám sát vào Kế hoạch')?.name).toBe('các phòng, đơn vị thuộc Sở');
  });

  it('a group without "các" only when bare is asked (a table cell, an attribute line)', () => {
    expect(one('cơ quan, đơn vị liên quan')).toBeNull();
    expect(one('cơ quan, đơn vị liên quan', 0, true)?.name).toBe('cơ quan, đơn vị liên quan');
  });
});

describe('matchAgencyListAt', () => {
  it('splits on "," and "và": seed 000, item 2', () => {
    const s =
      'Văn phòng UBND tỉnh, Công an tỉnh và các ngành có liên quan căn cứ chức năng, nhiệm vụ tập trung tham mưu';
    expect(names(s)).toEqual(['Văn phòng UBND tỉnh', 'Công an tỉnh', 'các ngành có liên quan']);
  });

  it('splits on ";": "Phòng Văn hóa - Thông tin, Trung tâm ... cấp huyện; Giám đốc ..."', () => {
    expect(names('Văn phòng UBND tỉnh; Sở Tài chính và UBND các xã, phường thực hiện')).toEqual([
      'Văn phòng UBND tỉnh',
      'Sở Tài chính',
      'UBND các xã, phường',
    ]);
    expect(
      names(
        'Phòng Văn hóa - Thông tin, Trung tâm Văn hóa - Thông tin - Thể thao cấp huyện, chủ động tham mưu',
      ),
    ).toEqual(['Phòng Văn hóa - Thông tin', 'Trung tâm Văn hóa - Thông tin - Thể thao cấp huyện']);
  });

  it('a new body after "và" is the next agency: "Các phòng, đơn vị thuộc Sở và Viettel Vĩnh phúc"', () => {
    expect(names('Các phòng, đơn vị thuộc Sở và Viettel Vĩnh phúc chủ động tham mưu')).toEqual([
      'Các phòng, đơn vị thuộc Sở',
      'Viettel Vĩnh phúc',
    ]);
  });

  it('a head after "và" opens a new agency only when it names one: "và Báo Vĩnh Phúc", not "và Báo chí"', () => {
    expect(names('Trung tâm Truyền thông và Báo Vĩnh Phúc phối hợp')).toEqual([
      'Trung tâm Truyền thông',
      'Báo Vĩnh Phúc',
    ]);
    expect(names('Đài Phát thanh - Truyền hình và Báo chí chủ trì')).toEqual([
      'Đài Phát thanh - Truyền hình và Báo chí',
    ]);
  });

  it('"Báo Vĩnh Phúc, Đài Phát thanh - Truyền hình tỉnh và các cơ quan báo chí Trung ương trên địa bàn"', () => {
    expect(
      names(
        'Báo Vĩnh Phúc, Đài Phát thanh - Truyền hình tỉnh và các cơ quan báo chí Trung ương trên địa bàn phối hợp tốt',
      ),
    ).toEqual([
      'Báo Vĩnh Phúc',
      'Đài Phát thanh - Truyền hình tỉnh',
      'các cơ quan báo chí Trung ương trên địa bàn',
    ]);
  });

  it('a list stops at the first word that is no agency', () => {
    expect(names('Sở Tài chính, Sở Xây dựng cân đối, tham mưu UBND tỉnh bố trí kinh phí')).toEqual([
      'Sở Tài chính',
      'Sở Xây dựng',
    ]);
    expect(names('Tiếp tục tăng cường')).toEqual([]);
  });

  it('my own: "Công an tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh và UBND các huyện, thị xã, thành phố"', () => {
    expect(
      names(
        'Công an tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh và UBND các huyện, thị xã, thành phố triển khai',
      ),
    ).toEqual(['Công an tỉnh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'UBND các huyện, thị xã, thành phố']);
  });
});

describe('localities', () => {
  it('several bare units are one: "Công an xã, phường, thị trấn", "UBND các huyện, thị xã, thành phố"', () => {
    expect(names('Công an xã, phường, thị trấn chủ động nắm tình hình')).toEqual([
      'Công an xã, phường, thị trấn',
    ]);
    expect(names('UBND các huyện, thị xã, thành phố thực hiện')).toEqual([
      'UBND các huyện, thị xã, thành phố',
    ]);
    // A unit with a proper name after the comma is another place.
    expect(one('Công an tỉnh, thành phố Hạ Long phối hợp')?.name).toBe('Công an tỉnh');
  });

  it('names after "các xã": "UBND các phường Mỹ Tho, Cao Lãnh và Sa Đéc", up to a new agency or person', () => {
    expect(names('UBND các phường Mỹ Tho, Cao Lãnh và Sa Đéc chủ trì')).toEqual([
      'UBND các phường Mỹ Tho, Cao Lãnh và Sa Đéc',
    ]);
    expect(names('UBND các xã Vĩnh Hải, Công an tỉnh phối hợp')).toEqual([
      'UBND các xã Vĩnh Hải',
      'Công an tỉnh',
    ]);
    expect(names('UBND các xã Vĩnh Hải, Chủ tịch UBND tỉnh')).toEqual([
      'UBND các xã Vĩnh Hải',
      'Chủ tịch UBND tỉnh',
    ]);
  });
});

describe('noun compounds in names', () => {
  it('"dự án đầu tư xây dựng", "các công trình", "giao thông" belong to the name', () => {
    expect(one('Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì thẩm định')?.name).toBe(
      'Ban Quản lý dự án đầu tư xây dựng tỉnh',
    );
    expect(one('Ban quản lý dự án đầu tư khẩn trương hoàn thiện hồ sơ')?.name).toBe(
      'Ban quản lý dự án đầu tư',
    );
    expect(
      one('Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh giao mặt bằng cho nhà thầu')?.name,
    ).toBe('Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh');
  });
});

describe('"và" between the nouns of a long name', () => {
  it('"... công trình dân dụng và công nghiệp tỉnh, Ban Quản lý dự án ..." is two boards', () => {
    expect(
      names(
        'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh, Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp tỉnh đẩy nhanh tiến độ giải ngân.',
      ),
    ).toEqual([
      'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh',
      'Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp tỉnh',
    ]);
  });

  it('"và" before a group, a verb or a new body still ends the name', () => {
    expect(names('Ban Quản lý dự án đầu tư xây dựng tỉnh và các đơn vị liên quan rà soát')).toEqual([
      'Ban Quản lý dự án đầu tư xây dựng tỉnh',
      'các đơn vị liên quan',
    ]);
    expect(one('Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và triển khai')?.name).toBe(
      'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng',
    );
    expect(names('Phòng Kinh tế và Hạ tầng và Phòng Nội vụ tham mưu')).toEqual([
      'Phòng Kinh tế và Hạ tầng',
      'Phòng Nội vụ',
    ]);
  });
});

describe('the syllables of a capitalised word in a name', () => {
  it('"Phát triển", "Kiểm định", "Hạ tầng" are whole words of the name, and long names are read whole', () => {
    expect(one('Phòng Phát triển đô thị và Hạ tầng kỹ thuật chủ trì thẩm định')?.name).toBe(
      'Phòng Phát triển đô thị và Hạ tầng kỹ thuật',
    );
    expect(one('Phòng Khảo thí và Kiểm định chất lượng giáo dục rà soát đề thi')?.name).toBe(
      'Phòng Khảo thí và Kiểm định chất lượng giáo dục',
    );
    expect(one('Trung tâm Phục vụ hành chính công tỉnh hướng dẫn thủ tục')?.name).toBe(
      'Trung tâm Phục vụ hành chính công tỉnh',
    );
  });

  it('a verb after a proper name still ends it', () => {
    expect(names('Đài Phát thanh và Truyền hình tỉnh, Báo Lạng Sơn tăng thời lượng đưa tin')).toEqual([
      'Đài Phát thanh và Truyền hình tỉnh',
      'Báo Lạng Sơn',
    ]);
    expect(one('Cục Hải quan Lạng Sơn kiểm soát chặt chẽ hàng hóa')?.name).toBe('Cục Hải quan Lạng Sơn');
  });
});

describe('"chuẩn" inside a name', () => {
  it('"Trung tâm Kỹ thuật tiêu chuẩn đo lường chất lượng" is read whole; "chuẩn bị" still ends a name', () => {
    expect(one('Trung tâm Kỹ thuật tiêu chuẩn đo lường chất lượng tăng cường kiểm định')?.name).toBe(
      'Trung tâm Kỹ thuật tiêu chuẩn đo lường chất lượng',
    );
    expect(one('Văn phòng Sở chuẩn bị nội dung cuộc họp')?.name).toBe('Văn phòng Sở');
  });
});

describe('company names', () => {
  it('"Công ty TNHH một thành viên ..." is one name, and two of them a list', () => {
    expect(
      names(
        'Công ty TNHH một thành viên Thủy lợi Bắc Sông Lam, Công ty TNHH một thành viên Thủy lợi Nam Sông Lam chủ động vận hành hồ chứa.',
      ),
    ).toEqual([
      'Công ty TNHH một thành viên Thủy lợi Bắc Sông Lam',
      'Công ty TNHH một thành viên Thủy lợi Nam Sông Lam',
    ]);
  });
});

describe('which units, and longer groups', () => {
  it('"UBND các xã ven biển", "các xã, phường biên giới" keep their qualifier', () => {
    expect(one('UBND các xã ven biển chủ động sơ tán dân')?.name).toBe('UBND các xã ven biển');
    expect(one('Chủ tịch UBND các xã, phường biên giới tăng cường tuần tra')?.name).toBe(
      'Chủ tịch UBND các xã, phường biên giới',
    );
  });

  it('"Các trường trung học phổ thông báo cáo ...": "phổ thông" is a word, "báo cáo" the verb', () => {
    expect(one('Các trường trung học phổ thông báo cáo kết quả tuyển sinh')?.name).toBe(
      'Các trường trung học phổ thông',
    );
    expect(one('Các doanh nghiệp viễn thông báo cáo số thuê bao')?.name).toBe('Các doanh nghiệp viễn thông');
  });
});

describe('a verb or adverb after a name ends it', () => {
  it('directive verbs and "định kỳ", "hằng", "quan trắc", "điều tra"', () => {
    expect(one('các doanh nghiệp viễn thông định kỳ hằng quý báo cáo Sở')?.name).toBe(
      'các doanh nghiệp viễn thông',
    );
    expect(one('Các hợp tác xã nông nghiệp thường xuyên kiểm tra đồng ruộng')?.name).toBe(
      'Các hợp tác xã nông nghiệp',
    );
    expect(one('Trung tâm dịch vụ nông nghiệp điều tra sâu bệnh')?.name).toBe(
      'Trung tâm dịch vụ nông nghiệp',
    );
    expect(one('các cơ quan báo chí hằng tuần đưa tin')?.name).toBe('các cơ quan báo chí');
  });

  it('doubled spaces change nothing', () => {
    expect(one('Các chủ đầu tư định  kỳ hằng tuần báo cáo')?.name).toBe('Các chủ đầu tư');
    expect(one('Ban Quản lý dự  án đầu  tư xây  dựng các  công trình giao  thông tỉnh chỉ đạo')?.name).toBe(
      'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh',
    );
  });
});

describe('regressions', () => {
  // Regression (was a bug, fixed in 1c8412c): a multi-word head takes up to 8 lower-case words and "bàn" is no stop word, so the
  // verb "bàn giao" is cut in half and its first syllable joins the name.
  it('"Ban Quản lý dự án bàn giao mặt bằng" names "Ban Quản lý dự án"', () => {
    expect(one('Ban Quản lý dự án bàn giao mặt bằng cho chủ đầu tư trước ngày 30/6/2024.')?.name).toBe(
      'Ban Quản lý dự án',
    );
  });
});

describe('regressions', () => {
  // Regression (was a bug, fixed in b7638d2/19da6ee): "và" followed by a head ("và UBND") always starts a new agency, so the office
  // "Văn phòng HĐND và UBND" of a district or commune is cut to "Văn phòng HĐND" (s09, s13).
  it('"Văn phòng HĐND và UBND phường chuẩn bị nội dung, chương trình Kỳ họp thứ ba" (s13)', () => {
    expect(
      one('Văn phòng HĐND và UBND phường chuẩn bị nội dung, chương trình Kỳ họp thứ ba HĐND phường khóa I')
        ?.name,
    ).toBe('Văn phòng HĐND và UBND phường');
  });

  // Regression (was a bug, fixed in b7638d2/19da6ee): a multi-word head takes lower-case words up to a stop word, and "thông" (of "thông
  // báo") is none, so the verb's first syllable joins the name (s29's closing sentence).
  it('"Ban Chỉ đạo Phòng thủ dân sự tỉnh thông báo để ..." names "Ban Chỉ đạo Phòng thủ dân sự tỉnh" (s29)', () => {
    expect(
      one(
        'Ban Chỉ đạo Phòng thủ dân sự tỉnh thông báo để các cơ quan, đơn vị, địa phương khẩn trương triển khai thực hiện./.',
      )?.name,
    ).toBe('Ban Chỉ đạo Phòng thủ dân sự tỉnh');
  });
});

// Regressions (were bugs, fixed in f7e7cf8 and on the agency branch): names cut short or run
// on, hidden by the scorer (which accepts a name that contains the other). Each case is a sentence of the synthetic set with the name gold gives.
// Causes: stop words inside names ("ký", "xây", "Kế hoạch" after "-"), a standard name that
// ends early ("Tài chính", "Bưu chính - Viễn thông"), a ", " that splits one body in two, and
// verbs that are no stop words ("quan trắc", "điều tra", "nghiêm túc", "định kỳ").
const NAME_CASES: ReadonlyArray<[source: string, text: string, after: string, expected: string[]]> = [
  [
    's04',
    'Phòng Quản lý đất đai chủ trì, phối hợp với Văn phòng Đăng ký đất đai đánh giá nguyên nhân hồ sơ trễ hạn',
    'phối hợp với ',
    ['Văn phòng Đăng ký đất đai'],
  ],
  ['s14', 'UBND các xã Vĩnh Hải, Trần Đề', '', ['UBND các xã Vĩnh Hải, Trần Đề']],
  [
    's19',
    'Sở Tài nguyên và Môi trường chủ trì, phối hợp với UBND thành phố Hạ Long, UBND thành phố Cẩm Phả quan trắc, đánh giá chất lượng nước vịnh Hạ Long',
    'phối hợp với ',
    ['UBND thành phố Hạ Long', 'UBND thành phố Cẩm Phả'],
  ],
  [
    's27',
    'Công an tỉnh chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Bộ Chỉ huy Bộ đội Biên phòng tỉnh điều tra, triệt phá các đường dây khai thác',
    'phối hợp với ',
    ['Sở Nông nghiệp và Môi trường', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh'],
  ],
  [
    's04',
    'Các phòng, đơn vị thuộc Sở nghiêm túc thực hiện chế độ báo cáo định kỳ theo Quyết định số 1102/QĐ-SNNMT',
    '',
    ['Các phòng, đơn vị thuộc Sở'],
  ],
  [
    's05',
    'Các chủ đầu tư định kỳ hằng tuần (vào thứ Sáu) báo cáo tiến độ thực hiện, giải ngân vốn các dự án về UBND tỉnh',
    '',
    ['Các chủ đầu tư'],
  ],
  [
    's05',
    'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh chỉ đạo nhà thầu tăng cường nhân lực',
    '',
    ['Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh'],
  ],
  ['s28', 'Trạm Y tế xã, phường', '', ['Trạm Y tế xã, phường']],
  [
    's09',
    'Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Chi cục Thuế khu vực Krông Pắc - Ea Kar đôn đốc thu ngân sách',
    '',
    ['Phòng Tài chính - Kế hoạch'],
  ],
  [
    's23',
    'Phòng Bưu chính - Viễn thông và Báo chí chủ trì, phối hợp với các doanh nghiệp viễn thông rà soát các thôn, bản',
    '',
    ['Phòng Bưu chính - Viễn thông và Báo chí'],
  ],
];

// Cases fixed since (f7e7cf8 and the commits after it on the agency branch): they run as
// ordinary tests; a case not in the set would stay marked as a known bug.
const FIXED_NAME_CASES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

describe('agency names cut short or run on (were known bugs)', () => {
  for (const [i, [source, text, after, expected]] of NAME_CASES.entries()) {
    (FIXED_NAME_CASES.has(i) ? it : it.fails)(
      `${source}: "${expected.join('", "')}" in "${text.slice(0, 60)}…"`,
      () => {
        const pos = after ? text.indexOf(after) + after.length : 0;
        expect(names(text, pos, true)).toEqual(expected);
      },
    );
  }
});

describe('matchAgencyAt: party organs (Hướng dẫn 36-HD/VPTW)', () => {
  it('a party committee of a body or of a unit', () => {
    expect(one('Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo rà soát quy hoạch')?.name).toBe(
      'Đảng ủy Ủy ban nhân dân tỉnh',
    );
    expect(one('Đảng ủy Hội đồng nhân dân huyện chuẩn bị kỳ họp')?.name).toBe(
      'Đảng ủy Hội đồng nhân dân huyện',
    );
    expect(one('Đảng ủy xã Hòa Bình tập trung lãnh đạo')?.name).toBe('Đảng ủy xã Hòa Bình');
    expect(one('Đảng ủy các cơ quan Đảng tỉnh quán triệt nghị quyết')?.name).toBe(
      'Đảng ủy các cơ quan Đảng tỉnh',
    );
    expect(one('Huyện ủy chỉ đạo tổng kết')?.name).toBe('Huyện ủy');
  });

  it('the committee\'s own organs: "Ban Thường vụ Huyện ủy", "Ủy ban Kiểm tra Tỉnh ủy"', () => {
    expect(one('Ban Thường vụ Huyện ủy chỉ đạo chuẩn bị đại hội')?.name).toBe('Ban Thường vụ Huyện ủy');
    expect(one('Ủy ban Kiểm tra Tỉnh ủy tăng cường giám sát')?.name).toBe('Ủy ban Kiểm tra Tỉnh ủy');
    expect(one('Văn phòng Huyện ủy theo dõi, đôn đốc')?.name).toBe('Văn phòng Huyện ủy');
  });

  it('groups of party organs, with "trong Đảng bộ ..."', () => {
    expect(one('Các cấp ủy, tổ chức đảng trong Đảng bộ huyện quán triệt')?.name).toBe(
      'Các cấp ủy, tổ chức đảng trong Đảng bộ huyện',
    );
    expect(one('Các đảng ủy, chi bộ cơ sở khẩn trương kiện toàn')?.name).toBe('Các đảng ủy, chi bộ cơ sở');
  });
});

describe("matchAgencyAt: people's committees in the plural", () => {
  it('"các tỉnh, thành phố trực thuộc Trung ương"', () => {
    expect(one('Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo rà soát')?.name).toBe(
      'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
    );
  });

  it('a list of names after a colon belongs to the phrase (same line only)', () => {
    expect(one('UBND các tỉnh, thành phố: Hà Giang, Lào Cai và Yên Bái rà soát')?.name).toBe(
      'UBND các tỉnh, thành phố: Hà Giang, Lào Cai và Yên Bái',
    );
    expect(one('UBND các huyện, thị xã:\nTập trung chỉ đạo')?.name).toBe('UBND các huyện, thị xã');
    expect(one('UBND các huyện, thị xã: Chủ động rà soát')?.name).toBe('UBND các huyện, thị xã');
    expect(one('UBND các tỉnh: Sơn La, Điện Biên chủ trì')?.name).toBe('UBND các tỉnh: Sơn La, Điện Biên');
  });

  it('the bare unit word: "Ủy ban nhân dân huyện"', () => {
    expect(one('Ủy ban nhân dân huyện chỉ đạo các phòng chuyên môn')?.name).toBe('Ủy ban nhân dân huyện');
  });
});

describe('matchAgencyAt: names after the 2025 reorganisation', () => {
  it('"Thuế tỉnh X", "Thống kê tỉnh X" name bodies only with their locality', () => {
    expect(one('Thuế tỉnh Nghệ An đôn đốc nộp thuế đúng hạn')?.name).toBe('Thuế tỉnh Nghệ An');
    expect(one('Thống kê thành phố Hải Phòng tổng hợp số liệu')?.name).toBe('Thống kê thành phố Hải Phòng');
    expect(one('Thuế Thu nhập cá nhân được khấu trừ')).toBeNull();
    expect(one('Thống kê xã hội học cho thấy')).toBeNull();
  });

  it('"Bảo hiểm xã hội cơ sở X", "Thuế cơ sở 3 tỉnh X"', () => {
    expect(one('Bảo hiểm xã hội cơ sở Ninh Hòa thu hồi nợ đọng')?.name).toBe(
      'Bảo hiểm xã hội cơ sở Ninh Hòa',
    );
    expect(one('Thuế cơ sở 3 tỉnh Lâm Đồng hướng dẫn hộ kinh doanh')?.name).toBe(
      'Thuế cơ sở 3 tỉnh Lâm Đồng',
    );
  });

  it('"Kho bạc Nhà nước khu vực VII": a numeral ends the name before the verb', () => {
    expect(one('Kho bạc Nhà nước khu vực VII kiểm soát chi chặt chẽ')?.name).toBe(
      'Kho bạc Nhà nước khu vực VII',
    );
  });

  it('the merged provincial media body', () => {
    expect(one('Báo và Phát thanh, Truyền hình Nghệ An tăng cường tuyên truyền')?.name).toBe(
      'Báo và Phát thanh, Truyền hình Nghệ An',
    );
  });
});

describe('matchAgencyAt: words that only look like heads', () => {
  it('"Báo cáo ..." is a verb, not the newspaper "Báo"', () => {
    expect(one('Báo cáo Chủ tịch UBND xã tình hình giải quyết hồ sơ')).toBeNull();
    expect(one('Báo Quảng Ngãi đưa tin')?.name).toBe('Báo Quảng Ngãi');
    expect(one('Hội nghị Ban Chấp hành Đảng bộ tỉnh thống nhất')).toBeNull();
    expect(one('Trường trung học cơ sở Lê Lợi tổ chức')?.name).toBe('Trường trung học cơ sở Lê Lợi');
  });

  it('"các nhà đầu tư" is a group that acts', () => {
    expect(one('các nhà đầu tư khẩn trương triển khai dự án')?.name).toBe('các nhà đầu tư');
  });
});

describe('matchAgencyAt: a paragraph printed without diacritics', () => {
  it('groups after a bare "cac", with the marks put back', () => {
    expect(one('Cac so, ban, nganh theo doi, huong dan')?.name).toBe('Các sở, ban, ngành');
    expect(one('cac co quan, don vi co lien quan', 0, true)?.name).toBe('các cơ quan, đơn vị có liên quan');
  });

  it('units after a head: "UBND cac huyen, thi xa va thanh pho"', () => {
    const s = 'UBND cac huyen, thi xa va thanh pho chi dao';
    const a = one(s);
    expect(a?.name).toBe('UBND các huyện, thị xã và thành phố');
    expect(a?.end).toBe(s.indexOf(' chi dao'));
  });

  it('bare words alone are too ambiguous: no "cac", no group', () => {
    expect(one('So lieu bao cao')).toBeNull();
    expect(one('Cac noi dung can thuc hien')).toBeNull();
  });
});

describe('matchAgencyAt: heads of villages, groups of project boards', () => {
  it('"Trưởng thôn các thôn", "Trưởng khu phố các khu phố"', () => {
    expect(one('Trưởng thôn các thôn vận động người dân tham gia')?.name).toBe('Trưởng thôn các thôn');
    expect(one('Trưởng khu phố các khu phố thông báo lịch tiêm')?.name).toBe('Trưởng khu phố các khu phố');
  });

  it('"các Ban Quản lý dự án" takes the whole head', () => {
    expect(names('các Ban Quản lý dự án, UBND các xã kiểm tra hiện trường')).toEqual([
      'các Ban Quản lý dự án',
      'UBND các xã',
    ]);
  });
});

describe('matchAgencyAt: long standard names', () => {
  it('name nouns that hold stop words', () => {
    expect(one('Ban Quản lý các khu công nghiệp tỉnh có trách nhiệm theo dõi')?.name).toBe(
      'Ban Quản lý các khu công nghiệp tỉnh',
    );
    expect(one('Công ty cổ phần Đầu tư phát triển hạ tầng Hòa Lạc khẩn trương bàn giao')?.name).toBe(
      'Công ty cổ phần Đầu tư phát triển hạ tầng Hòa Lạc',
    );
    expect(one('Chi cục Trồng trọt và Bảo vệ thực vật hướng dẫn nông dân')?.name).toBe(
      'Chi cục Trồng trọt và Bảo vệ thực vật',
    );
  });

  it('fields joined by commas and "và": "Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch huyện"', () => {
    expect(one('Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch huyện tổ chức giải chạy')?.name).toBe(
      'Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch huyện',
    );
    // A head after the comma, or after the "và" ahead, is the next agency.
    expect(names('Sở Y tế, Công an tỉnh và Sở Nội vụ')).toEqual(['Sở Y tế', 'Công an tỉnh', 'Sở Nội vụ']);
  });

  it('"các đoàn thể chính trị - xã hội huyện"', () => {
    expect(names('Ủy ban MTTQ Việt Nam huyện và các đoàn thể chính trị - xã hội huyện vận động')).toEqual([
      'Ủy ban MTTQ Việt Nam huyện',
      'các đoàn thể chính trị - xã hội huyện',
    ]);
  });
});

// The grammar reads spaces, words and separators partly by hand, without its regexes: on
// odd white space, astral letters and lone surrogates it must read as the regexes do.
describe('matchAgencyListAt: the characters the regexes read', () => {
  const cases: [string, [string, number, number][]][] = [
    [
      'Giao Sở Y tế\u00a0chủ trì, phối hợp với Công an tỉnh\u3000và các cơ quan liên quan',
      [['Sở Y tế', 5, 12]],
    ],
    [
      'UBND các huyện, thị xã hoặc Sở Tài chính thực hiện',
      [
        ['UBND các huyện, thị xã', 0, 22],
        ['Sở Tài chính', 28, 40],
      ],
    ],
    ['Sở Nội vụ vàng bạc', [['Sở Nội vụ', 0, 9]]],
    [
      'các phòng, các đơn vị thuộc Sở',
      [
        ['các phòng', 0, 9],
        ['các đơn vị thuộc Sở', 11, 30],
      ],
    ],
    ['Sở Xây dựng\ud835\udc00 báo cáo', [['Sở Xây dựng𝐀', 0, 13]]],
    [
      'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh triển khai',
      [['Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh', 0, 64]],
    ],
    ['Phòng Tài chính - Kế hoạch\ufeffhuyện rà soát', [['Phòng Tài chính - Kế hoạch huyện', 0, 32]]],
    ['Trung tâm Phát triển quỹ đất thực hiện', [['Trung tâm Phát triển quỹ đất', 0, 28]]],
    ['Trưởng thôn các thôn\ud800 báo cáo', [['Trưởng thôn các thôn', 0, 20]]],
    [
      'Sở Văn hóa, Thể thao và Du lịch, Sở Thông tin và Truyền thông tham mưu',
      [
        ['Sở Văn hóa, Thể thao và Du lịch', 0, 31],
        ['Sở Thông tin và Truyền thông', 33, 61],
      ],
    ],
  ];
  it.each(cases)('%j', (text, expected) => {
    const pos = text.search(/Sở|UBND|các|Ban|Phòng|Trung|Trưởng/u);
    expect(matchAgencyListAt(text, pos).map((a) => [a.name, a.start, a.end])).toEqual(expected);
  });
});
