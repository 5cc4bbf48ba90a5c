/**
 * Task extraction: walks the outline of the directive part and turns each leaf that
 * asks an agency to act into a task, with the agencies and deadline it names or
 * inherits from the heading or lead-in that introduces it (CONTRACT, tasks).
 */
import { type AgencyMatch, ownersIn } from '../agencies/phrase.ts';
import type { YMD } from '../dates.ts';
import { chooseDeadline, findDeadlines } from '../deadlines/deadline.ts';
import { findRecurrence } from '../deadlines/recurrence.ts';
import { assignedIn, isHeadingLine, type OutlineNode, type Paragraph } from '../outline/tree.ts';
import { foldLines, foldSpaces as squash } from '../text/fold.ts';
import type { Task } from '../types.ts';
import { ASSESSMENT_HEADING_RE, isTask } from './classify.ts';
import { findRoles, type Roles } from './roles.ts';

export interface TaskContext {
  text: string;
  docDate: YMD | null;
  /** The agency the meeting was held with; owner of tasks that name none. */
  counterpart: string | null;
  /** A task table exists: a sentence that only points at it is not a task itself. */
  hasTaskTable?: boolean;
  /** A party committee's notice (roles.ts, isPartyNotice): only party organs are its issuer. */
  partyIssuer?: boolean;
  /** Paragraphs the caller found to be no closing formula (CLOSING_RE), not to be tested again. */
  notClosing?: (p: Paragraph) => boolean;
}

/** Lines under an item that state its owner and deadline: "- Cơ quan chủ trì: Công an tỉnh." */
const ATTRIBUTE_RE =
  /^(?:(?:Cơ quan|Đơn vị)\s+)?(chủ trì|thực hiện|phối hợp|thời gian(?: hoàn thành| thực hiện)?|thời hạn(?: hoàn thành)?|tiến độ|sản phẩm|kinh phí|kết quả)(?:\s+thực hiện)?\s*:\s*/iu;
export const isAttributeLine = (text: string) => ATTRIBUTE_RE.test(text);

interface Inherited {
  lead: string[];
  support: string[];
  due: { due: string; dueText: string } | null;
  fromAncestor: boolean;
}

export function extractTasks(root: OutlineNode, ctx: TaskContext): Task[] {
  const walker = new TaskWalker(ctx);
  walker.visit(root);
  return walker.tasks;
}

/**
 * The walk over the outline, with what it remembers of each node (roles, deadline,
 * inheritance). A class, not closures: closures made on every call cost a name each at
 * run time under tsx (esbuild's keepNames).
 */
class TaskWalker {
  readonly tasks: Task[] = [];
  constructor(private readonly ctx: TaskContext) {}

  // A leaf is asked for its roles and inheritance once (by `consider`): it is no node's
  // ancestor. It is left out of the caches, which then hold only the nodes asked again.
  private readonly rolesCache = new Map<OutlineNode, Roles>();
  private rolesOf(n: OutlineNode): Roles {
    if (n.children.length === 0) return this.findRolesOf(n);
    let r = this.rolesCache.get(n);
    if (!r) {
      r = this.findRolesOf(n);
      this.rolesCache.set(n, r);
    }
    return r;
  }
  private findRolesOf(n: OutlineNode): Roles {
    return findRoles(n.para?.text ?? '', { partyIssuer: this.ctx.partyIssuer ?? false });
  }

  /**
   * A bare "Sở", "Công ty" is the body of that kind named above (the lead inherited) or
   * the one the meeting was held with. Unresolved, a bare one-word head ("Sở") says too
   * little and is dropped; "Công ty", "Ban Quản lý dự án" stay as written.
   */
  private resolveAnaphor(list: AgencyMatch[], inherited: string[]): string[] {
    const out: string[] = [];
    for (const a of list) {
      if (!a.anaphor) {
        out.push(a.name);
        continue;
      }
      const head = a.head ?? (a.name.split(' ')[0] as string);
      const ref =
        inherited.find((x) => x.startsWith(`${head} `)) ??
        (this.ctx.counterpart?.startsWith(`${head} `) ? this.ctx.counterpart : null);
      if (ref) out.push(ref);
      else if (head.includes(' ')) out.push(a.name);
    }
    return out;
  }

