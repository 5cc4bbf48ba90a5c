// The repository's scorer for notice@1 records: a port of ../shared/eval/score.mjs
// (the external contract, see shared/eval/CONTRACT.md) as a library, so that
// `npm run eval` scores in-process and several sets can be scored together.
// Keep the rules identical to score.mjs; packages/cli/test/eval.test.ts checks that
// both print the same reports.
import fs from 'node:fs';
import path from 'node:path';

// ---- text folding -------------------------------------------------------
const TONES = { '\u0300': 2, '\u0301': 1, '\u0309': 3, '\u0303': 4, '\u0323': 5 };

/** NFC, lower case, tone placement made one (hoà = hòa), whitespace folded. */
export function fold(s) {
  if (s == null) return '';
  return String(s)
    .normalize('NFD')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      let tone = 0;
      const base = [...w]
        .filter((c) => {
          if (c in TONES) {
            tone = TONES[c];
            return false;
          }
          return true;
        })
        .join('');
      return base.normalize('NFC') + (tone ? `#${tone}` : '');
    })
    .join(' ');
}

const ABBR = [
  [/\bubnd\b/g, 'ủy ban nhân dân'],
  [/\bhđnd\b/g, 'hội đồng nhân dân'],
  [/\btt\s*(&|và|-)\s*tt\b|\btttt\b/g, 'thông tin và truyền thông'],
  [/\bkh\s*(&|và)\s*đt\b|\bkhđt\b/g, 'kế hoạch và đầu tư'],
  [/\bpt\s*(-|&|và)\s*th\b/g, 'phát thanh - truyền hình'],
  [/\bvp\b/g, 'văn phòng'],
];

