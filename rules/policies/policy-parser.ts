/**
 * policy-parser — recovers the clause structure of a Chinese privacy-policy text.
 *
 * Two input styles are accepted and detected automatically:
 *
 * 1. **PDF-extracted plain text** (the default). Line breaks fall mid-sentence, blank lines
 *    appear inside paragraphs (page breaks), and bare URL lines (page footers, PDF link
 *    annotations such as `http://kwaixiaodian.com/`) are scattered through the text. Here a
 *    paragraph ends only where a line ends with sentence-final punctuation (。！？；) AND is
 *    followed by a blank line, or where a structural line (clause heading, list item, table of
 *    contents entry, short stand-alone heading) starts. Bare URL lines are dropped as noise.
 *
 * 2. **Markdown-ish text** written by people (detected by the presence of at least one
 *    `#`-heading). Blank lines separate paragraphs, `## 2.3 标题` headings and `- a. item`
 *    list lines are understood, and no line is ever dropped.
 *
 * In both styles a numbered line (`2.`, `2.3`, `2.3.4`, also without a space after the number,
 * e.g. `2.3在小店…`) is a clause heading only when its number is the next plausible number in
 * sequence (after 2.3.3: 2.3.3.1, 2.3.4, 2.4 or 3). A top-level number must be written `N.`
 * (or be a `#` heading), so a wrapped line starting `14周岁以下…` is never a clause. A run of
 * consecutive `1. …`, `2. …` lines that is repeated later (the table of contents) is kept in
 * the preamble as plain text.
 *
 * The parser is pure, deterministic and has no dependencies.
 */

/** One numbered clause (section or sub-clause) of the policy. */
export interface PolicyClause {
  /** Clause number without a trailing dot: "2", "2.3", "2.3.4". */
  number: string;
  /**
   * Heading text. For a heading line (`2.3.4 设置子账户`) the heading itself; for a clause whose
   * line is running text (`5.6 您的个人信息将……。`) the first sentence fragment up to the first
   * punctuation mark, at most 40 characters (that fragment also stays in `text`).
   */
  title: string;
  /** The clause's own body text (not its children's); paragraphs separated by "\n\n". */
  text: string;
  /** Lettered list items (a., b., …) belonging directly to this clause. */
  items: { label: string; text: string }[];
  /** Sub-clauses in document order. */
  children: PolicyClause[];
}

/** The whole parsed policy. */
export interface PolicyStructure {
  /** Document title, e.g. "快手小店商家隐私政策". */
  title: string;
  /** Everything between the title and section 1 (including the table of contents), as text. */
  preamble: string;
  /** Top-level sections in document order. */
  sections: PolicyClause[];
}

/** Maximum length (in characters) of a title derived from running text. */
const MAX_DERIVED_TITLE = 40;
/** A plain (non-`#`) numbered line longer than this is treated as running text, not a heading. */
const MAX_PLAIN_HEADING = 32;
/**
 * In PDF mode a numbered line is a heading only if its visual width is below this fraction of
 * the typical full line width (90th percentile of line widths): a line running to the right
 * margin (e.g. "5.5 我们只会在……期限内保留" → "您的个人信息，……") is wrapped running text.
 */
const HEADING_WIDTH_RATIO = 0.85;
/** A short unnumbered stand-alone line (e.g. "提示条款") is at most this long. */
const MAX_STANDALONE_HEADING = 15;

/** Punctuation that marks a line as a sentence rather than a heading. */
const SENTENCE_PUNCT = /[，。；：！？,;:!?]/;
/** Punctuation ending a derived title (first sentence fragment). */
const TITLE_STOP = /[，。；：！？、,;:!?（）()“”"【】《》]/;
/** Sentence-final punctuation, optionally followed by closing quotes/brackets. */
const SENTENCE_END = /[。！？；!?;][”’）)」』】]*$/;
/** A numbered line: number, optional trailing dot, rest. The number must not run into a digit. */
const NUMBERED_LINE = /^(\d{1,3}(?:\.\d{1,3})*)(\.?)(?![\d.])\s*(.*)$/;
/** A lettered list item: `a.`, `a．`, `a、`, `a)`, `（a）`, `(a)`. */
const ITEM_LINE = /^(?:([a-z])\s*[.．、)）]|[（(]([a-z])[)）])\s*(.*)$/;
/** A Markdown heading: level markers and content. */
const MD_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A Markdown bullet prefix. */
const MD_BULLET = /^[-*+]\s+/;