  /**
   * A lead-in gives its deadline to its items only when it states one plainly: not a weak
   * one, nor one in a remark between parentheses ("(vốn năm 2023 được giải ngân đến hết ngày
   * 31/01/2024)"), which explains the context.
   */
  private readonly plainDeadline = new Map<OutlineNode, Inherited['due']>();
  private deadlineOf(n: OutlineNode): Inherited['due'] {
    if (!this.plainDeadline.has(n)) {
      const text = n.para?.text ?? '';
      const d = chooseDeadline(
        findDeadlines(text, this.ctx.docDate).filter((x) => x.strength >= 2 && !inParentheses(text, x.start)),
      );
      this.plainDeadline.set(n, d ? { due: d.due, dueText: d.dueText } : null);
    }
    return this.plainDeadline.get(n) ?? null;
  }

  /** Agencies and deadline of the nearest heading or lead-in above `node` that names them. */
  private readonly inheritedCache = new Map<OutlineNode, Inherited>();
  private inheritedFor(node: OutlineNode): Inherited {
    const leaf = node.children.length === 0;
    const cached = leaf ? undefined : this.inheritedCache.get(node);
    if (cached) return cached;
    let due: Inherited['due'] = null;
    let result: Inherited | null = null;
    for (let n = node.parent; n?.para; n = n.parent) {
      due ??= this.deadlineOf(n);
      const r = this.rolesOf(n);
      if (r.lead.length) {
        const parentInh = this.inheritedFor(n);
        const lead = this.resolveAnaphor(r.lead, parentInh.lead);
        if (lead.length) {
          result = {
            lead,
            support: this.resolveAnaphor(r.support, lead),
            due: due ?? parentInh.due,
            fromAncestor: true,
          };
          break;
        }
      }
    }
    result ??= {
      lead: this.ctx.counterpart ? [this.ctx.counterpart] : [],
      support: [],
      due,
      fromAncestor: false,
    };
    if (!leaf) this.inheritedCache.set(node, result);
    return result;
  }

  /** Inside a section headed as an assessment ("Đánh giá chung") nothing is a task. */
  private readonly assessed = new Map<OutlineNode, boolean>();
  private inAssessment(node: OutlineNode): boolean {
    const parent = node.parent;
    if (!parent?.para) return false;
    let r = this.assessed.get(parent);
    if (r === undefined) {
      r =
        (parent.para.marker !== null && ASSESSMENT_HEADING_RE.test(parent.para.text)) ||
        this.inAssessment(parent);
      this.assessed.set(parent, r);
    }
    return r;
  }

  private consider(node: OutlineNode): void {
    const p = node.para;
    if (!p?.text) return;
    if (this.inAssessment(node) || isHeadingLine(p.text)) return;
    if (
      this.ctx.hasTaskTable &&
      /(?:tại|theo|trong)\s+(?:Phụ lục|phụ lục|Bảng|bảng|Danh mục|danh mục)/u.test(p.text)
    )
      return;
    const roles = this.rolesOf(node);
    const deadlines = findDeadlines(p.text, this.ctx.docDate);
    const d = chooseDeadline(deadlines);
    if (
      !isTask(p.text, p.marker !== null, {
        explicit: roles.explicit,
        hasDeadline: d !== null,
        clauseSubject: false,
        notClosing: this.ctx.notClosing?.(p),
      })
    )
      return;
    const inh = this.inheritedFor(node);
    const ownLead = this.resolveAnaphor(roles.lead, inh.lead);
    let lead: string[];
    let support: string[];
    if (ownLead.length) {
      lead = roles.implicitSubject && inh.fromAncestor ? [...inh.lead, ...ownLead] : ownLead;
      support = this.resolveAnaphor(roles.support, lead);
      if (support.length === 0 && roles.implicitSubject && inh.fromAncestor) support = inh.support;
    } else {
      lead = inh.lead;
      support = this.resolveAnaphor(roles.support, lead);
      if (support.length === 0) support = inh.support;
    }
    lead = unique(lead);
    support = support.length ? uniqueExcept(support, lead) : [];
    const rec = findRecurrence(p.text);
    // "trước ngày 15/6 và 15/12 hằng năm": a day that recurs is no single due date.
    const ownDue = d && !(rec && d.inferredYear) ? { due: d.due, dueText: d.dueText } : null;
    const due = ownDue ?? (rec ? null : inh.due);
    this.tasks.push({
      ref: node.ref,
      text: foldLines(this.ctx.text.slice(p.contentStart, p.end)),
      lead,
      support,
      due: due?.due ?? null,
      dueText: due?.dueText ?? null,
      recurrence: rec?.recurrence ?? null,
      span: { start: p.contentStart, end: p.end },
    });
  }

