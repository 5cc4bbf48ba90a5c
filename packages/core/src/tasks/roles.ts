/**
 * Who must act in one sentence or item: the lead agencies (giao X, đề nghị X,
 * yêu cầu X, X chủ trì / làm đầu mối, an agency as the subject of the item or of a
 * clause) and the supporting ones (phối hợp với X, cùng X, làm việc với X).
 */
import { type AgencyMatch, matchAgencyAt, matchAgencyListAt } from '../agencies/phrase.ts';
import { endBeforeSpaces, execAtWordStart, indexAfter, lowerCase } from '../text/fold.ts';
import { DIRECTIVE_VERBS } from './verbs.ts';

export { DIRECTIVE_VERBS };

export interface Roles {
  lead: AgencyMatch[];
  support: AgencyMatch[];
  /** The item opens with a verb ("Chủ trì, phối hợp ..."): its subject is the inherited lead. */
  implicitSubject: boolean;
  /** Some words assign the task explicitly (giao, đề nghị, yêu cầu, chủ trì). */
  explicit: boolean;
}

// The triggers match at word starts through execAtWordStart (V8 runs a leading
// (?<![\p{L}]) several times slower), in the lower-cased text.
// A paragraph that OCR printed without diacritics while the rest of the notice keeps them
// (so the document's restoration does not run) assigns with the bare spellings "de nghi",
// "yeu cau", "phoi hop voi": no Vietnamese word is spelled so, and the agency grammar reads
// the bare groups and units that follow (agencies/phrase.ts, BARE_COLLECTIVES).
const LEAD_TRIGGER =
  '(?:(?<!được\\s)(?<!chuyển\\s)(?<!bàn\\s)giao(?:\\s+cho)?|(?:trân trọng\\s+)?đề nghị|yêu cầu|de nghi|yeu cau)\\s+(?!nhiệm vụ|cho\\s)';
const ROLE_WORD =
  '(?:chủ trì|làm đầu mối|là cơ quan đầu mối|là đơn vị đầu mối|làm cơ quan đầu mối)(?![\\p{L}])';
const SUPPORT_TRIGGER =
  '(?:phối hợp(?:\\s+(?:chặt chẽ\\s+)?(?:với|cùng(?:\\s+với)?))?|(?<!cùng\\s)cùng(?:\\s+với)?|sự phối hợp của|sự tham gia của|phoi hop (?:voi|cung))\\s+';
const WORKS_WITH = '(?:làm việc|thống nhất|trao đổi)\\s+với\\s+';
/**
 * The four kinds of trigger in one scan of the lower-cased text (one scan costs less than
 * a search for each kind's key words). Their words differ from the first, so no two kinds
 * match at one place or overlap: the scan finds what four scans would.
 */
const TRIGGERS_RE = new RegExp(`(${LEAD_TRIGGER})|(${ROLE_WORD})|(${SUPPORT_TRIGGER})|(${WORKS_WITH})`, 'gu');

/** The matches of TRIGGERS_RE in `lower`, by kind: lead, role word, support, works with. */
function triggersIn(
  lower: string,
): [RegExpExecArray[], RegExpExecArray[], RegExpExecArray[], RegExpExecArray[]] {
  const found: [RegExpExecArray[], RegExpExecArray[], RegExpExecArray[], RegExpExecArray[]] = [
    [],
    [],
    [],
    [],
  ];
  TRIGGERS_RE.lastIndex = 0;
  for (let m = execAtWordStart(TRIGGERS_RE, lower); m; m = execAtWordStart(TRIGGERS_RE, lower)) {
    const kind = m[1] !== undefined ? 0 : m[2] !== undefined ? 1 : m[3] !== undefined ? 2 : 3;
    found[kind].push(m);
  }
  return found;
}

const OPENER_RE = /Đối với\s+/iuy;
/** Topic openers that precede the directive itself: "Về X:", "Kiến nghị X:". */
const TOPIC_PREFIX = /^(?:Về|Liên quan đến|Kiến nghị|Đối với việc|Vấn đề)(?![\p{L}])[^:]{0,300}:\s*/iu;
const CLAUSE_START_RE =
  /(?:[;.]\s+|:\s+|,\s*(?=(?:trên cơ sở đó|đồng thời|theo đó|sau đó|do đó|vì vậy|do vậy|vì thế)(?![\p{L}])))(?:(?:trên cơ sở đó|đồng thời|theo đó|sau đó|do đó|vì vậy|do vậy|vì thế)\s*,?\s*)?/giu;

/**
 * Bodies that issue notices and never lead their tasks ("đề nghị UBND tỉnh xem xét"): the
 * people's committees and councils, and the party committees. Party notices are issued by
 * the committee, its standing board or its standing members (Hướng dẫn 36-HD/VPTW):
 * "Huyện ủy", "Ban Thường vụ Tỉnh ủy", "Thường trực Huyện ủy", "Đảng ủy xã" (the bare unit:
 * the notice's own).
 */
