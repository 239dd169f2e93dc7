import type { MaskKind } from '../../core/crypto/masking';
import type { Revealable } from '../personal-data/revealable';
import { isId } from '../../core/ids';
import { VerificationRepository } from './verification.repository';

/** Revealable fields of the current submission of a verification case: field -> column, mask, kind. */
const FIELDS: [string, string, MaskKind, 'text' | 'file'][] = [
  ['realName', 'real_name_enc', 'name', 'text'],
  ['idNumber', 'id_number_enc', 'idNumber', 'text'],
  ['legalRepName', 'legal_rep_name_enc', 'name', 'text'],
  ['contactName', 'contact_name_enc', 'name', 'text'],
  ['contactMobile', 'contact_mobile_enc', 'mobile', 'text'],
  ['contactAddress', 'contact_address_enc', 'address', 'text'],
  ['csPhone', 'cs_phone_enc', 'mobile', 'text'],
  ['returnName', 'return_name_enc', 'name', 'text'],
  ['returnMobile', 'return_mobile_enc', 'mobile', 'text'],
  ['returnAddress', 'return_address_enc', 'address', 'text'],
  ['trademarkName', 'trademark_name_enc', 'name', 'text'],
  ['trademarkIdNumber', 'trademark_id_enc', 'idNumber', 'text'],
  ['guardianName', 'guardian_name_enc', 'name', 'text'],
  ['guardianIdNumber', 'guardian_id_enc', 'idNumber', 'text'],
  ['idFront', 'id_front_key', 'account', 'file'],
  ['idBack', 'id_back_key', 'account', 'file'],
  ['handheld', 'handheld_key', 'account', 'file'],
  ['licence', 'licence_key', 'account', 'file'],
  ['guardianConsent', 'guardian_consent_key', 'account', 'file'],
];

export const verificationRevealable: Revealable[] = FIELDS.map(([field, column, mask, kind]) => ({
  subject: 'Verification',
  field,
  mask,
  kind,
  async load(em, id) {
    if (!isId(id)) return null;
    const row = await new VerificationRepository(em).submissionColumn(id, column);
    return row ? { encrypted: row.value, attributes: { storeId: String(row.store_id) }, storeId: String(row.store_id) } : null;
  },
}));
