import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

// A small typed dictionary: Vietnamese is the default; English must have every key.
const vi = {
  appName: 'Đôn đốc nhiệm vụ',
  appTagline: 'Theo dõi nhiệm vụ từ thông báo kết luận',
  signIn: 'Đăng nhập',
  signOut: 'Đăng xuất',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  signingIn: 'Đang đăng nhập…',
  language: 'Ngôn ngữ',
  skipToContent: 'Bỏ qua, đến nội dung chính',
  navImport: 'Tiếp nhận văn bản',
  navTasks: 'Nhiệm vụ',
  navInbox: 'Nhiệm vụ của đơn vị',
  navDashboard: 'Tổng quan',
  navCalendar: 'Lịch hạn',
  navReports: 'Báo cáo',
  navAgencies: 'Danh mục cơ quan',
  navUsers: 'Người dùng',
  navSettings: 'Cấu hình',
  navAudit: 'Nhật ký',
  roleAdmin: 'Quản trị',
  roleOfficer: 'Chuyên viên theo dõi',
  roleLeader: 'Lãnh đạo',
  roleAgency: 'Cán bộ đơn vị',
  roleViewer: 'Xem',
  loading: 'Đang tải…',
  save: 'Lưu',
  saved: 'Đã lưu',
  cancel: 'Hủy',
  search: 'Tìm kiếm',
  filter: 'Lọc',
  clear: 'Xóa lọc',
  previous: 'Trang trước',
  next: 'Trang sau',
  page: 'Trang',
  of: 'trên',
  total: 'Tổng số',
  none: 'Không có',
  noResults: 'Không có kết quả.',
  agency: 'Cơ quan',
  allAgencies: 'Tất cả cơ quan',
  lead: 'Chủ trì',
  support: 'Phối hợp',
  due: 'Hạn',
  dueFrom: 'Hạn từ ngày',
  dueTo: 'Đến ngày',
  status: 'Trạng thái',
  bucket: 'Nhóm',
  document: 'Văn bản',
  text: 'Nội dung',
  recurrence: 'Lặp lại',
  task: 'Nhiệm vụ',
  tasks: 'Nhiệm vụ',
  any: 'Tất cả',
  freeText: 'Tìm theo nội dung (gõ có dấu hoặc không dấu)',
  noDeadline: 'Không có hạn',
  overdue: 'Quá hạn',
  dueSoon: 'Sắp đến hạn',
  onTrack: 'Trong hạn',
  doneLabel: 'Đã xong',
  bucket_done_on_time: 'Hoàn thành đúng hạn',
  bucket_done_late: 'Hoàn thành quá hạn',
  bucket_open_on_time: 'Chưa hoàn thành, trong hạn',
  bucket_open_overdue: 'Chưa hoàn thành, quá hạn',
  status_not_started: 'Chưa thực hiện',
  status_in_progress: 'Đang thực hiện',
  status_awaiting_confirmation: 'Chờ xác nhận hoàn thành',
  status_done: 'Hoàn thành',
  status_returned: 'Bị trả lại',
  status_paused: 'Tạm dừng',
  forbiddenTitle: 'Không có quyền',
  forbiddenText: 'Bạn không có quyền xem nội dung này. Nhiệm vụ không thuộc cơ quan của bạn.',
  notFoundTitle: 'Không tìm thấy',
  notFoundText: 'Trang hoặc dữ liệu bạn tìm không tồn tại.',
  backHome: 'Về trang chính',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  appName: 'Task follow-up',
  appTagline: 'Tracking tasks from conclusion notices',
  signIn: 'Sign in',
  signOut: 'Sign out',
  username: 'Username',
  password: 'Password',
  signingIn: 'Signing in…',
  language: 'Language',
  skipToContent: 'Skip to main content',
  navImport: 'Import notices',
  navTasks: 'Tasks',
  navInbox: 'My agency’s tasks',
  navDashboard: 'Dashboard',
  navCalendar: 'Deadlines calendar',
  navReports: 'Reports',
  navAgencies: 'Agencies',
  navUsers: 'Users',
  navSettings: 'Settings',
  navAudit: 'Audit log',
  roleAdmin: 'Administrator',
  roleOfficer: 'Tracking officer',
  roleLeader: 'Leader',
  roleAgency: 'Agency officer',
  roleViewer: 'Viewer',
  loading: 'Loading…',
  save: 'Save',
  saved: 'Saved',
  cancel: 'Cancel',
  search: 'Search',
  filter: 'Filter',
  clear: 'Clear filters',
  previous: 'Previous page',
  next: 'Next page',
  page: 'Page',
  of: 'of',
  total: 'Total',
  none: 'None',
  noResults: 'No results.',
  agency: 'Agency',
  allAgencies: 'All agencies',
  lead: 'Lead',
  support: 'Support',
  due: 'Due',
  dueFrom: 'Due from',
  dueTo: 'Due to',
  status: 'Status',
  bucket: 'Bucket',
  document: 'Document',
  text: 'Text',
  recurrence: 'Recurrence',
  task: 'Task',
  tasks: 'Tasks',
  any: 'Any',
  freeText: 'Search text (with or without diacritics)',
  noDeadline: 'No deadline',
  overdue: 'Overdue',
  dueSoon: 'Due soon',
  onTrack: 'On track',
  doneLabel: 'Done',
  bucket_done_on_time: 'Done on time',
  bucket_done_late: 'Done late',
  bucket_open_on_time: 'Open, on time',
  bucket_open_overdue: 'Open, overdue',
  status_not_started: 'Not started',
  status_in_progress: 'In progress',
  status_awaiting_confirmation: 'Awaiting confirmation',
  status_done: 'Done',
  status_returned: 'Returned',
  status_paused: 'Paused',
  forbiddenTitle: 'Access denied (Không có quyền)',
  forbiddenText: 'You are not allowed to see this. The task does not belong to your agency.',
  notFoundTitle: 'Not found',
  notFoundText: 'The page or record does not exist.',
  backHome: 'Back to home',
};

export type Lang = 'vi' | 'en';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey) => string;
  /** Pick inline text for strings that live in one page only. */
  l: (vietnamese: string, english: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() =>
    typeof localStorage !== 'undefined' && localStorage.getItem('dondoc.lang') === 'en' ? 'en' : 'vi',
  );
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    localStorage.setItem('dondoc.lang', next);
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key) => dictionaries[lang][key],
      l: (vietnamese, english) => (lang === 'en' ? english : vietnamese),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
