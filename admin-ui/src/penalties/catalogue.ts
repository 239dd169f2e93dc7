import { useQuery } from '@tanstack/react-query';
import { penaltyApi, useLocalName, type ViolationCategory } from './api';

/** The violation catalogue and sanction types (staff), cached for the session. */
export function useCatalogue() {
  const categories = useQuery({
    queryKey: ['violationCategories'],
    queryFn: penaltyApi.categories,
  });
  const sanctions = useQuery({
    queryKey: ['sanctionTypes'],
    queryFn: penaltyApi.sanctions,
  });
  return { categories: categories.data ?? [], sanctions: sanctions.data ?? [], isPending: categories.isPending || sanctions.isPending };
}

/** Tree order: each group followed by its children (depth-first, by sortOrder). */
export function treeOrder<T extends { code: string; parentCode?: string | null; sortOrder?: number }>(all: T[]): { node: T; depth: number }[] {
  const out: { node: T; depth: number }[] = [];
  const byParent = (p: string | null) => all.filter((c) => (c.parentCode ?? null) === p).sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
  const walk = (p: string | null, depth: number) => {
    for (const c of byParent(p)) {
      out.push({ node: c, depth });
      walk(c.code, depth + 1);
    }
  };
  walk(null, 0);
  // Orphans (parent inactive or missing) at the end.
  for (const c of all) if (!out.some((o) => o.node === c)) out.push({ node: c, depth: 0 });
  return out;
}

/** Choices for a category select: groups shown but disabled unless `groupsSelectable` (filters), leaves indented. */
export function useCategoryChoices(
  categories: (ViolationCategory | { code: string; parentCode?: string | null; nameZh: string; nameEn: string; leaf?: boolean; active?: boolean })[],
  groupsSelectable = false,
) {
  const name = useLocalName();
  const hasChildren = (code: string) => categories.some((c) => c.parentCode === code);
  return treeOrder(categories.filter((c) => c.active !== false)).map(({ node, depth }) => ({
    id: node.code,
    name: `${'\u3000'.repeat(depth)}${name(node)}`,
    disabled: !groupsSelectable && hasChildren(node.code),
  }));
}