/**
 * Whether a raw line of PDF-extracted text is layout noise: a bare URL on a line of its own
 * (page footer such as `http://kwaixiaodian.com/`, or a PDF link annotation target), or a bare
 * page number (`- 3 -`, `第 3 页`). URLs inside running text are not affected.
 * Noise is dropped only in PDF (non-Markdown) mode.
 */
export function isNoiseLine(line: string): boolean {
  const t = line.trim();
  if (t === '') return false;
  return /^(?:https?:\/\/|www\.)\S+$/i.test(t) || /^-\s*\d+\s*-$/.test(t) || /^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$/.test(t);
}

/** A parsed numbered-line candidate. */
interface NumberedCandidate {
  parts: number[];
  /** Whether the number carries a trailing dot ("1.") */
  dotted: boolean;
  rest: string;
}

/** One content (non-blank, non-noise) line with its layout context. */
interface ContentLine {
  /** Trimmed text with Markdown heading/bullet markers removed. */
  text: string;
  /** At least one blank (or noise) line precedes it. */
  blankBefore: boolean;
  /** It was a Markdown `#` heading. */
  mdHeading: boolean;
  numbered: NumberedCandidate | null;
  item: { label: string; rest: string } | null;
}

/** A place that collects paragraphs: the preamble, a clause's own text, or a list item. */
interface Sink {
  paragraphs: string[][];
}

/** Internal clause under construction. */
interface DraftClause {
  parts: number[];
  /** Explicit heading title, or null when it must be derived from the text. */
  heading: string | null;
  body: Sink;
  items: { label: string; body: Sink }[];
  children: DraftClause[];
}

/** Splits a number string like "2.3.4" into [2, 3, 4]. */
function numberParts(n: string): number[] {
  return n.split('.').map((p) => Number(p));
}

/** Parses a line as a numbered-line candidate, or returns null. */
function parseNumbered(text: string): NumberedCandidate | null {
  const m = NUMBERED_LINE.exec(text);
  if (!m) return null;
  return { parts: numberParts(m[1]), dotted: m[2] === '.', rest: m[3].trim() };
}

/** Parses a line as a lettered list item, or returns null. */
function parseItem(text: string): { label: string; rest: string } | null {
  const m = ITEM_LINE.exec(text);
  if (!m) return null;
  return { label: (m[1] ?? m[2]) as string, rest: m[3].trim() };
}

/**
 * Whether `next` is a plausible clause number right after `prev`:
 * the first child (prev + ".1"), or the next sibling at any depth (2.3.3 → 2.3.4, 2.4, 3).
 * With no previous clause only "1" is plausible.
 */
export function isPlausibleNext(prev: number[] | null, next: number[]): boolean {
  if (next.some((n) => !Number.isInteger(n) || n < 0)) return false;
  if (prev === null) return next.length === 1 && next[0] === 1;
  const samePrefix = (len: number): boolean => {
    for (let i = 0; i < len; i++) if (prev[i] !== next[i]) return false;
    return true;
  };
  if (next.length === prev.length + 1) return samePrefix(prev.length) && next[next.length - 1] === 1;
  if (next.length <= prev.length) {
    const k = next.length - 1;
    return samePrefix(k) && next[k] === prev[k] + 1;
  }
  return false;
}

/** Whether the rest of a plain numbered line reads as a short heading rather than running text. */
function looksLikeHeading(rest: string): boolean {
  return rest.length > 0 && [...rest].length <= MAX_PLAIN_HEADING && !SENTENCE_PUNCT.test(rest);
}

/** Visual width of a line: CJK and full-width characters count 1, others 0.5. */
function visualWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.5;
  return w;
}

