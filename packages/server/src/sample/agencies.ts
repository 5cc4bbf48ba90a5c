/**
 * The sample agency registry: provincial departments of Kiên Giang, Vĩnh Phúc, Bình Định
 * and Quảng Nam as they were before 1 July 2025, and of the provinces that absorbed them
 * after the 2025 rearrangement (Resolution 202/2025/QH15: Kiên Giang → An Giang,
 * Vĩnh Phúc → Phú Thọ, Bình Định → Gia Lai, Quảng Nam → Đà Nẵng), with the department
 * mergers of the same reform (Decree 45/2025/NĐ-CP):
 *   Thông tin và Truyền thông → Khoa học và Công nghệ; Kế hoạch và Đầu tư → Tài chính;
 *   Giao thông vận tải → Xây dựng; Tài nguyên và Môi trường + Nông nghiệp và PTNT →
 *   Nông nghiệp và Môi trường; Lao động - Thương binh và Xã hội → Nội vụ.
 */
import type { AgencyType } from '../db/schema.ts';

export interface SampleAgency {
  key: string;
  name: string;
  shortName: string | null;
  type: AgencyType;
  province: string;
}

interface Dept {
  code: string;
  name: string;
  shortName: string | null;
  type: AgencyType;
}

const COMMON: Dept[] = [
  { code: 'ubnd', name: 'Ủy ban nhân dân tỉnh', shortName: 'UBND tỉnh', type: 'people_committee' },
  {
    code: 'vp',
    name: 'Văn phòng Ủy ban nhân dân tỉnh',
    shortName: 'Văn phòng UBND tỉnh',
    type: 'department',
  },
  { code: 'tc', name: 'Sở Tài chính', shortName: 'STC', type: 'department' },
  { code: 'nv', name: 'Sở Nội vụ', shortName: 'SNV', type: 'department' },
  { code: 'khcn', name: 'Sở Khoa học và Công nghệ', shortName: 'Sở KH&CN', type: 'department' },
  { code: 'xd', name: 'Sở Xây dựng', shortName: 'SXD', type: 'department' },
  { code: 'yt', name: 'Sở Y tế', shortName: 'SYT', type: 'department' },
  { code: 'gddt', name: 'Sở Giáo dục và Đào tạo', shortName: 'Sở GD&ĐT', type: 'department' },
  { code: 'vhttdl', name: 'Sở Văn hóa, Thể thao và Du lịch', shortName: 'Sở VHTTDL', type: 'department' },
  { code: 'ct', name: 'Sở Công Thương', shortName: 'SCT', type: 'department' },
  { code: 'tp', name: 'Sở Tư pháp', shortName: 'STP', type: 'department' },
  { code: 'ca', name: 'Công an tỉnh', shortName: null, type: 'unit' },
];

/** Departments that existed only before 1 July 2025, and the code of their successor. */
const BEFORE_ONLY: (Dept & { successor: string })[] = [
  {
    code: 'tttt',
    name: 'Sở Thông tin và Truyền thông',
    shortName: 'Sở TT&TT',
    type: 'department',
    successor: 'khcn',
  },
  { code: 'khdt', name: 'Sở Kế hoạch và Đầu tư', shortName: 'Sở KH&ĐT', type: 'department', successor: 'tc' },
  { code: 'gtvt', name: 'Sở Giao thông vận tải', shortName: 'Sở GTVT', type: 'department', successor: 'xd' },
  {
    code: 'tnmt',
    name: 'Sở Tài nguyên và Môi trường',
    shortName: 'Sở TN&MT',
    type: 'department',
    successor: 'nnmt',
  },
  {
    code: 'nnptnt',
    name: 'Sở Nông nghiệp và Phát triển nông thôn',
    shortName: 'Sở NN&PTNT',
    type: 'department',
    successor: 'nnmt',
  },
  {
    code: 'ldtbxh',
    name: 'Sở Lao động - Thương binh và Xã hội',
    shortName: 'Sở LĐ-TB&XH',
    type: 'department',
    successor: 'nv',
  },
];

/** Departments created by the 2025 mergers. */
const AFTER_ONLY: Dept[] = [
  { code: 'nnmt', name: 'Sở Nông nghiệp và Môi trường', shortName: 'Sở NN&MT', type: 'department' },
];

/** Old province → the province that absorbed it on 1 July 2025. */
export const PROVINCE_MERGERS: { from: string; to: string; toIsCity: boolean }[] = [
  { from: 'Kiên Giang', to: 'An Giang', toIsCity: false },
  { from: 'Vĩnh Phúc', to: 'Phú Thọ', toIsCity: false },
  { from: 'Bình Định', to: 'Gia Lai', toIsCity: false },
  { from: 'Quảng Nam', to: 'Đà Nẵng', toIsCity: true },
];

export const MERGER_DATE = '2025-07-01';

const cityName = (name: string, isCity: boolean) =>
  isCity
    ? name.replace(/\btỉnh$/, 'thành phố').replace('Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân thành phố')
    : name;

export interface SampleRegistry {
  agencies: SampleAgency[];
  /** key → successor key */
  successions: Map<string, string>;
}

export function sampleRegistry(): SampleRegistry {
  const agencies: SampleAgency[] = [];
  const successions = new Map<string, string>();
  for (const m of PROVINCE_MERGERS) {
    for (const d of [...COMMON, ...AFTER_ONLY]) {
      agencies.push({
        key: `${m.to}/${d.code}`,
        name: cityName(d.name, m.toIsCity),
        shortName: d.shortName ? cityName(d.shortName, m.toIsCity) : null,
        type: d.type,
        province: m.to,
      });
    }
    for (const d of [...COMMON, ...BEFORE_ONLY]) {
      const key = `${m.from}/${d.code}`;
      agencies.push({ key, name: d.name, shortName: d.shortName, type: d.type, province: m.from });
      successions.set(key, `${m.to}/${'successor' in d ? d.successor : d.code}`);
    }
  }
  return { agencies, successions };
}

/** Sample accounts (password SAMPLE_PASSWORD for all; documented in docs/SERVER.md). */
export const SAMPLE_PASSWORD = 'dondoc-thu-nghiem';
export const SAMPLE_USERS: {
  username: string;
  displayName: string;
  role: 'officer' | 'leader' | 'agency' | 'viewer';
  agency?: string;
}[] = [
  { username: 'vanphong', displayName: 'Chuyên viên Văn phòng UBND tỉnh', role: 'officer' },
  { username: 'lanhdao', displayName: 'Phó Chủ tịch UBND tỉnh', role: 'leader' },
  { username: 'xem', displayName: 'Người xem', role: 'viewer' },
  {
    username: 'sokhcn.angiang',
    displayName: 'Sở Khoa học và Công nghệ An Giang',
    role: 'agency',
    agency: 'An Giang/khcn',
  },
  {
    username: 'sotaichinh.angiang',
    displayName: 'Sở Tài chính An Giang',
    role: 'agency',
    agency: 'An Giang/tc',
  },
  { username: 'sonoivu.angiang', displayName: 'Sở Nội vụ An Giang', role: 'agency', agency: 'An Giang/nv' },
  { username: 'soxaydung.gialai', displayName: 'Sở Xây dựng Gia Lai', role: 'agency', agency: 'Gia Lai/xd' },
  {
    username: 'sonnmt.danang',
    displayName: 'Sở Nông nghiệp và Môi trường Đà Nẵng',
    role: 'agency',
    agency: 'Đà Nẵng/nnmt',
  },
];
