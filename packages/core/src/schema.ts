import type { Notice } from './types.ts';

/**
 * Checks that a value has the notice@1 shape. Returns the problems found
 * (empty when valid). Hand-written so that core keeps no dependencies.
 */
export function validateNotice(value: unknown): string[] {
  const errors: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const strOrNull = (v: unknown) => v === null || typeof v === 'string';
  const isoOrNull = (v: unknown) => v === null || (typeof v === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(v));
  const isStrArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const isSpan = (v: unknown, max: number) =>
    isObj(v) &&
    Number.isInteger(v.start) &&
    Number.isInteger(v.end) &&
    (v.start as number) >= 0 &&
    (v.start as number) <= (v.end as number) &&
    (v.end as number) <= max;

  if (!isObj(value)) return ['not an object'];
  const n = value as Record<string, unknown>;
  if (n.schema !== 'notice@1') errors.push('schema must be "notice@1"');
  if (typeof n.text !== 'string') errors.push('text must be a string');
  const max = typeof n.text === 'string' ? n.text.length : 0;
  for (const k of ['number', 'notation', 'docType', 'issuer', 'place', 'subject'] as const) {
    if (!strOrNull(n[k])) errors.push(`${k} must be a string or null`);
  }
  if (!isoOrNull(n.date)) errors.push('date must be yyyy-mm-dd, yyyy-mm or null');
  if (n.meeting !== null && !isObj(n.meeting)) errors.push('meeting must be an object or null');
  else if (isObj(n.meeting)) {
    if (!isoOrNull(n.meeting.date)) errors.push('meeting.date must be an ISO date or null');
    const p = n.meeting.presider;
    if (p !== null && !(isObj(p) && strOrNull(p.name) && strOrNull(p.title)))
      errors.push('meeting.presider is malformed');
  }
  if (!isStrArray(n.recipients)) errors.push('recipients must be an array of strings');
  const s = n.signer;
  if (s !== null && !(isObj(s) && strOrNull(s.name) && strOrNull(s.authority) && strOrNull(s.title)))
    errors.push('signer is malformed');
  const r = n.received;
  if (r !== null && !(isObj(r) && strOrNull(r.by) && strOrNull(r.number) && isoOrNull(r.date)))
    errors.push('received is malformed');
  if (
    !Array.isArray(n.warnings) ||
    !n.warnings.every((w) => isObj(w) && typeof w.code === 'string' && typeof w.message === 'string')
  )
    errors.push('warnings must be an array of {code, message}');
  if (!isObj(n.spans) || !Object.values(n.spans).every((sp) => isSpan(sp, max)))
    errors.push('spans are malformed');
  if (!Array.isArray(n.tasks)) errors.push('tasks must be an array');
  else
    n.tasks.forEach((t, i) => {
      if (!isObj(t)) {
        errors.push(`tasks[${i}] is not an object`);
        return;
      }
      if (typeof t.text !== 'string' || t.text.length === 0)
        errors.push(`tasks[${i}].text must be a non-empty string`);
      if (!strOrNull(t.ref)) errors.push(`tasks[${i}].ref must be a string or null`);
      if (!isStrArray(t.lead)) errors.push(`tasks[${i}].lead must be an array of strings`);
      if (!isStrArray(t.support)) errors.push(`tasks[${i}].support must be an array of strings`);
      if (!(t.due === null || (typeof t.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(t.due))))
        errors.push(`tasks[${i}].due must be yyyy-mm-dd or null`);
      if (!strOrNull(t.dueText)) errors.push(`tasks[${i}].dueText must be a string or null`);
      if (!isSpan(t.span, max)) errors.push(`tasks[${i}].span is malformed`);
    });
  return errors;
}

export function isNotice(value: unknown): value is Notice {
  return validateNotice(value).length === 0;
}
