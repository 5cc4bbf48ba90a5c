// Who must act (src/tasks/roles.ts): lead agencies (giao X, đề nghị X, X chủ trì, the
// subject of the item or of a clause) and supporting ones (phối hợp với X, cùng X).
import { describe, expect, it } from 'vitest';
import { DIRECTIVE_VERBS, findRoles, isIssuingAuthority, isPartyNotice } from '../src/tasks/roles.ts';

const roles = (s: string) => {
  const r = findRoles(s);
  return {
    lead: r.lead.map((a) => a.name),
    support: r.support.map((a) => a.name),
    implicitSubject: r.implicitSubject,
    explicit: r.explicit,
  };
};

describe('findRoles: lead', () => {
  it('"giao X làm đầu mối, chủ trì phối hợp với A, B và C" (seed 000, item 2)', () => {
    const s =
      'Thực hiện chỉ đạo của Chính phủ, Thủ tướng Chính phủ, Bộ Thông tin và Truyền thông về xây dựng Chính quyền điện tử, hướng tới Chính quyền số, kinh tế số, xã hội số, giao Sở Thông tin và Truyền thông làm đầu mối, chủ trì phối hợp với Văn phòng UBND tỉnh, Công an tỉnh và các ngành có liên quan căn cứ chức năng, nhiệm vụ tập trung tham mưu thực hiện một số nhiệm vụ trọng tâm từ nay đến cuối năm 2021 và giai đoạn 2021-2025 như sau:';
    const r = roles(s);
    expect(r.lead).toEqual(['Sở Thông tin và Truyền thông']);
    expect(r.support).toEqual(['Văn phòng UBND tỉnh', 'Công an tỉnh', 'các ngành có liên quan']);
    expect(r.explicit).toBe(true);
  });

  it('the subject at the start of the item: "Sở Nội vụ khẩn trương tham mưu UBND tỉnh ..." (seed 002, 2.1)', () => {
    const r = roles(
      'Sở Nội vụ khẩn trương tham mưu UBND tỉnh ban hành quyết định quy định chức năng, nhiệm vụ, quyền hạn của Sở Thông tin và Truyền thông theo đúng quy định pháp luật.',
    );
    expect(r.lead).toEqual(['Sở Nội vụ']);
    expect(r.support).toEqual([]);
    expect(r.implicitSubject).toBe(false);
  });

  it('"Trân trọng đề nghị A, B và C phối hợp tốt ..." (seed 001, item 2)', () => {
    expect(
      roles(
        'Trân trọng đề nghị Báo Vĩnh Phúc, Đài Phát thanh - Truyền hình tỉnh và các cơ quan báo chí Trung ương trên địa bàn phối hợp tốt công tác tuyên truyền.',
      ).lead,
    ).toEqual([
      'Báo Vĩnh Phúc',
      'Đài Phát thanh - Truyền hình tỉnh',
      'các cơ quan báo chí Trung ương trên địa bàn',
    ]);
  });

  it('a clause subject after "; trên cơ sở đó," leads too (seed 000, 3)', () => {
    const r = roles(
      'Kiến nghị việc triển khai thực hiện Đề án Truyền thông: Giao Văn phòng UBND tỉnh tham mưu văn bản gửi các ngành báo cáo việc thực hiện Đề án Truyền thông này; trên cơ sở đó, Sở Thông tin và Truyền thông tổng hợp, đề xuất hoạt động truyền thông.',
    );
    expect(r.lead).toEqual(['Văn phòng UBND tỉnh', 'Sở Thông tin và Truyền thông']);
  });

  it('"Về ...: X chủ trì, phối hợp, làm việc với Y" (seed 000, 3)', () => {
    const r = roles(
      'Về các kiến nghị còn lại (Giải Báo chí; Đề án tổ chức lại Trung tâm Công nghệ thông tin và Truyền thông): Sở Thông tin và Truyền thông chủ trì, phối hợp, làm việc với các ngành liên quan có văn bản tham mưu, đề xuất trình UBND tỉnh xem xét, quyết định.',
    );
    expect(r.lead).toEqual(['Sở Thông tin và Truyền thông']);
    expect(r.support).toEqual(['các ngành liên quan']);
  });

  it('"Đối với X, ..." opens with the subject (seed 001, item 3)', () => {
    const r = roles(
      'Đối với Phòng Văn hóa - Thông tin, Trung tâm Văn hóa - Thông tin - Thể thao cấp huyện, chủ động tham mưu với UBND cấp huyện để phối hợp với Sở Thông tin và Truyền thông thực hiện nhiệm vụ:',
    );
    expect(r.lead).toEqual([
      'Phòng Văn hóa - Thông tin',
      'Trung tâm Văn hóa - Thông tin - Thể thao cấp huyện',
    ]);
    expect(r.support).toEqual(['Sở Thông tin và Truyền thông']);
  });

  it('"đề nghị" inside a sentence: "Thời gian tới, đề nghị Đài Phát thanh và Truyền hình Kiên Giang cần phải năng động"', () => {
    expect(
      roles(
        'Hiện nay nội dung, chất lượng các chương trình truyền hình còn thấp. Thời gian tới, đề nghị Đài Phát thanh và Truyền hình Kiên Giang cần phải năng động, sáng tạo.',
      ).lead,
    ).toEqual(['Đài Phát thanh và Truyền hình Kiên Giang']);
  });

  it('my own: "Văn phòng UBND tỉnh yêu cầu UBND các xã, phường khẩn trương rà soát"', () => {
    expect(roles('Yêu cầu UBND các xã, phường khẩn trương rà soát, báo cáo.').lead).toEqual([
      'UBND các xã, phường',
    ]);
  });

  // Regression (was a bug, fixed in 1c8412c): the subject at the start of an item is not checked with isIssuingAuthority (the
  // "giao/đề nghị/yêu cầu" triggers are), so the chairman who demands becomes a lead.
  it('my own: "Chủ tịch UBND tỉnh yêu cầu UBND các xã, phường ..." — the chairman does not lead', () => {
    expect(
      roles('Chủ tịch UBND tỉnh yêu cầu UBND các xã, phường khẩn trương rà soát, báo cáo.').lead,
    ).toEqual(['UBND các xã, phường']);
  });
});

