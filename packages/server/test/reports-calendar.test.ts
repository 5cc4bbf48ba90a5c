import { describe, expect, it } from 'vitest';
import {
  buildAgencyCalendar,
  type CalendarTask,
  feedTokenMatches,
  hashFeedToken,
  newFeedToken,
} from '../src/reports/calendar.ts';
import { parseIcs, unescapeIcs } from './reports-support.ts';

const tasks: CalendarTask[] = [
  {
    id: 17,
    text: 'Xây dựng kế hoạch chuyển đổi số; báo cáo UBND tỉnh, trước ngày 31/12',
    due: '2024-02-29',
    documentNumber: '312/TB-VP',
    documentDate: '2024-01-18',
    role: 'lead',
    leadAgencyName: 'Sở Khoa học và Công nghệ',
    bucket: 'open_on_time',
    done: false,
  },
  {
    id: 18,
    text: 'Phối hợp rà soát hạ tầng',
    due: '2023-12-31',
    documentNumber: null,
    documentDate: null,
    role: 'support',
    leadAgencyName: 'Sở Tài chính',
    bucket: 'done_on_time',
    done: true,
  },
];

describe('iCalendar feed', () => {
  it('writes all-day events that parse back with Vietnamese text', () => {
    const ics = buildAgencyCalendar(tasks, {
      agencyName: 'Sở Khoa học và Công nghệ',
      appUrl: 'https://dondoc.example.vn/',
      now: new Date('2024-01-20T00:00:00Z'),
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    const { calendar, events } = parseIcs(ics);
    expect(calendar.get('VERSION')).toBe('2.0');
    expect(calendar.get('METHOD')).toBe('PUBLISH');
    expect(unescapeIcs(calendar.get('X-WR-CALNAME') ?? '')).toBe('Hạn nhiệm vụ - Sở Khoa học và Công nghệ');
    expect(events).toHaveLength(2);
    const [a, b] = events;
    expect(a?.get('UID')).toBe('task-17@dondoc');
    // leap day; DTEND exclusive = next day
    expect(a?.get('DTSTART;VALUE=DATE')).toBe('20240229');
    expect(a?.get('DTEND;VALUE=DATE')).toBe('20240301');
    expect(unescapeIcs(a?.get('SUMMARY') ?? '')).toBe(
      'Hạn: Xây dựng kế hoạch chuyển đổi số; báo cáo UBND tỉnh, trước ngày 31/12',
    );
    const desc = unescapeIcs(a?.get('DESCRIPTION') ?? '');
    expect(desc).toContain('Văn bản giao: số 312/TB-VP ngày 18/01/2024');
    expect(desc).toContain('Thời hạn: 29/02/2024');
    expect(desc).toContain('Trạng thái: Chưa hoàn thành trong hạn');
    expect(a?.get('URL;VALUE=URI') ?? a?.get('URL')).toBe('https://dondoc.example.vn/tasks/17');
    expect(a?.get('HAS_ALARM')).toBe('1');
    expect(b?.get('DTSTART;VALUE=DATE')).toBe('20231231');
    expect(b?.get('DTEND;VALUE=DATE')).toBe('20240101');
    expect(unescapeIcs(b?.get('SUMMARY') ?? '')).toBe('[Đã hoàn thành] Hạn: Phối hợp rà soát hạ tầng');
    expect(b?.get('HAS_ALARM')).toBeUndefined();
  });

  it('an empty feed is still a valid calendar', () => {
    const { calendar, events } = parseIcs(buildAgencyCalendar([], { agencyName: 'Công an tỉnh' }));
    expect(calendar.get('PRODID')).toContain('dondoc');
    expect(events).toHaveLength(0);
  });

  it('feed tokens: random, stored hashed, compared in constant time', () => {
    const t = newFeedToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newFeedToken()).not.toBe(t);
    const h = hashFeedToken(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(feedTokenMatches(t, h)).toBe(true);
    expect(feedTokenMatches(`${t}x`, h)).toBe(false);
    expect(feedTokenMatches('', h)).toBe(false);
    expect(feedTokenMatches(t, null)).toBe(false);
    expect(feedTokenMatches(t, 'zz')).toBe(false);
  });
});