function expand(s) {
  let t = String(s ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  for (const [re, rep] of ABBR) t = t.replace(re, rep);
  return t;
}

export const agencyKey = (s) =>
  fold(expand(s))
    .replace(/[.,;:()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Folded, one name contains the other (CONTRACT.md, "Agencies"). */
export function agencyMatch(a, b) {
  const x = agencyKey(a);
  const y = agencyKey(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

const tokens = (s) =>
  fold(s)
    .replace(/[*_`"“”'’()[\]{}.,;:!?/\\-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Dice coefficient over folded word multisets. */
export function dice(a, b) {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length || !tb.length) return 0;
  const count = new Map();
  for (const t of ta) count.set(t, (count.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const n = count.get(t) ?? 0;
    if (n > 0) {
      common++;
      count.set(t, n - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

// ---- matching -----------------------------------------------------------
/** Greedy one-to-one matching by descending similarity above a threshold. */
function match(gold, pred, sim, threshold) {
  const pairs = [];
  gold.forEach((g, i) => {
    pred.forEach((p, j) => {
      const s = sim(g, p);
      if (s >= threshold) pairs.push([s, i, j]);
    });
  });
  // Array.prototype.sort is stable, so ties keep gold-then-prediction order as in score.mjs.
  pairs.sort((a, b) => b[0] - a[0]);
  const gi = new Map();
  const pj = new Set();
  for (const [, i, j] of pairs) {
    if (gi.has(i) || pj.has(j)) continue;
    gi.set(i, j);
    pj.add(j);
  }
  return gi;
}

const asList = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.trim()) : []);

function sameAgencies(g, p) {
  const G = asList(g);
  const P = asList(p);
  return G.every((a) => P.some((b) => agencyMatch(a, b))) && P.every((b) => G.some((a) => agencyMatch(a, b)));
}

function setCounts(g, p, eq) {
  const G = asList(g);
  const P = asList(p);
  const m = match(G, P, (a, b) => (eq(a, b) ? 1 : 0), 1);
  return { tp: m.size, fp: P.length - m.size, fn: G.length - m.size };
}

// ---- document fields ----------------------------------------------------
const get = (o, p) => p.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
const normStr = (s) => (s == null || s === '' ? null : fold(String(s)).replace(/\s*([/.:-])\s*/g, '$1'));

export const FIELDS = {
  number: (g, p) => normStr(g) === normStr(p),
  notation: (g, p) => normStr(g) === normStr(p),
  docType: (g, p) => normStr(g) === normStr(p),
  place: (g, p) => normStr(g) === normStr(p),
  date: (g, p) => (g ?? null) === (p ?? null),
  subject: (g, p) => (g == null ? p == null : dice(g, p ?? '') >= 0.9),
  'meeting.date': (g, p) => (g ?? null) === (p ?? null),
  'meeting.presider.name': (g, p) => normStr(g) === normStr(p),
  'signer.name': (g, p) => normStr(g) === normStr(p),
  'signer.authority': (g, p) => normStr(g) === normStr(p),
  'signer.title': (g, p) => normStr(g) === normStr(p),
  'received.number': (g, p) => normStr(g) === normStr(p),
  'received.date': (g, p) => (g ?? null) === (p ?? null),
};

// ---- scoring ------------------------------------------------------------
/**
 * Scores documents. `docs` is a list of `{ file, gold, pred }` where `pred` may be
 * anything (a missing or malformed prediction scores as an empty one).
 * Returns `{ docs, totals }` shaped exactly like score.mjs's `--json` report.
 */
export function scoreDocs(docs) {
  const report = { docs: [], totals: {} };
  const T = {
    tp: 0,
    fp: 0,
    fn: 0,
    matched: 0,
    leadOk: 0,
    dueOk: 0,
    sup: { tp: 0, fp: 0, fn: 0 },
    rec: { tp: 0, fp: 0, fn: 0 },
  };
  const fieldOk = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, 0]));
  for (const { file, gold, pred: rawPred } of docs) {
    const pred = rawPred !== null && typeof rawPred === 'object' ? rawPred : {};
    const gt = gold.tasks ?? [];
    const pt = Array.isArray(pred.tasks) ? pred.tasks.filter((t) => t && typeof t.text === 'string') : [];
    const m = match(gt, pt, (g, p) => dice(g.text, p.text), 0.7);
    const d = { file, tp: 0, fp: 0, fn: 0, misses: [], extras: [], wrongLead: [], wrongDue: [], fields: {} };
    const matchedPred = new Set(m.values());
    gt.forEach((g, i) => {
      if (!m.has(i)) {
        if (!g.optional) {
          d.fn++;
          d.misses.push(g.text.slice(0, 80));
        }
        return;
      }
      if (g.optional) return;
      const p = pt[m.get(i)];
      d.tp++;
      T.matched++;
      if (sameAgencies(g.lead, p.lead)) T.leadOk++;
      else d.wrongLead.push({ task: g.text.slice(0, 60), gold: g.lead, pred: p.lead });
      const dueOk = (g.due ?? null) === (p.due ?? null) || (g.dueAmbiguous && (p.due ?? null) === null);
      if (dueOk) T.dueOk++;
      else d.wrongDue.push({ task: g.text.slice(0, 60), gold: g.due, pred: p.due ?? null });
      const s = setCounts(g.support, p.support, agencyMatch);
      T.sup.tp += s.tp;
      T.sup.fp += s.fp;
      T.sup.fn += s.fn;
    });
    pt.forEach((p, j) => {
      if (!matchedPred.has(j)) {
        d.fp++;
        d.extras.push(p.text.slice(0, 80));
      }
    });
    T.tp += d.tp;
    T.fp += d.fp;
    T.fn += d.fn;
    for (const [k, eq] of Object.entries(FIELDS)) {
      const ok = eq(get(gold, k), get(pred, k));
      d.fields[k] = ok ? 'ok' : { gold: get(gold, k) ?? null, pred: get(pred, k) ?? null };
      if (ok) fieldOk[k]++;
    }
    const r = setCounts(gold.recipients, pred.recipients, (a, b) => dice(a, b) >= 0.8);
    T.rec.tp += r.tp;
    T.rec.fp += r.fp;
    T.rec.fn += r.fn;
    report.docs.push(d);
  }
  const f1 = ({ tp, fp, fn }) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  const n = docs.length;
  const fieldAcc = Object.fromEntries(Object.entries(fieldOk).map(([k, v]) => [k, n ? v / n : 0]));
  const fieldsMean = Object.values(fieldAcc).reduce((a, b) => a + b, 0) / Object.keys(fieldAcc).length;
  report.totals = {
    documents: n,
    tasks: {
      tp: T.tp,
      fp: T.fp,
      fn: T.fn,
      precision: T.tp / Math.max(1, T.tp + T.fp),
      recall: T.tp / Math.max(1, T.tp + T.fn),
      f1: f1(T),
    },
    leadAccuracy: T.matched ? T.leadOk / T.matched : 0,
    dueAccuracy: T.matched ? T.dueOk / T.matched : 0,
    supportF1: f1(T.sup),
    recipientsF1: f1(T.rec),
    fields: fieldAcc,
    fieldsMean,
  };
  return report;
}

const r2 = (x) => x.toFixed(3);

/** The one-line summary, character for character as score.mjs prints it. */
export function formatSummary(report) {
  const t = report.totals;
  return `docs ${t.documents} · tasks P ${r2(t.tasks.precision)} R ${r2(t.tasks.recall)} F1 ${r2(t.tasks.f1)} · lead ${r2(t.leadAccuracy)} · due ${r2(t.dueAccuracy)} · support F1 ${r2(t.supportF1)} · recipients F1 ${r2(t.recipientsF1)} · fields ${r2(t.fieldsMean)}`;
}

/** The lines score.mjs prints before the summary with `--verbose`. */
export function formatVerbose(report) {
  const out = [];
  for (const d of report.docs) {
    out.push(`\n== ${d.file}: tasks tp ${d.tp} fp ${d.fp} fn ${d.fn}`);
    for (const s of d.misses) out.push(`  missed: ${s}`);
    for (const s of d.extras) out.push(`  extra:  ${s}`);
    for (const w of d.wrongLead)
      out.push(`  lead:   ${w.task} | gold ${JSON.stringify(w.gold)} pred ${JSON.stringify(w.pred)}`);
    for (const w of d.wrongDue) out.push(`  due:    ${w.task} | gold ${w.gold} pred ${w.pred}`);
    for (const [k, v] of Object.entries(d.fields))
      if (v !== 'ok') out.push(`  field ${k}: gold ${JSON.stringify(v.gold)} pred ${JSON.stringify(v.pred)}`);
  }
  out.push(
    `\nfield accuracy: ${Object.entries(report.totals.fields)
      .map(([k, v]) => `${k} ${r2(v)}`)
      .join(', ')}`,
  );
  return out;
}

/** Reads a prediction file as score.mjs does: missing or unparsable → `{}`. */
export function readPrediction(file) {
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** Gold file names (`NAME.json`) of a folder, sorted as score.mjs sorts them. */
export function goldFiles(goldDir) {
  return fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Scores a folder of predictions against a folder of gold files, like score.mjs. */
export function scoreDirs(goldDir, predDir) {
  return scoreDocs(
    goldFiles(goldDir).map((f) => ({
      file: f,
      gold: JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')),
      pred: readPrediction(path.join(predDir, f)),
    })),
  );
}
