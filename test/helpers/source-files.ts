import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root folder. */
export const ROOT = path.resolve(__dirname, '../..');

/** The files below `dir` (relative to the root, POSIX separators, sorted) that pass `test`: for tests that check the sources. */
export function sourceFiles(dir: string, test: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(rel, test));
    else if (test(rel)) out.push(rel);
  }
  return out.sort();
}

/** A file's text, by its path relative to the root. */
export const readSource = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
