/**
 * Turns mammoth's HTML into the plain text the extractor reads:
 * paragraphs and headings → one block each, blocks separated by a blank line;
 * `<br>` → a newline inside the block; list items keep a numbering text ("1.", "a)", "-");
 * tables → one line per row, `| cell | cell |`, the lines of a cell joined by `<br>` — the
 * markdown-table form the extractor reads (packages/core text/clean.ts rewriteTables: a task
 * table keeps its rows, a layout table — issuer beside the national motto, recipients beside
 * the signature — is flattened cell by cell).
 * mammoth's output is a small, well-formed subset of HTML, so a tag tokenizer suffices.
 */

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'div']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    return ENTITIES[name] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    return fallback;
  return String.fromCodePoint(code);
}

interface ListState {
  ordered: boolean;
  counter: number;
}

interface TableState {
  rows: string[];
  row: string[] | null;
  cell: string[] | null;
}

/** A list label by nesting depth, as Vietnamese administrative documents number them (1. → a) → -). */
function listLabel(list: ListState, depth: number): string {
  if (!list.ordered) return depth === 0 ? '-' : '+';
  if (depth === 1) return `${alphabetic(list.counter)})`;
  return `${list.counter}.`;
}

function alphabetic(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let out = '';
  let value = n;
  while (value > 0) {
    value -= 1;
    out = letters[value % 26] + out;
    value = Math.floor(value / 26);
  }
  return out;
}

export function htmlToText(html: string): string {
  const blocks: string[] = [];
  const lists: ListState[] = [];
  const tables: TableState[] = [];
  let buffer = '';
  let prefix = '';
  let skipDepth = 0; // inside a footnote back-link ("↑")

  const sink = (text: string): void => {
    const table = tables.at(-1);
    if (table?.cell) {
      // A literal '|' would split the cell; line breaks inside a cell become <br>.
      table.cell.push(text.replace(/\|/g, '/').replace(/[ \t]*\n[ \t]*/g, '<br>'));
    } else if (table) {
      // Text directly in <table>/<tr> (not valid mammoth output); keep it as a row.
      table.rows.push(text);
    } else {
      blocks.push(text);
    }
  };

  const flush = (): void => {
    const lines = buffer
      .split('\n')
      .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    buffer = '';
    if (lines.trim() === '') {
      return;
    }
    const text = prefix ? `${prefix} ${lines.replace(/^[ \t]+/, '')}` : lines;
    prefix = '';
    sink(text);
  };

  const tokens = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)|(<)/g;
  for (let match = tokens.exec(html); match !== null; match = tokens.exec(html)) {
    const [, closing, rawName, attrs, text, stray] = match;
    if (text !== undefined || stray !== undefined) {
      if (skipDepth === 0) buffer += decodeEntities(text ?? '<');
      continue;
    }
    const name = (rawName ?? '').toLowerCase();
    const isClosing = closing === '/';
    if (name === 'a') {
      if (!isClosing && /href="#(footnote|endnote|comment)-ref-/.test(attrs ?? '')) skipDepth += 1;
      else if (isClosing && skipDepth > 0) skipDepth -= 1;
      continue;
    }
    if (name === 'br') {
      buffer += '\n';
      continue;
    }
    if (BLOCK_TAGS.has(name)) {
      flush();
      continue;
    }
    switch (name) {
      case 'ul':
      case 'ol':
        flush();
        if (isClosing) lists.pop();
        else lists.push({ ordered: name === 'ol', counter: 0 });
        break;
      case 'li': {
        flush();
        prefix = '';
        if (!isClosing) {
          const list = lists.at(-1);
          if (list) {
            list.counter += 1;
            prefix = listLabel(list, lists.length - 1);
          }
        }
        break;
      }
      case 'table':
        flush();
        if (!isClosing) {
          tables.push({ rows: [], row: null, cell: null });
        } else {
          const table = tables.pop();
          if (table) {
            const rows = table.rows.filter((row) => row.replace(/[\s|]/g, '') !== '');
            // A table nested in a cell stays inside that cell: its rows become lines of the cell.
            if (rows.length > 0) sink(rows.join('\n'));
          }
        }
        break;
      case 'tr': {
        flush();
        const table = tables.at(-1);
        if (!table) break;
        if (!isClosing) {
          table.row = [];
        } else if (table.row) {
          table.rows.push(tables.length > 1 ? table.row.join(' ; ') : `| ${table.row.join(' | ')} |`);
          table.row = null;
        }
        break;
      }
      case 'td':
      case 'th': {
        flush();
        const table = tables.at(-1);
        if (!table) break;
        if (!isClosing) {
          table.cell = [];
        } else if (table.cell) {
          const cellText = table.cell
            .join('<br>')
            .replace(/[ \t]+/g, ' ')
            .trim();
          table.cell = null;
          if (table.row === null) table.row = [];
          table.row.push(cellText);
        }
        break;
      }
      default:
        // Inline formatting (strong, em, u, s, sup, sub, span, img ...) carries no text of its own.
        break;
    }
  }
  flush();
  return blocks.join('\n\n').normalize('NFC');
}
