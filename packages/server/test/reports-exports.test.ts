import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { reportToCsv } from '../src/reports/export-csv.ts';
import { reportToDocx } from '../src/reports/export-docx.ts';
import { reportToXlsx } from '../src/reports/export-xlsx.ts';
import { agencyRow, figuresOf, type Report, type ReportTask } from '../src/reports/model.ts';
import { reportPeriod } from '../src/reports/periods.ts';
import { parseCsv, unzipEntry } from './reports-support.ts';

function task(over: Partial<ReportTask> & Pick<ReportTask, 'id' | 'text' | 'bucket'>): ReportTask {
  return {
    ref: null,
    documentId: 1,
    documentNumber: '312/TB-VP',
    documentDate: '2021-05-18',
    leadAgencyId: 1,
    leadAgencyName: 'Sở Khoa học và Công nghệ',
    supportAgencyNames: [],
    due: null,
    completedOn: null,
    status: 'in_progress',
    dueSoon: false,
    noDeadline: false,
    progressNote: null,
    progressPercent: null,
    ...over,
  };
}

const tasks: ReportTask[] = [
  task({
    id: 1,
    text: 'Xây dựng kế hoạch chuyển đổi số, báo cáo "UBND tỉnh"',
    bucket: 'done_on_time',
    due: '2021-08-31',
    completedOn: '2021-08-20',
    status: 'done',
    progressNote: 'Đã ban hành Kế hoạch số 12/KH-SKHCN',
    progressPercent: 100,
  }),
  task({
    id: 2,
    text: 'Rà soát hạ tầng, mạng LAN',
    bucket: 'done_late',
    due: '2021-07-15',
    completedOn: '2021-08-01',
  }),
  task({
    id: 3,
    text: '=SUM(A1) không phải công thức',
    bucket: 'open_on_time',
    due: '2021-12-31',
    leadAgencyName: 'Sở Tài chính',
    supportAgencyNames: ['Công an tỉnh', 'Văn phòng UBND tỉnh'],
  }),
  task({
    id: 4,
    text: 'Triển khai nền tảng\nchia sẻ dữ liệu',
    bucket: 'open_overdue',
    due: '2021-06-30',
    progressNote: 'Đang thực hiện, dự kiến xong tháng 10',
    progressPercent: 60,
  }),
  task({ id: 5, text: 'Theo dõi thường xuyên', bucket: 'open_on_time', due: null, noDeadline: true }),
];

function makeReport(): Report {
  const { figures, lists } = figuresOf(tasks);
  return {
    period: reportPeriod('quarter', 2021, 3),
    asOf: '2021-09-14',
    agency: { id: 1, name: 'Sở Khoa học và Công nghệ' },
    issuer: 'Văn phòng Ủy ban nhân dân tỉnh Kiên Giang',
    parentIssuer: 'Ủy ban nhân dân tỉnh Kiên Giang',
    generatedAt: '2021-09-15T02:00:00.000Z',
    figures,
    byAgency: [
      agencyRow(
        { id: 1, name: 'Sở Khoa học và Công nghệ' },
        { done_on_time: 1, done_late: 1, open_on_time: 1, open_overdue: 1 },
      ),
      agencyRow(
        { id: 2, name: 'Sở Tài chính' },
        { done_on_time: 0, done_late: 0, open_on_time: 1, open_overdue: 0 },
      ),
    ],
    tasks,
    lists,
  };
}

describe('figures', () => {
  it('counts buckets and rates by hand', () => {
    const { figures, lists } = makeReport();
    expect(figures).toMatchObject({
      total: 5,
      done_on_time: 1,
      done_late: 1,
      open_on_time: 2,
      open_overdue: 1,
      done: 2,
      open: 3,
      no_deadline: 1,
    });
    // settled = 1 + 1 + 1 overdue → 1/3
    expect(figures.onTimeRate).toBe(0.3333);
    expect(figures.completionRate).toBe(0.4);
    expect(lists.open_on_time).toEqual([3, 5]);
  });
});

