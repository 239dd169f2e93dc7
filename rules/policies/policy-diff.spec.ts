import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffChars, diffStructures, sideOf, type DiffSegment } from './policy-diff';
import { parsePolicy, toMarkdown } from './policy-parser';

const rebuild = (segs: DiffSegment[], side: 'old' | 'new') =>
  sideOf(segs, side)
    .map((s) => s.text)
    .join('');

describe('diffChars (jsdiff, Myers)', () => {
  it('returns one equal segment for equal texts and nothing for two empty ones', () => {
    expect(diffChars('相同', '相同')).toEqual([{ op: 'equal', text: '相同' }]);
    expect(diffChars('', '')).toEqual([]);
  });

  it('finds a minimal character edit inside Chinese text', () => {
    const segs = diffChars('我们会与支付机构共享信息', '我们会与保险公司共享信息');
    expect(segs).toEqual([
      { op: 'equal', text: '我们会与' },
      { op: 'delete', text: '支付机构' },
      { op: 'insert', text: '保险公司' },
      { op: 'equal', text: '共享信息' },
    ]);
  });

  it('handles pure insertions, deletions and disjoint texts', () => {
    expect(diffChars('', 'abc')).toEqual([{ op: 'insert', text: 'abc' }]);
    expect(diffChars('abc', '')).toEqual([{ op: 'delete', text: 'abc' }]);
    expect(diffChars('abc', 'xyz')).toEqual([
      { op: 'delete', text: 'abc' },
      { op: 'insert', text: 'xyz' },
    ]);
    expect(diffChars('abcd', 'abxcd')).toEqual([
      { op: 'equal', text: 'ab' },
      { op: 'insert', text: 'x' },
      { op: 'equal', text: 'cd' },
    ]);
  });

  it('always rebuilds both sides exactly, and is minimal on random edits', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = '政策变更信息共享ab';
    for (let t = 0; t < 300; t++) {
      const a = Array.from({ length: Math.floor(rnd() * 30) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const b = Array.from({ length: Math.floor(rnd() * 30) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const segs = diffChars(a, b);
      expect(rebuild(segs, 'old')).toBe(a);
      expect(rebuild(segs, 'new')).toBe(b);
      // minimal: edits = |a| + |b| - 2·LCS
      const lcs = lcsLength([...a], [...b]);
      const edits = segs.filter((s) => s.op !== 'equal').reduce((n, s) => n + [...s.text].length, 0);
      expect(edits).toBe(a.length + b.length - 2 * lcs);
    }
  });

  it('does not split surrogate pairs', () => {
    const segs = diffChars('a😀b', 'a😁b');
    expect(segs).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'delete', text: '😀' },
      { op: 'insert', text: '😁' },
      { op: 'equal', text: 'b' },
    ]);
  });

  it('reports the middle as replaced when it is further apart than the edit limit, keeping the common ends', () => {
    // 10,000 edit steps > MAX_EDIT_DISTANCE (4,000): the library gives up, the diff stays bounded.
    const oldMiddle = '甲'.repeat(5000);
    const newMiddle = '乙'.repeat(5000);
    expect(diffChars(`头${oldMiddle}尾`, `头${newMiddle}尾`)).toEqual([
      { op: 'equal', text: '头' },
      { op: 'delete', text: oldMiddle },
      { op: 'insert', text: newMiddle },
      { op: 'equal', text: '尾' },
    ]);
  });
});

function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length];
}

describe('diffStructures', () => {
  const v1 = parsePolicy(readFileSync(join(__dirname, '../../data/merchant-privacy-policy.zh-CN.txt'), 'utf8'));
  const md = toMarkdown(v1);

  it('finds no change between the imported policy and its Markdown rendering', () => {
    const d = diffStructures(v1, parsePolicy(md));
    expect(d.clauses).toEqual([]);
  });

  it('lists exactly the changed, added and removed clauses', () => {
    const v2md = md
      .replace('c. 个人信息共享、转让或公开披露的主要对象发生变化；', 'c. 个人信息共享、转让或公开披露的主要对象（包括保险公司）发生变化；')
      .replace('9.2 我们将真诚地处理您的投诉及建议，一般情况下，我们将在十五个工作日', '9.2 我们将真诚地处理您的投诉及建议，一般情况下，我们将在十个工作日')
      .replace(/\n\n9\.2 .*$/s, (m) => `${m}\n9.3 新增条款：我们将每年公布投诉处理情况。\n`);
    const v2 = parsePolicy(v2md);
    const d = diffStructures(v1, v2);
    expect(d.clauses.map((c) => [c.number, c.change])).toEqual([
      ['8.2', 'changed'],
      ['9.2', 'changed'],
      ['9.3', 'added'],
    ]);
    const c82 = d.clauses[0];
    expect(c82.segments.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '（包括保险公司）' }]);
    const removed = diffStructures(v2, v1);
    expect(removed.clauses.map((c) => [c.number, c.change])).toEqual([
      ['8.2', 'changed'],
      ['9.2', 'changed'],
      ['9.3', 'removed'],
    ]);
  });
});
