import { target } from '../../core/abilities';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { MASKS } from '../../core/crypto/masking';
import { badInput, notFound } from '../../core/errors';
import { auditNow, transaction } from '../../core/transaction';
import { PersonalDataErrors } from './personal-data.errors';
import { revealableFor, revealableKeys } from './revealable';
import type { RevealedValue, RevealInput } from './personal-data.types';

/**
 * Showing a sensitive field unmasked (policy 2.2.1, 5.1.2): needs the `reveal` permission on that
 * field of that record and a stated purpose; every reveal, and every refused one, is audited.
 */
export class PersonalDataService {
  constructor(private readonly app: App) {}

  /** @throws BAD_USER_INPUT for an unknown subject/field; NOT_FOUND; FORBIDDEN `REVEAL_NOT_ALLOWED` (audited as denied). */
  async reveal(ctx: RequestContext, input: RevealInput): Promise<RevealedValue> {
    const r = revealableFor(input.subject, input.field);
    if (!r) throw badInput(`not a revealable field; one of ${revealableKeys().join(', ')}`, 'input.field');
    const rec = await r.load(this.app.dataSource.manager, input.id);
    if (!rec) throw notFound(input.subject);
    if (!ctx.ability.can('reveal', target(r.subject, rec.attributes), r.field)) {
      await auditNow(ctx, {
        action: 'personalData.reveal',
        outcome: 'denied',
        targetType: r.subject,
        targetId: input.id,
        storeId: rec.storeId,
        purpose: input.purpose,
        after: { field: r.field },
      });
      // Merchants must not learn whether another store's record exists.
      if (ctx.actor?.kind !== 'staff') throw notFound(input.subject);
      throw PersonalDataErrors.REVEAL_NOT_ALLOWED();
    }
    let value: string | undefined;
    if (rec.encrypted && r.kind === 'file') {
      const file = await this.app.storage.get(rec.encrypted);
      value = `data:${file.contentType};base64,${file.bytes.toString('base64')}`;
    } else if (rec.encrypted) value = this.app.cipher.decrypt(rec.encrypted);
    await transaction(ctx, async (tx) =>
      tx.audit({
        action: 'personalData.reveal',
        targetType: r.subject,
        targetId: input.id,
        storeId: rec.storeId,
        purpose: input.purpose,
        after: { field: r.field, masked: value && r.kind !== 'file' ? MASKS[r.mask](value) : null },
      }),
    );
    return { subject: r.subject, id: input.id, field: r.field, value };
  }
}