describe('XLSX export', () => {
  it('reads back with header lines, summary, table, dates and a frozen header', async () => {
    const buf = await reportToXlsx(makeReport());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Báo cáo');
    expect(ws).toBeDefined();
    if (!ws) return;
    const texts: string[] = [];
    ws.eachRow((row) => {
      texts.push(String(row.getCell(1).value ?? ''));
    });
    expect(texts[0]).toBe('ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG');
    expect(texts[1]).toBe('VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG');
    expect(texts).toContain('BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ');
    expect(texts).toContain('Kỳ báo cáo: Quý III/2021 (số liệu từ ngày 15/06/2021 đến ngày 14/09/2021)');
    expect(texts).toContain('Cơ quan, đơn vị: Sở Khoa học và Công nghệ');
    expect(texts).toContain('Tổng số nhiệm vụ: 5, trong đó:');
    expect(texts).toContain('- Hoàn thành đúng hạn: 1');
    expect(texts).toContain('- Chưa hoàn thành quá hạn: 1');
    expect(texts).toContain('- Chưa hoàn thành trong hạn: 2');
    expect(texts).toContain('Tỷ lệ hoàn thành đúng hạn: 33,3%');

    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'STT') headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const header = ws.getRow(headerRow);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => header.getCell(c).value)).toEqual([
      'STT',
      'Nội dung nhiệm vụ',
      'Văn bản giao',
      'Cơ quan chủ trì',
      'Thời hạn',
      'Tình hình thực hiện',
      'Trạng thái',
    ]);
    expect(header.getCell(2).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.getColumn(2).width).toBe(60);

    // overdue first, then open by due (no deadline last), then done late, then done on time
    const first = ws.getRow(headerRow + 1);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('Triển khai nền tảng\nchia sẻ dữ liệu');
    expect(first.getCell(3).value).toBe('Thông báo số 312/TB-VP ngày 18/05/2021');
    expect(first.getCell(4).value).toBe('Sở Khoa học và Công nghệ');
    expect((first.getCell(5).value as Date).toISOString()).toBe('2021-06-30T00:00:00.000Z');
    expect(first.getCell(5).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(6).value).toBe('Đang thực hiện, dự kiến xong tháng 10 (60%)');
    expect(first.getCell(7).value).toBe('Chưa hoàn thành quá hạn');
    expect(first.getCell(2).alignment?.wrapText).toBe(true);
    expect(ws.getRow(headerRow + 3).getCell(5).value).toBe('Không có thời hạn');
    const last = ws.getRow(headerRow + 5);
    expect(last.getCell(7).value).toBe('Hoàn thành đúng hạn');
    expect(last.getCell(6).value).toBe(
      'Đã ban hành Kế hoạch số 12/KH-SKHCN (100%) Hoàn thành ngày 20/08/2021',
    );

    const by = wb.getWorksheet('Theo cơ quan');
    expect(by?.getRow(1).getCell(1).value).toBe('TỔNG HỢP THEO CƠ QUAN CHỦ TRÌ - QUÝ III/2021');
    expect(by?.getRow(2).getCell(2).value).toBe('Cơ quan chủ trì');
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => by?.getRow(3).getCell(c).value)).toEqual([
      1,
      'Sở Khoa học và Công nghệ',
      4,
      1,
      1,
      1,
      1,
      '33,3%',
    ]);
    expect(by?.getRow(5).getCell(2).value).toBe('Tổng cộng');
    expect(by?.getRow(5).getCell(3).value).toBe(5);
  });
});