/**
 * Maximum visual width of a plain numbered heading line in PDF mode (see
 * {@link HEADING_WIDTH_RATIO}); Infinity when there are too few lines to estimate the width.
 */
function headingWidthLimit(lines: ContentLine[]): number {
  if (lines.length < 20) return Infinity;
  const widths = lines.map((l) => visualWidth(l.text)).sort((a, b) => a - b);
  const p90 = widths[Math.floor(0.9 * (widths.length - 1))];
  return HEADING_WIDTH_RATIO * p90;
}

/**
 * Derives a title from running text: the first sentence fragment (leading punctuation skipped)
 * up to the first punctuation mark, at most 40 characters.
 */
export function deriveTitle(text: string): string {
  const first = text.split('\n\n')[0] ?? '';
  const chars = [...first.trim()];
  let i = 0;
  while (i < chars.length && (TITLE_STOP.test(chars[i]) || /\s/.test(chars[i]))) i++;
  let out = '';
  let count = 0;
  for (; i < chars.length && count < MAX_DERIVED_TITLE; i++, count++) {
    if (TITLE_STOP.test(chars[i])) break;
    out += chars[i];
  }
  return out.trim();
}

/**
 * Joins two physical lines of one paragraph: with a single space when both sides are Latin
 * (an ASCII letter/digit/punctuation before, an ASCII letter/digit after), otherwise directly
 * (CJK text has no inter-word spaces).
 */
function joinLines(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  if (/[A-Za-z0-9,.;:!?)\]]$/.test(a) && /^[A-Za-z0-9([]/.test(b)) return `${a} ${b}`;
  return a + b;
}

/** Renders a sink's paragraphs: lines joined inside paragraphs, paragraphs separated by "\n\n". */
function renderSink(sink: Sink): string {
  return sink.paragraphs
    .map((lines) => lines.reduce((acc, l) => joinLines(acc, l), ''))
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Normalised form used to compare table-of-contents titles with real section titles. */
function normTitle(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Whether a content line is a candidate top-level section heading. */
function isTopLevelCandidate(line: ContentLine): boolean {
  const n = line.numbered;
  return n !== null && n.parts.length === 1 && (line.mdHeading || (n.dotted && n.rest !== ''));
}

/**
 * Finds the table-of-contents lines: a run of consecutive top-level candidates numbered
 * 1, 2, 3, … (only blank/noise lines between them) that is followed later by another
 * candidate numbered 1, either with the same title as the run's first entry or, for runs of
 * three or more entries, with any title. Returns the indexes of those lines.
 */
function findTocLines(lines: ContentLine[]): Set<number> {
  const toc = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (!isTopLevelCandidate(first) || first.numbered?.parts[0] !== 1) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && isTopLevelCandidate(lines[j]) && lines[j].numbered?.parts[0] === (lines[j - 1].numbered?.parts[0] ?? 0) + 1) {
      j++;
    }
    const runLength = j - i;
    if (runLength >= 2) {
      const firstTitle = normTitle(first.numbered?.rest ?? '');
      let laterOne = false;
      let laterSameTitle = false;
      for (let k = j; k < lines.length; k++) {
        const l = lines[k];
        if (isTopLevelCandidate(l) && l.numbered?.parts[0] === 1) {
          laterOne = true;
          if (normTitle(l.numbered.rest) === firstTitle) laterSameTitle = true;
        }
      }
      if (laterSameTitle || (laterOne && runLength >= 3)) {
        for (let k = i; k < j; k++) toc.add(k);
      }
    }
    i = j;
  }
  return toc;
}

/** Splits the input into content lines (dropping blank lines and, in PDF mode, noise). */
function toContentLines(text: string, markdown: boolean): ContentLine[] {
  const raw = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const out: ContentLine[] = [];
  let blank = false;
  for (const r of raw) {
    let t = r.trim();
    if (t === '' || (!markdown && isNoiseLine(t))) {
      blank = true;
      continue;
    }
    let mdHeading = false;
    if (markdown) {
      const h = MD_HEADING.exec(t);
      if (h) {
        mdHeading = true;
        t = h[2];
      } else {
        t = t.replace(MD_BULLET, '');
      }
    }
    out.push({
      text: t,
      blankBefore: blank,
      mdHeading,
      numbered: parseNumbered(t),
      item: parseItem(t),
    });
    blank = false;
  }
  return out;
}