const PEOPLES_AUTHORITY =
  'UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|(?:Thường trực|Ban Thường vụ) (?:UBND|Ủy ban nhân dân)|Chủ tịch (?:UBND|Ủy ban nhân dân)';
const PARTY_ORGAN =
  '(?:Thường trực|Ban Thường vụ) (?:(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy|Đảng ủy)|(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy|Đảng ủy';
const OF_UNIT = '(?:\\s+(?:tỉnh|thành phố|huyện|xã|phường))?$';
const ISSUING_AUTHORITY = new RegExp(`^(?:${PEOPLES_AUTHORITY}|${PARTY_ORGAN})${OF_UNIT}`, 'u');
/**
 * A party committee's notice assigns tasks to the people's committee and council of its
 * unit like to any body ("Ủy ban nhân dân huyện chỉ đạo …", "phối hợp với UBND huyện"):
 * there only the party organs are the issuer.
 */
const PARTY_AUTHORITY = new RegExp(`^(?:${PARTY_ORGAN})${OF_UNIT}`, 'u');

export interface RoleOptions {
  /** The notice is a party committee's (Hướng dẫn 36-HD/VPTW): only party organs issue it. */
  partyIssuer?: boolean;
}

export function isIssuingAuthority(name: string, options: RoleOptions = {}): boolean {
  return (options.partyIssuer ? PARTY_AUTHORITY : ISSUING_AUTHORITY).test(name);
}

/**
 * Whether a notice comes from a party committee: its notation names the type before the
 * slash ("268-TB/TU", Hướng dẫn 36-HD/VPTW), or its issuer is a party committee.
 */
export function isPartyNotice(notation: string | null, issuer: string | null): boolean {
  return (
    (notation !== null && /^[A-ZĐ][A-Za-zĐđ]*\//u.test(notation)) ||
    (issuer !== null &&
      /^(?:Ban Thường vụ |Ban Chấp hành )?(?:(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy|Đảng ủy)/u.test(issuer))
  );
}

export function findRoles(text: string, options: RoleOptions = {}): Roles {
  const lead: AgencyMatch[] = [];
  const support: AgencyMatch[] = [];
  let explicit = false;
  const prefix = TOPIC_PREFIX.exec(text);
  const bodyStart = prefix ? prefix[0].length : 0;

  // "Đối với X, ..." or X as the subject at the start of the item.
  OPENER_RE.lastIndex = bodyStart;
  const opener = OPENER_RE.exec(text);
  const startPos = bodyStart + (opener ? opener[0].length : 0);
  const opening = matchAgencyListAt(text, startPos);
  const subject = opening.filter((a) => !isIssuingAuthority(a.name, options));
  let implicitSubject = false;
  if (subject.length) {
    lead.push(...subject);
    explicit = true;
  } else {
    const rest = text.slice(bodyStart);
    implicitSubject = DIRECTIVE_VERBS.test(rest) && !/^(?:đề nghị|yêu cầu)/iu.test(rest);
  }

  // A clause opened by an agency followed by a directive verb: "...; trên cơ sở đó, Sở X tổng hợp".
  CLAUSE_START_RE.lastIndex = bodyStart;
  for (let m = CLAUSE_START_RE.exec(text); m; m = CLAUSE_START_RE.exec(text)) {
    const at = m.index + m[0].length;
    const list = matchAgencyListAt(text, at);
    if (list.length === 0) continue;
    const after = text
      .slice((list[list.length - 1] as AgencyMatch).end)
      .replace(/^\s*,?\s*(?:cũng\s+)?/u, '');
    if (DIRECTIVE_VERBS.test(after)) {
      lead.push(...list);
      explicit = true;
    }
  }

  const [leadTriggers, roleWords, supportTriggers, worksWith] = triggersIn(lowerCase(text));
  for (const m of leadTriggers) {
    // "đề nghị của Sở" is a noun ("the request of"), not an assignment.
    const list = matchAgencyListAt(text, m.index + m[0].length).filter(
      (a) => !isIssuingAuthority(a.name, options),
    );
    if (list.length) {
      lead.push(...list);
      explicit = true;
    }
  }

  // "..., Sở Tài chính chủ trì" anywhere: an agency phrase that ends just before a role word.
  for (const m of roleWords) {
    const a = agencyEndingAt(text, endBeforeComma(text, m.index));
    if (a && !isIssuingAuthority(a.name, options)) {
      lead.push(a);
      explicit = true;
    }
    // "X (chủ trì), Y, Z (phối hợp) ...", "X chủ trì, Y phối hợp ...": the bodies named after
    // the lead and before "phối hợp" support it.
    const after = ROLE_THEN_LIST_RE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 8));
    if (!after) continue;
    const list = matchAgencyListAt(text, m.index + m[0].length + after[0].length);
    const last = list[list.length - 1];
    if (last && SUPPORT_ANNOTATION_RE.test(text.slice(last.end, last.end + 16)))
      support.push(...list.filter((x) => !isIssuingAuthority(x.name, options)));
  }

  for (const m of supportTriggers) {
    const at = m.index + m[0].length;
    // "phối hợp tổ chức tập huấn": a verb right after "phối hợp" is the joint task, not a body.
    // (m is read in the lower-cased text; "với" and "cùng" only as printed in lower case.)
    if (
      !/\s(?:với|cùng)\s*$/u.test(text.slice(m.index, at)) &&
      m[0].startsWith('phối hợp') &&
      DIRECTIVE_VERBS.test(text.slice(at))
    )
      continue;
    const list = matchAgencyListAt(text, at, { bare: /phối hợp|của|phoi hop/u.test(m[0]) });
    support.push(...list.filter((a) => !isIssuingAuthority(a.name, options)));
  }
  // "làm việc với Y", "thống nhất với Y" support only the lead named in the same clause.
  for (const m of worksWith) {
    const clauseStart = Math.max(text.lastIndexOf(';', m.index), text.lastIndexOf('. ', m.index));
    const hasLead = lead.some((a) => a.start > clauseStart && a.start < m.index);
    if (!hasLead) continue;
    const list = matchAgencyListAt(text, m.index + m[0].length, { bare: true });
    support.push(...list.filter((a) => !isIssuingAuthority(a.name, options)));
  }

  // "Ủy ban nhân dân huyện chỉ đạo các phòng ...": a people's committee that opens the item
  // and acts itself (in a party committee's notice it is not the issuer) leads when nothing
  // else does; "UBND tỉnh giao Sở X ..." assigns, and Sở X leads.
  if (lead.length === 0 && opening.length === 1 && subject.length === 0) {
    const only = opening[0] as AgencyMatch;
    const after = text.slice(only.end).replace(/^\s*,?\s*/u, '');
    // Not `explicit`: the issuer's own words about itself ("UBND tỉnh sẽ xem xét ...") are
    // no assignment; whether the item is a task is left to the classifier.
    if (PEOPLES_BODY_RE.test(only.name) && DIRECTIVE_VERBS.test(after) && !ASSIGNING_RE.test(after)) {
      lead.push(only);
      implicitSubject = false;
    }
  }

  return { lead: dedupe(lead), support: dedupe(support), implicitSubject, explicit };
}

