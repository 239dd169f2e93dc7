import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy, flattenClauses, toMarkdown, isNoiseLine, isPlausibleNext, type PolicyClause, type PolicyStructure } from './policy-parser';

const INPUT = readFileSync(join(__dirname, '../../data/merchant-privacy-policy.zh-CN.txt'), 'utf8');
const parsed = parsePolicy(INPUT);
const flat = flattenClauses(parsed);

/** All clauses in document order (pre-order). */
function allClauses(s: PolicyStructure): PolicyClause[] {
  const out: PolicyClause[] = [];
  const walk = (c: PolicyClause): void => {
    out.push(c);
    c.children.forEach(walk);
  };
  s.sections.forEach(walk);
  return out;
}

/** Finds a clause by number or fails the test. */
function clause(num: string): PolicyClause {
  const c = allClauses(parsed).find((x) => x.number === num);
  if (!c) throw new Error(`clause ${num} not found`);
  return c;
}

/** Every text field of the structure (preamble, clause texts, item texts). */
function allTexts(s: PolicyStructure): string[] {
  return [s.preamble, ...allClauses(s).flatMap((c) => [c.title, c.text, ...c.items.map((i) => i.text)])];
}

const CJK = '[\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef“”‘’]';

describe('parsePolicy on the 快手小店商家隐私政策 PDF text', () => {
  it('finds the title', () => {
    expect(parsed.title).toBe('快手小店商家隐私政策');
  });

  it('finds exactly the 9 real sections with the right titles', () => {
    expect(parsed.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', '适用范围'],
      ['2', '我们如何收集、使用您的个人信息'],
      ['3', '我们如何使用 Cookie和同类技术'],
      ['4', '我们如何共享、转让、公开披露您的信息'],
      ['5', '我们如何保护和保存您的信息'],
      ['6', '管理、查阅、复制、更正或删除您的信息'],
      ['7', '未成年人信息的保护'],
      ['8', '本隐私政策如何更新'],
      ['9', '投诉及建议'],
    ]);
    // Section 1 is the real one (with body text), not the table-of-contents entry.
    expect(clause('1').text).toMatch(/^本政策适用于快手小店运营者/);
  });

  it('keeps the table of contents in the preamble as plain text', () => {
    expect(parsed.preamble).toMatch(/^提示条款\n\n我们（成都快购科技有限公司）/);
    expect(parsed.preamble).toContain('本隐私政策将帮助您了解以下内容：\n\n1. 适用范围\n\n2. ');
    expect(parsed.preamble.endsWith('9. 投诉及建议')).toBe(true);
  });

  it('finds 72 clauses in total, numbered in a consistent sequence', () => {
    expect(flat).toHaveLength(72);
    expect(flat.map((c) => c.number).slice(0, 8)).toEqual(['1', '2', '2.1', '2.2', '2.2.1', '2.2.2', '2.3', '2.3.1']);
    let prev: number[] | null = null;
    for (const c of flat) {
      const parts = c.number.split('.').map(Number);
      expect(isPlausibleNext(prev, parts), c.number).toBe(true);
      prev = parts;
    }
    for (const c of flat) expect([...c.title].length, c.number).toBeLessThanOrEqual(40);
  });

  it('has 2.3.4 设置子账户 about 子账户', () => {
    const c = clause('2.3.4');
    expect(c.title).toBe('设置子账户');
    expect(c.text).toContain('子账户');
    expect(c.text).not.toContain('设置子账户\n');
  });

  it('handles headings written without a space after the number', () => {
    expect(clause('2.3').title).toBe('在小店平台经营店铺商品');
    expect(clause('2.3').children.map((c) => c.number)).toEqual(['2.3.1', '2.3.2', '2.3.3', '2.3.4', '2.3.5', '2.3.6', '2.3.7']);
    expect(clause('2.4.1').title).toBe('您知悉并同意');
    expect(clause('2.4.1').text).toMatch(/^您知悉并同意，对于您在使用/);
    expect(clause('2.7.1').title).toBe('蓝牙');
    expect(clause('4.4').title).toBe('共享、转让、公开披露个人信息时事先征得授权同意的例外');
  });

  it('treats full-width numbered lines as running text, not headings', () => {
    // "5.5 我们只会在……期限内保留" is wrapped mid-sentence at the right margin.
    expect(clause('5.5').text).toMatch(/^我们只会在达成本政策所述目的所需的期限内或法律要求的期限内保留您的个人信息，/);
    expect(clause('6.2.2').text).toBe('您可以通过删除相关个人信息的方式撤回您此前就特定个人信息而对我们做出的同意授权。');
  });

  it('finds clause 4.2 (indented in the source) with its own items', () => {
    const c = clause('4.2');
    expect(c.title).toBe('转让');
    expect(c.text).toBe('我们不会将您的个人信息转让给任何公司、组织和个人，但以下情况除外：');
    expect(c.items.map((i) => i.label)).toEqual(['a', 'b', 'c']);
    expect(clause('4').children.map((x) => x.number)).toEqual(['4.1', '4.2', '4.3', '4.4']);
  });

  it('gives clause 4.1 its 11 lettered items a–k in order', () => {
    const c = clause('4.1');
    expect(c.items.map((i) => i.label)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);
    expect(c.items[0].text).toBe('事先获得您明确的同意或授权；');
    expect(c.items[7].text).toMatch(/^与授权合作伙伴共享：/); // written "h. 与…" with a space
    expect(c.items[10].text).toMatch(/请与第三方联系。$/);
    expect(c.text).toMatch(/我们会要求其严格保护您的个人信息安全：$/);
  });

  it('gives clause 8.2 its 6 items a–f', () => {
    const c = clause('8.2');
    expect(c.items.map((i) => i.label)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(c.items[5].text).toBe('个人信息安全影响评估报告表明存在高风险时。');
  });

  it('drops footer / link-annotation URL lines but keeps URLs inside sentences', () => {
    for (const t of allTexts(parsed)) {
      expect(t).not.toContain('kwaixiaodian.com/');
      expect(t).not.toContain('etoote.com');
      expect(t).not.toContain('http');
    }
    expect(parsed.preamble).toContain('快手小店网站（kwaixiaodian.com）的运营者');
    // The link-annotation line "http://kuaishou.com" sat mid-sentence; the sentence is rejoined.
    expect(clause('6.3.1').text).toContain('发送邮件至support@kuaishou.com或拨打客服联系电话 4001015454向我们提出注销快手小店商家版的服务');
    const noise = INPUT.split('\n')
      .filter(isNoiseLine)
      .map((l) => l.trim());
    expect(noise).toEqual([
      'http://kwaixiaodian.com/',
      'https://ppg.m.etoote.com/doodle/RzcViQES.html?hyId=jimu_RzcViQES',
      'https://ppg.m.etoote.com/doodle/RzcViQES.html?hyId=jimu_RzcViQES',
      'http://kuaishou.com',
      'http://kuaishou.com',
    ]);
  });

  it('leaves no line break inside a paragraph', () => {
    const betweenCjk = new RegExp(`${CJK}\\n${CJK}`);
    for (const t of allTexts(parsed)) {
      for (const para of t.split('\n\n')) expect(para).not.toContain('\n');
      expect(t.replace(/\n\n/g, '¶')).not.toMatch(betweenCjk);
      expect(t).not.toMatch(/\n{3,}/);
    }
  });

  it('keeps paragraph breaks where the source has them', () => {
    expect(clause('2.2.1').text.split('\n\n')).toHaveLength(2);
    expect(clause('2.3.5').text.split('\n\n')).toHaveLength(2);
    expect(clause('2.7.2').text.split('\n\n')).toHaveLength(3);
  });

  it('keeps the "14周岁以下" line inside section 7 (it is not a clause)', () => {
    expect(clause('7').text).toContain('若您是14周岁以下的未成年人，在使用我们的产品/服务前');
    expect(clause('7').children).toEqual([]);
    expect(flat.some((c) => c.number === '14')).toBe(false);
  });

  it('preserves every non-noise, non-whitespace character of the input, in order', () => {
    const input = INPUT.split('\n')
      .filter((l) => !isNoiseLine(l))
      .join('')
      .replace(/\s+/g, '');
    // Structure fields in document order; a "." after each number stands for "1." style numbers.
    const output = [parsed.title, parsed.preamble, ...flat.map((c) => `${c.number}.${c.title}${c.text}`)].join('').replace(/\s+/g, '');
    let j = 0;
    for (let i = 0; i < input.length; i++) {
      while (j < output.length && output[j] !== input[i]) j++;
      if (j >= output.length) {
        throw new Error(`input character ${i} lost near: ${input.slice(Math.max(0, i - 20), i + 20)}`);
      }
      j++;
    }
    // Exact check: the Markdown rendering minus its markup is the input minus noise and whitespace.
    const fromMarkdown = toMarkdown(parsed)
      .split('\n')
      .map((l) => l.replace(/^#{1,6}\s+/, '').replace(/^-\s+/, ''))
      .join('')
      .replace(/\s+/g, '');
    expect(fromMarkdown).toBe(input);
  });

  it('is deterministic', () => {
    expect(parsePolicy(INPUT)).toEqual(parsed);
  });

  it('flattens with items appended to the clause text', () => {
    const f = flat.find((c) => c.number === '8.2');
    expect(f?.text).toMatch(/^本隐私政策中指的重大变更包括但不限于：\n\na\. 我们的服务模式发生重大变化。/);
    expect(f?.text).toContain('\n\nf. 个人信息安全影响评估报告表明存在高风险时。');
  });
});

describe('toMarkdown', () => {
  const md = toMarkdown(parsed);

  it('renders headings and items', () => {
    expect(md.startsWith('# 快手小店商家隐私政策\n')).toBe(true);
    expect(md).toContain('\n## 1. 适用范围\n');
    expect(md).toContain('\n### 2.3.4 设置子账户\n');
    expect(md).toContain('\n- a. 事先获得您明确的同意或授权；\n');
    expect(md).toContain('\n5.6 您的个人信息将全部被存储于中华人民共和国境内。\n');
  });

  it('round-trips: parsePolicy(toMarkdown(s)) gives the same numbers, titles and items', () => {
    const again = parsePolicy(md);
    const shape = (s: PolicyStructure) => allClauses(s).map((c) => ({ number: c.number, title: c.title, items: c.items }));
    expect(shape(again)).toEqual(shape(parsed));
    // In fact the whole structure survives.
    expect(again).toEqual(parsed);
    expect(toMarkdown(again)).toBe(md);
  });
});

describe('Markdown-ish input written by hand', () => {
  const handWritten = [
    '# 示例隐私政策',
    '',
    '本政策说明以下内容：',
    '',
    '1. 适用范围',
    '2. 信息收集',
    '',
    '## 1. 适用范围',
    '',
    '本政策适用于示例服务。',
    '',
    '## 2. 信息收集',
    '',
    '## 2.1 注册账号',
    '',
    '我们收集以下信息：',
    '',
    '- a. 手机号；',
    '- b. 昵称。',
    '',
    '2.2 若您是',
    '14周岁以下的未成年人，请勿使用。',
    '',
    '### 2.2.1 设置子账户',
    '',
    '子账户需要员工手机号。',
  ].join('\n');
  const s = parsePolicy(handWritten);

  it('accepts # headings, - a. items, and still rejects out-of-sequence numbers', () => {
    expect(s.title).toBe('示例隐私政策');
    expect(s.preamble).toBe('本政策说明以下内容：\n\n1. 适用范围\n\n2. 信息收集');
    expect(allClauses(s).map((c) => [c.number, c.title])).toEqual([
      ['1', '适用范围'],
      ['2', '信息收集'],
      ['2.1', '注册账号'],
      ['2.2', '若您是14周岁以下的未成年人'], // derived from the joined sentence
      ['2.2.1', '设置子账户'],
    ]);
    const c21 = s.sections[1].children[0];
    expect(c21.text).toBe('我们收集以下信息：');
    expect(c21.items).toEqual([
      { label: 'a', text: '手机号；' },
      { label: 'b', text: '昵称。' },
    ]);
    // In Markdown mode lines of one paragraph are joined; "14周岁" is not a clause.
    expect(s.sections[1].children[1].text).toBe('若您是14周岁以下的未成年人，请勿使用。');
    expect(parsePolicy(toMarkdown(s))).toEqual(s);
  });
});

describe('isPlausibleNext', () => {
  it('accepts first child and next siblings at any depth only', () => {
    expect(isPlausibleNext(null, [1])).toBe(true);
    expect(isPlausibleNext(null, [2])).toBe(false);
    expect(isPlausibleNext([2, 3, 3], [2, 3, 4])).toBe(true);
    expect(isPlausibleNext([2, 3, 3], [2, 4])).toBe(true);
    expect(isPlausibleNext([2, 3, 3], [3])).toBe(true);
    expect(isPlausibleNext([2, 3, 3], [2, 3, 3, 1])).toBe(true);
    expect(isPlausibleNext([2, 3, 3], [2, 3, 5])).toBe(false);
    expect(isPlausibleNext([7], [14])).toBe(false);
    expect(isPlausibleNext([9], [1])).toBe(false);
  });
});
