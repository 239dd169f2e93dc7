import type { EntityManager } from 'typeorm';
import type { MaskKind } from '../../core/crypto/masking';

/**
 * A sensitive field that `revealPersonalData` can show unmasked. Modules list theirs in their manifest (`revealable`).
 * `load` returns the encrypted value (or, for files, the storage key) plus the attributes the ability's conditions look at
 * (e.g. `{ id, storeId }`), or null when the record does not exist.
 */
export interface Revealable {
  subject: string;
  field: string;
  mask: MaskKind;
  /** `text`: an encrypted string; `file`: a FileStorage key, revealed as a data URL. */
  kind?: 'text' | 'file';
  load(em: EntityManager, id: string): Promise<{ encrypted: string | null; attributes: Record<string, unknown>; storeId?: string | null } | null>;
}

const registry = new Map<string, Revealable>();

/** @internal the composition root installs each module's revealable fields once (modules/module.ts). */
export function addRevealable(list: readonly Revealable[]): void {
  for (const r of list) registry.set(`${r.subject}.${r.field}`, r);
}

export function revealableFor(subject: string, field: string): Revealable | undefined {
  return registry.get(`${subject}.${field}`);
}

export function revealableKeys(): string[] {
  return [...registry.keys()].sort();
}