  /**
   * An item whose sub-lines are attributes is one task, owner and deadline taken from them:
   * "- Chủ trì: …", "- Thời gian: …", or a "Giao:" line with the agencies, or such attribute
   * lines, under it. A deadline no attribute gives is the item's own, else the inherited one.
   */
  private considerWithAttributes(node: OutlineNode): void {
    const p = node.para as Paragraph;
    const attrs = new Map<string, string>();
    let assigned: Roles | null = null;
    for (const c of node.children) {
      const text = c.para?.text ?? '';
      const named = assignedIn(text);
      if (named === null) addAttribute(attrs, text);
      // "Giao: Sở A chủ trì, phối hợp với Sở B." or "Giao:" over "- Chủ trì: …" lines.
      else if (!c.children.map((g) => addAttribute(attrs, g.para?.text ?? '')).includes(true))
        assigned = findRoles(named, { partyIssuer: this.ctx.partyIssuer ?? false });
    }
    const inh = this.inheritedFor(node);
    let lead = ownersIn(attrs.get('chủ') ?? attrs.get('thực'));
    let support = ownersIn(attrs.get('phối'));
    if (lead.length === 0 && assigned) {
      lead = this.resolveAnaphor(assigned.lead, inh.lead);
      if (support.length === 0) support = this.resolveAnaphor(assigned.support, lead);
    }
    const when = attrs.get('thời') ?? attrs.get('tiến');
    const d = chooseDeadline(findDeadlines(when ? `hoàn thành ${when}` : p.text, this.ctx.docDate));
    const rec = findRecurrence(when ?? '') ?? findRecurrence(p.text);
    const due = d ? { due: d.due, dueText: when ? squash(when) : d.dueText } : rec ? null : inh.due;
    this.tasks.push({
      ref: node.ref,
      text: foldLines(this.ctx.text.slice(p.contentStart, p.end)),
      lead: lead.length ? lead : inh.lead,
      support,
      due: due?.due ?? null,
      dueText: due?.dueText ?? null,
      recurrence: rec?.recurrence ?? null,
      span: { start: p.contentStart, end: p.end },
    });
  }

  visit(node: OutlineNode): void {
    for (const child of node.children) {
      const p = child.para;
      if (!p) continue;
      if (
        child.children.length > 0 &&
        child.children.some(
          (c) => isAttributeLine(c.para?.text ?? '') || assignedIn(c.para?.text ?? '') !== null,
        )
      ) {
        if (!this.inAssessment(child)) this.considerWithAttributes(child);
        continue;
      }
      if (child.children.length === 0) {
        this.consider(child);
        continue;
      }
      // An item with its own sentence and only paragraphs under it (no sub-items)
      // is a task itself too, unless it is a heading or a lead-in.
      const onlyParas = child.children.every((c) => c.para?.marker === null);
      if (onlyParas && !child.leadIn && p.marker && /[.!?]$/.test(p.text) && p.text.length >= 60)
        this.consider(child);
      this.visit(child);
    }
  }
}

/** Records an attribute line ("Chủ trì: …") under its first word; whether `text` is one. */
function addAttribute(attrs: Map<string, string>, text: string): boolean {
  const m = ATTRIBUTE_RE.exec(text);
  if (m) attrs.set((m[1] as string).toLowerCase().split(' ')[0] as string, text.slice(m[0].length));
  return m !== null;
}

/** Whether `i` lies inside a parenthesis of `text` (an opening one before it not yet closed). */
function inParentheses(text: string, i: number): boolean {
  const open = text.lastIndexOf('(', i);
  return open >= 0 && text.lastIndexOf(')', i) < open;
}

/** Names of one document compare by case and spacing only; its spelling is consistent. */
const nameKey = (s: string) => {
  const l = s.toLowerCase();
  return SPACE_TO_FOLD.test(l) ? l.replace(/\s+/g, ' ') : l;
};
const SPACE_TO_FOLD = /[^\S ]| {2}/;

/**
 * The names of `list` that are not in `except`, each once: `unique(list)` less those whose
 * key an exception has, in one pass (each name's key is computed once).
 */
function uniqueExcept(list: string[], except: string[]): string[] {
  const seen = new Set(except.map(nameKey));
  const out: string[] = [];
  for (const x of list) {
    const k = nameKey(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

function unique(list: string[]): string[] {
  if (list.length < 2) return list.slice();
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = nameKey(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
