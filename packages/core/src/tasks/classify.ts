/**
 * Whether a paragraph of the directive part asks an agency to act (a task) or
 * assesses, explains or closes (CONTRACT, "What counts as a task").
 */
import { DIRECTIVE_VERBS } from './roles.ts';

/** Closing formulas (Decree 30/2020, Phụ lục I: phần kết thúc). */
export const CLOSING_RE =
  /^(?:Trên đây là|Yêu cầu\s.{0,200}(?:thực hiện|triển khai)\s(?:nghiêm\s)?(?:Chỉ thị|Thông báo|Kết luận|Công văn|Kế hoạch|Quyết định)\snày|Nhận được (?:Công văn|Thông báo|văn bản) này|Trong quá trình (?:tổ chức )?(?:thực hiện|triển khai)|Quá trình (?:thực hiện|triển khai)|Yêu cầu (?:các )?.{0,80}(?:nghiêm túc|triển khai) thực hiện\.?\/?\.?$|[^.;]{0,150}\bthông báo\s+(?:để|đến|cho|ý kiến)\b[^.;]{0,250}(?:biết|thực hiện|triển khai)|(?:Văn phòng|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở)[^.;]{0,120}\bthông báo\b[^.;]{0,200}(?:biết|thực hiện|triển khai))/iu;

/** Section headings whose content is an assessment, not a directive. */
export const ASSESSMENT_HEADING_RE =
  /^(?:Về\s+)?(?:mục đích|yêu cầu$|mục đích, yêu cầu|kinh phí|căn cứ|quan điểm|mục tiêu|đánh giá(?: chung)?|kết quả (?:đạt được|thực hiện)|tình hình(?! triển khai nhiệm vụ)|những (?:hạn chế|tồn tại)|hạn chế|tồn tại|ưu điểm|nhận xét|đánh giá kết quả)(?![\p{L}])/iu;

const ASSESSMENT_CUES: RegExp[] = [
  /(?<![\p{L}])thống nhất cơ bản/iu,
  /(?<![\p{L}])đánh giá cao/iu,
  /(?<![\p{L}])ghi nhận/iu,
  /(?<![\p{L}])(?:đã|đạt được|đạt)\s/iu,
  /(?<![\p{L}])chưa\s/iu,
  /(?<![\p{L}])còn\s(?!lại)/iu,
  /(?<![\p{L}])(?:hạn chế|tồn tại|yếu kém|bất cập)(?![\p{L}])/iu,
  /(?<![\p{L}])(?:thời gian qua|hiện nay|nhìn chung|vừa qua)(?![\p{L}])/iu,
  /(?<![\p{L}])khá tốt|(?<![\p{L}])được thực hiện/iu,
];

const MODAL_RE = /(?<![\p{L}])(?<!không\s)(?:cần phải|cần|phải)\s+(?!là\s)|(?<![\p{L}])khẩn trương/iu;
const CLAUSE_SPLIT = /[.;:]\s+|,\s*(?:đồng thời|trên cơ sở đó|sau đó)\s*,?\s*/u;

export interface TaskEvidence {
  explicit: boolean;
  hasDeadline: boolean;
  clauseSubject: boolean;
}

/** A score for "this asks someone to act": directive cues count up, assessment cues down. */
export function directiveScore(text: string, ev: TaskEvidence): number {
  let score = 0;
  if (ev.explicit) score += 3;
  if (ev.hasDeadline) score += 2;
  const clauses = text.split(CLAUSE_SPLIT);
  if (
    clauses.some((c) =>
      DIRECTIVE_VERBS.test(c.replace(/^(?:Về[^:]{0,200}:\s*)?(?:Thời gian tới,?\s*)?/iu, '').trim()),
    )
  )
    score += 2;
  let negative = 0;
  for (const re of ASSESSMENT_CUES) if (re.test(text)) negative++;
  // "phải", "cần" alone do not make an assessment a directive.
  if (MODAL_RE.test(text) && (score > 0 || negative === 0)) score += 1;
  return score - Math.min(negative, 3);
}

/** A reply to a proposal that declines or only notes it: "Về đề nghị ...: Không thống nhất ...". */
const DECLINE_RE =
  /^(?:(?:Về|Đối với)\s[^:]{0,300}:\s*)?(?:Không (?:thống nhất|đồng ý|chấp thuận)|Chưa (?:thống nhất|xem xét)|Ghi nhận|Thống nhất (?:cơ bản|với)|Đồng ý)(?![\p{L}])/iu;

export function isTask(text: string, marked: boolean, ev: TaskEvidence): boolean {
  if (CLOSING_RE.test(text.slice(0, 600))) return false;
  if (DECLINE_RE.test(text) && !ev.explicit && !ev.hasDeadline) return false;
  if (!marked && ev.explicit) return true;
  const s = directiveScore(text, ev);
  return marked ? s >= 0 : s >= 2;
}