describe('DOCX export', () => {
  it('is A4 landscape in Times New Roman and reads back with the Vietnamese text', async () => {
    const buf = await reportToDocx(makeReport());
    const xml = await unzipEntry(buf, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="16838"[^>]*w:h="11906"|<w:pgSz[^>]*w:h="11906"[^>]*w:w="16838"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:tblHeader');
    const { value: text } = await mammoth.extractRawText({ buffer: buf });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG');
    expect(text).toContain('BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ');
    expect(text).toContain('Kỳ báo cáo: Quý III/2021 (số liệu từ ngày 15/06/2021 đến ngày 14/09/2021)');
    expect(text).toContain('- Hoàn thành quá hạn: 1');
    expect(text).toContain('Tỷ lệ hoàn thành đúng hạn: 33,3%');
    expect(text).toContain('Nội dung nhiệm vụ');
    expect(text).toContain('Xây dựng kế hoạch chuyển đổi số, báo cáo "UBND tỉnh"');
    expect(text).toContain('30/06/2021');
    expect(text).toContain('Không có thời hạn');
    expect(text).toContain('II. TỔNG HỢP THEO CƠ QUAN CHỦ TRÌ');
    expect(text).toContain('III. DANH MỤC NHIỆM VỤ');
    expect(text).not.toContain('Ghi chú: danh mục chỉ liệt kê');
    // the table holds one row a task, in report order
    const html = (await mammoth.convertToHtml({ buffer: buf })).value;
    const tables = html.match(/<table>.*?<\/table>/gs) ?? [];
    const taskTable = tables.find((t) => t.includes('Nội dung nhiệm vụ')) ?? '';
    expect((taskTable.match(/<tr>/g) ?? []).length).toBe(1 + 5);
    expect(taskTable.indexOf('Triển khai nền tảng')).toBeLessThan(taskTable.indexOf('Rà soát hạ tầng'));
  });
});

describe('CSV export', () => {
  it('has a BOM, quotes what needs quoting and reads back', () => {
    const buf = reportToCsv(makeReport());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(6);
    expect(rows[0]?.slice(0, 7)).toEqual([
      'STT',
      'Nội dung nhiệm vụ',
      'Văn bản giao',
      'Cơ quan chủ trì',
      'Thời hạn',
      'Tình hình thực hiện',
      'Trạng thái',
    ]);
    expect(rows.every((r) => r.length === rows[0]?.length)).toBe(true);
    const byId = new Map(rows.slice(1).map((r) => [r[r.length - 1], r]));
    expect(byId.get('1')?.[1]).toBe('Xây dựng kế hoạch chuyển đổi số, báo cáo "UBND tỉnh"');
    expect(byId.get('1')?.[8]).toBe('20/08/2021');
    expect(byId.get('4')?.[1]).toBe('Triển khai nền tảng\nchia sẻ dữ liệu');
    expect(byId.get('4')?.[4]).toBe('30/06/2021');
    expect(byId.get('4')?.[6]).toBe('Chưa hoàn thành quá hạn');
    // a leading "=" is neutralised so a spreadsheet does not run it
    expect(byId.get('3')?.[1]).toBe("'=SUM(A1) không phải công thức");
    expect(byId.get('3')?.[9]).toBe('Công an tỉnh; Văn phòng UBND tỉnh');
    expect(text).toContain('"Xây dựng kế hoạch chuyển đổi số, báo cáo ""UBND tỉnh"""');
  });
});

describe('a cut task list is said so', () => {
  it('prints the note in XLSX and DOCX', async () => {
    const r = { ...makeReport(), truncated: true, tasks: tasks.slice(0, 2) };
    const { value } = await mammoth.extractRawText({ buffer: await reportToDocx(r) });
    expect(value).toContain('Ghi chú: danh mục chỉ liệt kê 2 trong tổng số 5 nhiệm vụ');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportToXlsx(r)) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.getWorksheet('Báo cáo')?.eachRow((row) => {
      cells.push(String(row.getCell(1).value ?? ''));
    });
    expect(cells.some((c) => c.startsWith('Ghi chú: danh mục chỉ liệt kê 2 trong tổng số 5'))).toBe(true);
  });
});