/**
 * Parses a privacy-policy text (PDF-extracted or Markdown-ish) into its clause structure.
 * Deterministic; never drops body text other than PDF layout noise (see {@link isNoiseLine}).
 */
export function parsePolicy(text: string): PolicyStructure {
  const markdown = /^\s{0,3}#{1,6}\s/m.test(text);
  const lines = toContentLines(text, markdown);
  const toc = findTocLines(lines);
  const widthLimit = markdown ? Infinity : headingWidthLimit(lines);

  // Title: the first content line (a Markdown "# …" heading or the first plain line),
  // unless it is already structural.
  let start = 0;
  let title = '';
  if (lines.length > 0 && !toc.has(0)) {
    const l0 = lines[0];
    const numberedClause = l0.numbered !== null && isPlausibleNext(null, l0.numbered.parts) && (l0.numbered.dotted || l0.mdHeading);
    if (!numberedClause) {
      title = l0.text;
      start = 1;
    }
  }

  const preamble: Sink = { paragraphs: [] };
  const sections: DraftClause[] = [];
  let lastPath: number[] | null = null;
  let current: DraftClause | null = null;
  /** Clause stack indexed by depth-1, for attaching children. */
  const stack: DraftClause[] = [];
  /** Whether the previous content line forces a paragraph break after it. */
  let breakAfterPrev = true;
  /** Whether the previous content line ended a sentence. */
  let prevEndsSentence = true;

  /** The sink the next body line goes to: last item, clause text, or preamble. */
  const currentSink = (): Sink => {
    if (current === null) return preamble;
    const items = current.items;
    return items.length > 0 ? items[items.length - 1].body : current.body;
  };

  /** Adds a line to a sink, starting a new paragraph when `newPara` (or the sink is empty). */
  const addLine = (sink: Sink, line: string, newPara: boolean): void => {
    if (newPara || sink.paragraphs.length === 0) sink.paragraphs.push([line]);
    else sink.paragraphs[sink.paragraphs.length - 1].push(line);
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    const endsSentence = SENTENCE_END.test(line.text);

    // Table-of-contents entry: plain preamble paragraph of its own.
    if (toc.has(i)) {
      addLine(preamble, line.text, true);
      breakAfterPrev = true;
      prevEndsSentence = true;
      continue;
    }

    // Clause heading?
    const num = line.numbered;
    if (num !== null && (num.parts.length > 1 || num.dotted || line.mdHeading) && isPlausibleNext(lastPath, num.parts)) {
      // A `#` heading is always a heading. A plain numbered line is one when it reads like a
      // short heading: in PDF mode it must also stop well before the right margin, in Markdown
      // mode it must be a paragraph of its own (followed by a blank line).
      const isHeading = line.mdHeading ? num.rest !== '' : looksLikeHeading(num.rest) && visualWidth(line.text) <= widthLimit && (!markdown || next === undefined || next.blankBefore);
      const clause: DraftClause = {
        parts: num.parts,
        heading: isHeading ? num.rest : null,
        body: { paragraphs: [] },
        items: [],
        children: [],
      };
      if (!isHeading && num.rest !== '') clause.body.paragraphs.push([num.rest]);
      const depth = num.parts.length;
      if (depth === 1) sections.push(clause);
      else stack[depth - 2].children.push(clause);
      stack.length = depth - 1;
      stack.push(clause);
      current = clause;
      lastPath = num.parts;
      breakAfterPrev = isHeading;
      prevEndsSentence = isHeading || endsSentence;
      continue;
    }

    // Lettered list item? Must be the next expected letter of the current clause.
    const item = line.item;
    if (current !== null && item !== null) {
      const expected = String.fromCharCode('a'.charCodeAt(0) + current.items.length);
      if (item.label === expected) {
        const body: Sink = { paragraphs: [] };
        if (item.rest !== '') body.paragraphs.push([item.rest]);
        current.items.push({ label: item.label, body });
        breakAfterPrev = false;
        prevEndsSentence = endsSentence;
        continue;
      }
    }

    // Body line. Decide whether it starts a new paragraph.
    let standalone: boolean;
    if (markdown) {
      standalone = line.mdHeading;
    } else {
      // A short unpunctuated line after a sentence end, followed by a blank line: a heading
      // such as "提示条款".
      standalone =
        [...line.text].length <= MAX_STANDALONE_HEADING && !SENTENCE_PUNCT.test(line.text) && !/、/.test(line.text) && (prevEndsSentence || breakAfterPrev) && (next === undefined || next.blankBefore);
    }
    const newPara = breakAfterPrev || standalone || (markdown ? line.blankBefore : prevEndsSentence && line.blankBefore);
    addLine(currentSink(), line.text, newPara);
    breakAfterPrev = standalone;
    prevEndsSentence = endsSentence || standalone;
  }

  /** Converts a draft clause into the public shape. */
  const finish = (d: DraftClause): PolicyClause => {
    const text = renderSink(d.body);
    return {
      number: d.parts.join('.'),
      title: d.heading ?? deriveTitle(text),
      text,
      items: d.items.map((it) => ({ label: it.label, text: renderSink(it.body) })),
      children: d.children.map(finish),
    };
  };

  return { title, preamble: renderSink(preamble), sections: sections.map(finish) };
}