describe('findRoles: more of our own sentences', () => {
  it('"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tuyên truyền, vận động."', () => {
    expect(
      roles(
        'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tuyên truyền, vận động.',
      ).lead,
    ).toEqual(['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'các tổ chức chính trị - xã hội']);
  });

  it('"Giao Sở Khoa học và Công nghệ (cơ quan thường trực) chủ trì theo dõi."', () => {
    expect(roles('Giao Sở Khoa học và Công nghệ (cơ quan thường trực) chủ trì theo dõi.').lead).toEqual([
      'Sở Khoa học và Công nghệ',
    ]);
  });

  it('"Sở Y tế chủ trì, phối hợp với Sở Tài chính và UBND các xã, phường rà soát, tổng hợp."', () => {
    expect(
      roles('Sở Y tế chủ trì, phối hợp với Sở Tài chính và UBND các xã, phường rà soát, tổng hợp.'),
    ).toMatchObject({
      lead: ['Sở Y tế'],
      support: ['Sở Tài chính', 'UBND các xã, phường'],
    });
  });

  // Regression (was a bug): "Chánh Văn phòng" was no person prefix, so the usual closing task
  // "Giao Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc" had no lead.
  it('"Giao Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện." names the Văn phòng UBND tỉnh', () => {
    const r = roles('Giao Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện.');
    expect(r.lead).toHaveLength(1);
    expect(r.lead[0]).toMatch(/Văn phòng UBND tỉnh$/);
  });
});

describe('findRoles: support', () => {
  it('"giao A chủ trì, phối hợp cùng B" (seed 002, 2.3)', () => {
    const r = roles(
      'Giao Văn phòng UBND tỉnh chủ trì, phối hợp cùng Sở Thông tin và Truyền thông sắp xếp thống nhất quản lý hạ tầng mạng cho tốt.',
    );
    expect(r.lead).toEqual(['Văn phòng UBND tỉnh']);
    expect(r.support).toEqual(['Sở Thông tin và Truyền thông']);
  });

  it('"giao A cùng B, C trao đổi, thống nhất" — "cùng" makes B and C support (seed 002, item 4)', () => {
    const r = roles(
      'Do vậy, giao Văn phòng UBND tỉnh cùng Sở Thông tin và Truyền thông, Sở Nội vụ trao đổi, thống nhất làm rõ và phân định chức năng, nhiệm vụ giữa 2 Trung tâm thuộc 2 đơn vị.',
    );
    expect(r.lead).toEqual(['Văn phòng UBND tỉnh']);
    expect(r.support).toEqual(['Sở Thông tin và Truyền thông', 'Sở Nội vụ']);
  });

  it('"làm việc, thống nhất với Y" supports the lead of its clause (seed 000, 3)', () => {
    const r = roles(
      'Giao Sở Thông tin và Truyền thông làm đầu mối, phối hợp với các ngành liên quan làm việc, thống nhất với Bưu điện tỉnh có văn bản báo cáo trình UBND xem xét, chỉ đạo.',
    );
    expect(r.lead).toEqual(['Sở Thông tin và Truyền thông']);
    expect(r.support).toEqual(['các ngành liên quan', 'Bưu điện tỉnh']);
  });

  it('"làm việc với Y" without a lead in its clause is no support', () => {
    expect(
      roles('Chủ động làm việc với các đơn vị liên quan để kiến nghị giải quyết cấp đất.').support,
    ).toEqual([]);
  });

  it('an item that opens with a verb has an implicit subject (seed 003, c)', () => {
    const r = roles(
      'Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương xây dựng Kế hoạch chuyển đổi số chung cho toàn tỉnh giai đoạn 2023-2025.',
    );
    expect(r).toEqual({
      lead: [],
      support: ['các cơ quan, đơn vị, địa phương'],
      implicitSubject: true,
      explicit: false,
    });
  });
});

describe('findRoles: what is not an assignment', () => {
  it('"đã chuyển giao Sở Giáo dục và Đào tạo" names where duties went, not who leads (s21, 2.5)', () => {
    const r = roles(
      'Sở Nội vụ tiếp nhận các nhiệm vụ của Sở Lao động - Thương binh và Xã hội của hai tỉnh (cũ) (trừ các nhiệm vụ về giáo dục nghề nghiệp đã chuyển giao Sở Giáo dục và Đào tạo, các nhiệm vụ về bảo trợ xã hội, trẻ em đã chuyển giao Sở Y tế).',
    );
    expect(r.lead).toEqual(['Sở Nội vụ']);
    expect(r.support).toEqual([]);
  });

  it('"chuyển giao", "bàn giao" and "được giao" assign nothing', () => {
    expect(roles('Chuyển giao hồ sơ dự án cho Sở Xây dựng quản lý theo quy định.').lead).toEqual([]);
    expect(roles('hoàn thành bồi thường, bàn giao Ban Quản lý dự án mặt bằng sạch').lead).toEqual([]);
    expect(
      roles(
        'Rà soát, báo cáo việc triển khai theo nhiệm vụ được giao Sở Thông tin và Truyền thông tại Nghị quyết số 17/NQ-CP.',
      ).lead,
    ).toEqual([]);
  });

  it('the issuing authority never leads: "đề nghị UBND tỉnh xem xét, bố trí kinh phí"', () => {
    const r = roles('Sở Tài chính tổng hợp, đề nghị UBND tỉnh xem xét, bố trí kinh phí.');
    expect(r.lead).toEqual(['Sở Tài chính']);
    expect(roles('Đề nghị UBND tỉnh xem xét, bố trí kinh phí.').lead).toEqual([]);
  });

  it('"giao nhiệm vụ" is a noun phrase, not "giao X"', () => {
    expect(
      roles('đề xuất đặt hàng, giao nhiệm vụ thông tin, truyền thông cho các cơ quan báo chí').lead,
    ).toEqual([]);
  });

  it('an assessment names no one to act', () => {
    expect(
      roles('Thống nhất cơ bản nội dung báo cáo; đánh giá cao kết quả thực hiện 04 tháng đầu năm 2021.'),
    ).toEqual({
      lead: [],
      support: [],
      implicitSubject: false,
      explicit: false,
    });
  });
});

describe('DIRECTIVE_VERBS and isIssuingAuthority', () => {
  it('verbs that open a directive, not an assessment', () => {
    expect(DIRECTIVE_VERBS.test('Tham mưu UBND tỉnh ban hành Kiến trúc đô thị thông minh')).toBe(true);
    expect(DIRECTIVE_VERBS.test('Rà soát tổng thể toàn tỉnh')).toBe(true);
    expect(DIRECTIVE_VERBS.test('đánh giá toàn diện việc triển khai')).toBe(true);
    expect(DIRECTIVE_VERBS.test('đánh giá cao kết quả thực hiện')).toBe(false);
    expect(DIRECTIVE_VERBS.test('Hiện nay, công tác bảo đảm an toàn mạng lưới')).toBe(false);
    // Whole words only: "sớm" opens a directive, "sớmnhất" (OCR glued) does not.
    expect(DIRECTIVE_VERBS.test('Sớm tham mưu, đề xuất kế hoạch')).toBe(true);
    expect(DIRECTIVE_VERBS.test('Sớmnhất')).toBe(false);
  });

  it('the bodies that issue notices', () => {
    expect(isIssuingAuthority('UBND tỉnh')).toBe(true);
    expect(isIssuingAuthority('Ủy ban nhân dân thành phố')).toBe(true);
    expect(isIssuingAuthority('Thường trực Tỉnh ủy')).toBe(true);
    expect(isIssuingAuthority('UBND các xã, phường')).toBe(false);
    expect(isIssuingAuthority('Văn phòng UBND tỉnh')).toBe(false);
  });

  it('the party committees that issue party notices (Hướng dẫn 36-HD/VPTW)', () => {
    expect(isIssuingAuthority('Ban Thường vụ Huyện ủy')).toBe(true);
    expect(isIssuingAuthority('Thường trực Thành ủy')).toBe(true);
    expect(isIssuingAuthority('Đảng ủy xã')).toBe(true);
    expect(isIssuingAuthority('Đảng ủy xã Tân Lập')).toBe(false);
    expect(isIssuingAuthority('Đảng ủy Ủy ban nhân dân tỉnh')).toBe(false);
    expect(isIssuingAuthority('Ban Tổ chức Huyện ủy')).toBe(false);
  });

  it("in a party committee's notice the people's committee is a body like any other", () => {
    const party = { partyIssuer: true };
    expect(isIssuingAuthority('UBND huyện', party)).toBe(false);
    expect(isIssuingAuthority('Ủy ban nhân dân tỉnh', party)).toBe(false);
    expect(isIssuingAuthority('Ban Thường vụ Huyện ủy', party)).toBe(true);
    expect(isIssuingAuthority('Huyện ủy', party)).toBe(true);
    const s =
      'Ban Dân vận Huyện ủy chủ trì, phối hợp với UBND huyện tổ chức gặp mặt các già làng, người có uy tín.';
    expect(findRoles(s, party).support.map((a) => a.name)).toEqual(['UBND huyện']);
    expect(findRoles(s).support).toEqual([]);
    expect(findRoles('Ủy ban nhân dân huyện chỉ đạo các xã rà soát hộ nghèo.', party).explicit).toBe(true);
  });

  it("which notices are a party committee's", () => {
    expect(isPartyNotice('TB/HU', null)).toBe(true);
    expect(isPartyNotice('KL/TU', 'Ban Thường vụ Tỉnh ủy Gia Lai')).toBe(true);
    expect(isPartyNotice(null, 'Đảng ủy xã Hòa Bình')).toBe(true);
    expect(isPartyNotice('TB-UBND', 'Ủy ban nhân dân tỉnh Lào Cai')).toBe(false);
    expect(isPartyNotice('TB-VP', 'Văn phòng Ủy ban nhân dân huyện Thọ Xuân')).toBe(false);
    expect(isPartyNotice(null, null)).toBe(false);
  });
});

describe('two agencies, two jobs in one item', () => {
  it('"Sở A rà soát ...; Sở B chỉ đạo ...": both lead', () => {
    const r = findRoles(
      'Sở Nội vụ rà soát, chi trả kịp thời chế độ cho người có công; Sở Y tế chỉ đạo các bệnh viện bảo đảm thuốc, vật tư.',
    );
    expect(r.lead.map((a) => a.name)).toEqual(['Sở Nội vụ', 'Sở Y tế']);
  });
});

describe('findRoles on pathological text', () => {
  it('a run of 50,000 heads ("giao Sở Sở Sở …") neither overflows the stack nor finds a name in it', () => {
    const r = findRoles(`giao ${'Sở '.repeat(50_000)}`);
    expect(r.lead.every((a) => a.name.length < 100)).toBe(true);
  });
});

describe('findRoles: roles written after the names', () => {
  it('"X (chủ trì), Y, Z (phối hợp) ..."', () => {
    const r = roles(
      'Sở Y tế (chủ trì), Sở Tài chính, Bảo hiểm xã hội tỉnh (phối hợp) rà soát danh mục thuốc.',
    );
    expect(r.lead).toEqual(['Sở Y tế']);
    expect(r.support).toEqual(['Sở Tài chính', 'Bảo hiểm xã hội tỉnh']);
  });

  it('a role annotation that goes on, and ";" between the parts', () => {
    const r = roles(
      'Giao: Trung tâm Phát triển quỹ đất tỉnh (chủ trì); Sở Nông nghiệp và Môi trường (phối hợp, thẩm định hồ sơ).',
    );
    expect(r.lead).toEqual(['Trung tâm Phát triển quỹ đất tỉnh']);
    expect(r.support).toEqual(['Sở Nông nghiệp và Môi trường']);
  });

  it('"X chủ trì, Y phối hợp ..." without brackets', () => {
    const r = roles('Công an tỉnh chủ trì, Sở Tư pháp phối hợp tổ chức tập huấn cho cán bộ cơ sở.');
    expect(r.lead).toEqual(['Công an tỉnh']);
    expect(r.support).toEqual(['Sở Tư pháp']);
  });

  it('no support when the words after the lead are its own task', () => {
    const r = roles('Sở Xây dựng (chủ trì), phối hợp với các địa phương kiểm tra công trình.');
    expect(r.lead).toEqual(['Sở Xây dựng']);
    expect(r.support).toEqual(['các địa phương']);
  });
});

describe('findRoles: party notices', () => {
  it('a party committee as the subject', () => {
    const r = roles(
      'Đảng ủy Hội đồng nhân dân huyện cùng Đảng ủy Ủy ban nhân dân huyện chuẩn bị nội dung kỳ họp cuối năm.',
    );
    expect(r.lead).toEqual(['Đảng ủy Hội đồng nhân dân huyện']);
    expect(r.support).toEqual(['Đảng ủy Ủy ban nhân dân huyện']);
  });

  it('"Đề nghị các nhà đầu tư ..." leads with the investors', () => {
    expect(roles('Đề nghị các nhà đầu tư bổ sung nhân lực, thiết bị để kịp tiến độ.').lead).toEqual([
      'các nhà đầu tư',
    ]);
  });

  it('"Báo cáo Chủ tịch UBND ..." opens with a verb: no agency leads', () => {
    const r = roles('Báo cáo Chủ tịch UBND xã kết quả giải quyết hồ sơ hằng tuần.');
    expect(r.lead).toEqual([]);
    expect(r.implicitSubject).toBe(true);
  });
});

describe("findRoles: a people's committee as the subject", () => {
  it('"Ủy ban nhân dân huyện chỉ đạo ..." leads when nothing else does (a party notice)', () => {
    const r = roles('Ủy ban nhân dân huyện chỉ đạo các phòng chuyên môn bảo đảm an ninh trật tự dịp lễ.');
    expect(r.lead).toEqual(['Ủy ban nhân dân huyện']);
    expect(r.explicit).toBe(false);
  });

  it('"UBND tỉnh giao Sở X ...": the assigned body leads, not the issuer', () => {
    expect(roles('UBND tỉnh giao Sở Tài chính cân đối nguồn vốn.').lead).toEqual(['Sở Tài chính']);
    expect(roles('UBND tỉnh thống nhất chủ trương đầu tư dự án.').lead).toEqual([]);
  });
});

describe('findRoles: the party committee that issues the notice', () => {
  it('"Huyện ủy chỉ đạo ..." opens an item but leads nothing', () => {
    expect(roles('Huyện ủy chỉ đạo tổng kết công tác năm.').lead).toEqual([]);
  });
});

describe('findRoles: a paragraph printed without diacritics', () => {
  it('bare "phoi hop voi", "de nghi" before bare groups and units', () => {
    const r = roles('Cac so, ban, nganh chu dong phoi hop voi cac co quan, don vi lien quan trien khai.');
    expect(r.lead).toEqual(['Các sở, ban, ngành']);
    expect(r.support).toEqual(['các cơ quan, đơn vị liên quan']);
    expect(roles('De nghi UBND cac xa, phuong bao cao ket qua.').lead).toEqual(['UBND các xã, phường']);
  });
});
