/**
 * policy-diff — what changed between two versions of a policy, clause by clause (policy 8.1:
 * users read the changes instead of the whole policy again).
 *
 * Clauses are matched by number (`flattenClauses`); only added, removed and changed clauses are
 * listed. A changed clause carries a character-level diff of its text (the `diff` package's
 * Myers O(ND); characters being the right unit for Chinese, which has no spaces between words),
 * as inline segments (equal / delete / insert in reading order). A side-by-side view is the same
 * segments split by side: the old column shows `equal` + `delete`, the new column `equal` +
 * `insert`. Pure.
 */
import { diffChars as jsDiffChars } from 'diff';
import { flattenClauses, type PolicyStructure } from './policy-parser';

export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** Above this many edit steps the diff gives up on precision and reports a whole replacement. */
const MAX_EDIT_DISTANCE = 4000;

/**
 * Character-level diff of `a` → `b`, by the maintained `diff` package (jsdiff's Myers O(ND)
 * `diffChars`; issue 11 item 9 replaced our own implementation). Characters are code points
 * (jsdiff tokenises with `Array.from`), so no surrogate is split. Segments alternate op kinds;
 * within one change, deletions come before insertions. Beyond `MAX_EDIT_DISTANCE` edit steps
 * jsdiff gives up (`undefined`) and the changed middle (between the common ends) reads as replaced.
 */
export function diffChars(a: string, b: string): DiffSegment[] {
  const x = [...a];
  const y = [...b];
  // Common prefix and suffix are set aside first (policy edits are local), so the edit limit
  // applies to the changed middle only.
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const oldMiddle = x.slice(pre, x.length - suf).join('');
  const newMiddle = y.slice(pre, y.length - suf).join('');
  const changes = jsDiffChars(oldMiddle, newMiddle, { maxEditLength: MAX_EDIT_DISTANCE });
  const middle: DiffSegment[] = changes
    ? changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }))
    : [
        { op: 'delete', text: oldMiddle },
        { op: 'insert', text: newMiddle },
      ];
  const segments: DiffSegment[] = [{ op: 'equal', text: x.slice(0, pre).join('') }, ...middle, { op: 'equal', text: x.slice(x.length - suf).join('') }];
  return reorder(segments.filter((s) => s.text !== ''));
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