/** Renders a clause's items as "a. text" paragraphs. */
function renderItems(c: PolicyClause): string[] {
  return c.items.map((it) => `${it.label}. ${it.text}`);
}

/**
 * Flattens the structure to a list in document order (pre-order), each entry with its
 * number, title and full text (own text followed by its items as "a. …", joined by "\n\n").
 */
export function flattenClauses(s: PolicyStructure): { number: string; title: string; text: string }[] {
  const out: { number: string; title: string; text: string }[] = [];
  const walk = (c: PolicyClause): void => {
    const text = [c.text, ...renderItems(c)].filter((p) => p !== '').join('\n\n');
    out.push({ number: c.number, title: c.title, text });
    c.children.forEach(walk);
  };
  s.sections.forEach(walk);
  return out;
}

/**
 * Renders the structure as Markdown: "# title", the preamble paragraphs, sections as
 * "## 1. 适用范围", sub-clauses as "### 2.3.4 设置子账户", items as "- a. …".
 * A clause whose title was derived from its running text is written the way the source wrote
 * it, as a numbered paragraph ("5.6 您的个人信息……。"), so its text is not duplicated; when that
 * paragraph would itself look like a heading (or for a top-level section), a bare numbered
 * heading ("### 5.6") is used instead. `parsePolicy(toMarkdown(s))` yields the same numbers,
 * titles and items.
 */
export function toMarkdown(s: PolicyStructure): string {
  const blocks: string[] = [];
  if (s.title !== '') blocks.push(`# ${s.title}`);
  if (s.preamble !== '') blocks.push(...s.preamble.split('\n\n'));

  const walk = (c: PolicyClause, depth: number): void => {
    const hashes = depth === 1 ? '##' : '###';
    const num = depth === 1 ? `${c.number}.` : c.number;
    const paragraphs = c.text === '' ? [] : c.text.split('\n\n');
    const derived = c.title === deriveTitle(c.text) && paragraphs.length > 0;
    if (derived && depth > 1 && !looksLikeHeading(paragraphs[0])) {
      blocks.push(`${num} ${paragraphs[0]}`, ...paragraphs.slice(1));
    } else if (derived) {
      blocks.push(`${hashes} ${num}`, ...paragraphs);
    } else {
      blocks.push(`${hashes} ${num} ${c.title}`.trimEnd(), ...paragraphs);
    }
    for (const it of c.items) {
      const [first, ...more] = it.text.split('\n\n');
      blocks.push(`- ${it.label}. ${first}`, ...more.map((p) => `  ${p}`));
    }
    c.children.forEach((ch) => walk(ch, depth + 1));
  };
  s.sections.forEach((c) => walk(c, 1));
  return `${blocks.join('\n\n')}\n`;
}
