/**
 * policy-diff — what changed between two versions of a policy, clause by clause (policy 8.1:
 * users read the changes instead of the whole policy again).
 *
 * Clauses are matched by number (`flattenClauses`); only added, removed and changed clauses are
 * listed. A changed clause carries a character-level diff of its text (Myers' O(ND) algorithm,
 * characters being the right unit for Chinese, which has no spaces between words), as inline
 * segments (equal / delete / insert in reading order). A side-by-side view is the same segments
 * split by side: the old column shows `equal` + `delete`, the new column `equal` + `insert`.
 * Pure and dependency-free.
 */
import { flattenClauses, type PolicyStructure } from './policy-parser';

export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** Above this many edit steps the diff gives up on precision and reports a whole replacement. */
const MAX_EDIT_DISTANCE = 4000;

/**
 * Character-level diff of `a` → `b` (Myers 1986, greedy forward search with the trace kept for
 * the back-track). Segments alternate op kinds; within one change, deletions come before
 * insertions. Code points, not UTF-16 units, are the characters (so no surrogate is split).
 */
export function diffChars(a: string, b: string): DiffSegment[] {
  if (a === b) return a === '' ? [] : [{ op: 'equal', text: a }];
  const x = [...a];
  const y = [...b];
  // Common prefix and suffix are trimmed first: policy edits are local.
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const xs = x.slice(pre, x.length - suf);
  const ys = y.slice(pre, y.length - suf);
  const middle = myers(xs, ys);
  const out: DiffSegment[] = [];
  const push = (op: DiffOp, text: string) => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  push('equal', x.slice(0, pre).join(''));
  for (const s of middle) push(s.op, s.text);
  push('equal', x.slice(x.length - suf).join(''));
  return reorder(out);
}

/** Myers' shortest edit script between two character arrays, as merged segments. */
function myers(x: string[], y: string[]): DiffSegment[] {
  const n = x.length;
  const m = y.length;
  if (n === 0) return m ? [{ op: 'insert', text: y.join('') }] : [];
  if (m === 0) return [{ op: 'delete', text: x.join('') }];
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [{ op: 'delete', text: x.join('') }, { op: 'insert', text: y.join('') }];
  // Back-track from (n, m) through the saved V arrays.
  const steps: { op: DiffOp; ch: string }[] = [];
  let i = n;
  let j = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const k = i - j;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevI = vd[offset + prevK];
    const prevJ = prevI - prevK;
    while (i > prevI && j > prevJ) steps.push({ op: 'equal', ch: x[--i] }), j--;
    if (prevK === k + 1) steps.push({ op: 'insert', ch: y[--j] });
    else steps.push({ op: 'delete', ch: x[--i] });
  }
  while (i > 0 && j > 0) steps.push({ op: 'equal', ch: x[--i] }), j--;
  steps.reverse();
  const out: DiffSegment[] = [];
  for (const s of steps) {
    const last = out[out.length - 1];
    if (last && last.op === s.op) last.text += s.ch;
    else out.push({ op: s.op, text: s.ch });
  }
  return out;
}

/** Within each run of changes between two equal segments: one delete, then one insert. */
function reorder(segs: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (const s of segs) {
    if (s.op === 'equal') {
      flush();
      out.push(s);
    } else if (s.op === 'delete') del += s.text;
    else ins += s.text;
  }
  flush();
  return out;
}

/** The text of `a` or `b` rebuilt from segments (old = equal + delete, new = equal + insert). */
export function sideOf(segs: DiffSegment[], side: 'old' | 'new'): DiffSegment[] {
  return segs.filter((s) => s.op === 'equal' || s.op === (side === 'old' ? 'delete' : 'insert'));
}

export type ClauseChange = 'added' | 'removed' | 'changed';

export interface ClauseDiff {
  number: string;
  change: ClauseChange;
  oldTitle?: string;
  newTitle?: string;
  oldText?: string;
  newText?: string;
  /** Inline character diff of title + text (for `changed`; one insert or delete otherwise). */
  segments: DiffSegment[];
}

export interface StructureDiff {
  titleChanged: boolean;
  /** Diff of the text before section 1, when it changed. */
  preamble?: DiffSegment[];
  clauses: ClauseDiff[];
}

/**
 * Clause-level diff of two parsed versions. Clauses are matched by number; a clause is `changed`
 * when its title or its text (own text plus lettered items) differs. Order: the new version's
 * document order, each removed clause placed after the clause that preceded it in the old one.
 */
export function diffStructures(a: PolicyStructure, b: PolicyStructure): StructureDiff {
  const oldC = flattenClauses(a);
  const newC = flattenClauses(b);
  const oldBy = new Map(oldC.map((c) => [c.number, c]));
  const newBy = new Map(newC.map((c) => [c.number, c]));
  const full = (c: { title: string; text: string }) => (c.title && !c.text.startsWith(c.title) ? `${c.title}\n\n${c.text}` : c.text);
  const out: ClauseDiff[] = [];
  const removedAfter = new Map<string, ClauseDiff[]>();
  let prevOld = '';
  for (const c of oldC) {
    if (!newBy.has(c.number)) {
      const d: ClauseDiff = { number: c.number, change: 'removed', oldTitle: c.title, oldText: c.text, segments: [{ op: 'delete', text: full(c) }] };
      const list = removedAfter.get(prevOld) ?? [];
      list.push(d);
      removedAfter.set(prevOld, list);
    } else prevOld = c.number;
  }
  out.push(...(removedAfter.get('') ?? []));
  for (const c of newC) {
    const o = oldBy.get(c.number);
    if (!o) out.push({ number: c.number, change: 'added', newTitle: c.title, newText: c.text, segments: [{ op: 'insert', text: full(c) }] });
    else if (o.title !== c.title || o.text !== c.text) {
      out.push({ number: c.number, change: 'changed', oldTitle: o.title, newTitle: c.title, oldText: o.text, newText: c.text, segments: diffChars(full(o), full(c)) });
    }
    out.push(...(removedAfter.get(c.number) ?? []));
  }
  return {
    titleChanged: a.title !== b.title,
    preamble: a.preamble !== b.preamble ? diffChars(a.preamble, b.preamble) : undefined,
    clauses: out,
  };
}
