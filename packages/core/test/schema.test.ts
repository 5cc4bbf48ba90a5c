// The notice@1 shape check (src/schema.ts): what the CLI and the server rely on.
import { describe, expect, it } from 'vitest';
import { extract, isNotice, validateNotice } from '../src/index.ts';

const valid = () =>
  extract(
    [
      'Số: 316/TB-UBND',
      'Bình Định, ngày 08 tháng 11 năm 2022',
      'THÔNG BÁO',
      'Ý kiến kết luận của Chủ tịch UBND tỉnh',
      '',
      'Chủ tịch UBND tỉnh kết luận như sau:',
      '1. Giao Sở Tài chính rà soát, báo cáo UBND tỉnh trước ngày 30/11/2022.',
    ].join('\n'),
  );

describe('validateNotice', () => {
  it('accepts what extract returns', () => {
    const n = valid();
    expect(n.tasks).toHaveLength(1);
    expect(validateNotice(n)).toEqual([]);
    expect(isNotice(n)).toBe(true);
  });

  it('accepts a document that reports no meeting (meeting: null), not a meeting of another shape', () => {
    const n = valid();
    expect(validateNotice({ ...n, meeting: null })).toEqual([]);
    expect(validateNotice({ ...n, meeting: 'none' })).toEqual(['meeting must be an object or null']);
  });

  it('rejects what is no object', () => {
    expect(validateNotice(null)).toEqual(['not an object']);
    expect(validateNotice([])).toEqual(['not an object']);
    expect(isNotice('notice@1')).toBe(false);
  });

  it('names each broken field', () => {
    const n = valid() as unknown as Record<string, unknown>;
    const broken = {
      ...n,
      schema: 'notice@2',
      date: '18/5/2021',
      recipients: 'Như trên',
      signer: { name: 1 },
      tasks: [{ ...(n.tasks as object[])[0], due: '2022-11', span: { start: 5, end: 1 } }],
      spans: { number: { start: 0, end: 10_000_000 } },
    };
    const errors = validateNotice(broken);
    expect(errors).toEqual(
      expect.arrayContaining([
        'schema must be "notice@1"',
        'date must be yyyy-mm-dd, yyyy-mm or null',
        'recipients must be an array of strings',
        'signer is malformed',
        'tasks[0].due must be yyyy-mm-dd or null',
        'tasks[0].span is malformed',
        'spans are malformed',
      ]),
    );
    expect(errors).toHaveLength(7);
  });

  it('accepts a month for the document date ("ngày ... tháng 12 năm 2020") but not for a task', () => {
    const n = valid();
    expect(validateNotice({ ...n, date: '2020-12' })).toEqual([]);
    expect(validateNotice({ ...n, tasks: [{ ...n.tasks[0], text: '' }] })).toEqual([
      'tasks[0].text must be a non-empty string',
    ]);
  });
});
