import { checkIdDocument, checkUscc, normaliseMobile, normalisePhone, type IdDocType } from '../../../rules/identity/documents';
import { parseResidentId } from '../../../rules/identity/resident-id';

/**
 * Client-side checks of the verification form: the server's own rules (rules/identity), giving
 * early, translated messages; the server stays the judge. Each returns a translation key.
 */

/** Translation key of the problem with an ID number of this document type, if any. */
export function idNumberProblem(docType: string | undefined, raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const type = (docType || 'resident_id') as IdDocType;
  const r = checkIdDocument(type, raw);
  if (r.ok) return undefined;
  return type === 'resident_id' ? `mc.verification.validation.resident_id_${r.reason}` : 'mc.verification.validation.doc_number_format';
}

/** GB 32100 unified social credit code. */
export function usccProblem(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const r = checkUscc(raw);
  return r.ok ? undefined : `mc.verification.validation.uscc_${r.reason}`;
}

export const isMobile = (raw: string) => normaliseMobile(raw) !== null;

/** Mobile, landline with area code, or a 400/800 number. */
export const isServicePhone = (raw: string) => normalisePhone(raw) !== null;

/** The holder's birth date: from a valid resident ID, else the entered one. */
export function holderBirthDate(values: { idDocType?: string; idNumber?: string; birthDate?: string }): string | undefined {
  if ((values.idDocType ?? 'resident_id') === 'resident_id') {
    const r = values.idNumber ? parseResidentId(values.idNumber) : undefined;
    return r?.ok ? r.birthDate : undefined;
  }
  return values.birthDate || undefined;
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