/** After a role word, its closing bracket and the separator before the next bodies. */
const ROLE_THEN_LIST_RE = /^\s*\)?\s*[,;]\s*/u;
/** "(phối hợp)", "(phối hợp, kiểm tra ...)", "phối hợp ..." right after a list of bodies. */
const SUPPORT_ANNOTATION_RE = /^\s*\(?\s*phối hợp(?![\p{L}])/iu;

/** The people's committees and councils (a party committee alone is the party notice's issuer). */
const PEOPLES_BODY_RE = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)(?![\p{L}])/u;

/** Verbs by which the issuer hands a task to another body. */
const ASSIGNING_RE =
  /^(?:giao|đề nghị|yêu cầu|thống nhất|đồng ý|chấp thuận|ghi nhận|biểu dương)(?![\p{L}])/iu;

/**
 * `end` moved back over spaces, a comma or an opening bracket and spaces again:
 * "Sở Tài chính , chủ trì", "Sở Tài chính (chủ trì)".
 */
function endBeforeComma(text: string, end: number): number {
  const e = endBeforeSpaces(text, end);
  const c = text.charCodeAt(e - 1);
  return c === 44 || c === 40 ? endBeforeSpaces(text, e - 1) : e;
}

/** The agency phrase that ends right before `end` (searched back over the clause, at most 120 characters). */
function agencyEndingAt(text: string, end: number): AgencyMatch | null {
  PHRASE_START_RE.lastIndex = Math.max(0, end - 120);
  for (
    let m = execAtWordStart(PHRASE_START_RE, text);
    m && m.index < end;
    m = execAtWordStart(PHRASE_START_RE, text)
  ) {
    const a = matchAgencyAt(text, m.index);
    if (a && a.end === end) return a;
    PHRASE_START_RE.lastIndex = indexAfter(text, m.index);
  }
  return null;
}

/** Where an agency phrase can open: a capital or "các" (at word starts). */
const PHRASE_START_RE = /(?=\p{Lu}|các\s)/gu;

function dedupe(list: AgencyMatch[]): AgencyMatch[] {
  if (list.length < 2) return list;
  const seen = new Set<string>();
  const out: AgencyMatch[] = [];
  for (const a of list.sort((x, y) => x.start - y.start)) {
    const key = a.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}
