import { badInput } from '../../core/errors';
import { isCalendarDate } from '../../../rules/dates';
import { isId } from '../../core/ids';
import type { UploadedFile } from '../files/uploaded-file.entity';
import type { PenaltyFileView, SanctionTypeView } from './penalties.types';
import type { SanctionType } from './sanction-type.entity';

const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

/**
 * Checks a list filter (nested input objects are not validated by the argument validator).
 * @throws BAD_USER_INPUT naming `filter.<field>`.
 */
export function checkFilter(filter: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null) continue;
    const ok =
      k === 'issuedFrom' || k === 'issuedTo'
        ? typeof v === 'string' && isCalendarDate(v)
        : k === 'categoryCode' || k === 'sanctionCode'
          ? typeof v === 'string' && CODE.test(v)
          : k === 'storeId' || k === 'penaltyId'
            ? typeof v === 'string' && isId(v)
            : k === 'status'
              ? typeof v === 'string' && /^[a-z_]{1,16}$/.test(v)
              : true;
    if (!ok) throw badInput(k.startsWith('issued') ? 'must be a PRC calendar date YYYY-MM-DD' : 'invalid value', `filter.${k}`);
  }
}

/** An evidence file or appeal proof (an upload of the files module) as the API shows it; its id is the upload's key. */
export function fileView(f: UploadedFile): PenaltyFileView {
  return { id: f.key, purpose: f.purpose ?? '', fileName: f.fileName ?? '', contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256 ?? '', createdAt: f.createdAt };
}

export function sanctionView(s: SanctionType): SanctionTypeView {
  return { id: s.id, code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, effect: s.effect, active: s.active, version: s.rowVersion };
}
