import type { Agency, Task } from './api.ts';

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Name with its province, so that "Công an tỉnh" of two provinces can be told apart. */
export function agencyLabel(a: Pick<Agency, 'name'> & { province?: string | null }): string {
  return a.province && !fold(a.name).includes(fold(a.province)) ? `${a.name} (${a.province})` : a.name;
}

export function sortAgencies<T extends Pick<Agency, 'name'> & { province?: string | null }>(
  agencies: T[],
): T[] {
  return [...agencies].sort(
    (a, b) => compareVi(a.name, b.name) || compareVi(a.province ?? '', b.province ?? ''),
  );
}

/** dd/mm/yyyy, the date form of Decree 30/2020 documents; accepts ISO dates and timestamps. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
  if (!m) return value;
  if (value.length > 10) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) {
      return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
    }
  }
  return m[3] ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${formatDate(value)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function todayIso(): string {
  return isoDate(new Date());
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return isoDate(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
}

/** Lower case without diacritics (đ → d), for matching what users type without accents. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export type Urgency = 'done' | 'overdue' | 'soon' | 'normal' | 'none';

/** Overdue is red, due within 3 days orange; the label is always shown too (not colour alone). */
export function urgencyOf(
  task: Pick<Task, 'due' | 'status' | 'bucket' | 'dueSoon'>,
  today = todayIso(),
): Urgency {
  if (task.status === 'done' || task.bucket === 'done_on_time' || task.bucket === 'done_late') return 'done';
  if (!task.due) return 'none';
  if (task.bucket === 'open_overdue' || task.due < today) return 'overdue';
  if (task.dueSoon || task.due <= addDays(today, 3)) return 'soon';
  return 'normal';
}

/** dd/mm/yyyy → ISO date, or null when it is not a real date. */
export function parseDmy(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
