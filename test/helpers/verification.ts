import { makeResidentId } from '../../rules/identity/resident-id';
import { prcDate } from '../../rules/dates';
import { DEMO_IMAGE_PNG } from '../../server/seed/demo-image';
import type { TestConsole } from './console';

/** Uploads bytes as the token's actor; returns the upload key (throws on refusal). */
export async function upload(c: TestConsole, token: string, bytes: Buffer = DEMO_IMAGE_PNG): Promise<string> {
  const res = await fetch(`${c.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
  const json = (await res.json()) as { key?: string };
  if (!json.key) throw new Error(`upload refused: ${JSON.stringify(json)}`);
  return json.key;
}

let ownerSequence = 0;

/** A new store owner with a store awaiting verification (like owner2), signed in; returns the token. */
export async function newStoreOwner(c: TestConsole, login: string): Promise<string> {
  const [acc] = await c.sql(`INSERT INTO account (kind, login_name, display_name, password_hash) SELECT 'merchant', $1, $1, password_hash FROM account WHERE login_name = 'owner2' RETURNING id`, [
    login,
  ]);
  const [m] = await c.sql(
    `INSERT INTO merchant (account_id, platform_account_id, account_name, nickname, mobile_enc, mobile_hash) SELECT $1, $2, $3, $3, mobile_enc, mobile_hash FROM merchant LIMIT 1 RETURNING id`,
    [acc.id, `KS${Date.now()}${process.pid}${ownerSequence++}`, `${login}的小店`],
  );
  await c.sql(`INSERT INTO store (merchant_id, name) VALUES ($1, $2)`, [m.id, `${login}的小店`]);
  return c.signIn(login);
}

/** The PRC date `years` years (and `days` days) before today. */
export function yearsAgo(years: number, days = 0): string {
  const [y, m, d] = prcDate().split('-').map(Number);
  const dt = new Date(Date.UTC(y - years, m - 1, d - days));
  return dt.toISOString().slice(0, 10);
}

/** Sequence digits of generated resident IDs: distinct within a test file (one database), so no accidental duplicate-ID flag. */
let idSequence = 0;

/** A complete, valid individual submission for a holder born on `birthDate`, with fresh uploads. */
export async function submissionInput(c: TestConsole, token: string, over: Record<string, unknown> = {}, birthDate = '1990-03-07') {
  const [idFrontKey, idBackKey, handheldKey] = [await upload(c, token), await upload(c, token), await upload(c, token)];
  return {
    subjectType: 'individual',
    realName: '张三明',
    idDocType: 'resident_id',
    idNumber: makeResidentId('110101', birthDate, idSequence++ % 1000),
    idFrontKey,
    idBackKey,
    handheldKey,
    contactName: '张三明',
    contactMobile: '13812345678',
    contactAddress: '浙江省杭州市西湖区文三路100号',
    csPhone: '0571-88886666',
    returnName: '李四',
    returnMobile: '+86 139 1234 5678',
    returnAddress: '浙江省杭州市余杭区仓前街道1号',
    thirdPartyConsent: true,
    ...over,
  };
}

export const CASE_FIELDS = `id status flags rowVersion storeId storeStatus canResubmit applicantComment
  reasons { code outcome } assignee { id displayName } firstApprover { id }
  submission { realName idNumber contactMobile contactAddress ageAtSubmission images }
  history { action fromStatus toStatus internalNote applicantComment actor { id } reasons { code } }`;

export const SUBMIT = `mutation($i: SubmitVerificationInput!) { submitVerification(input: $i) { ${CASE_FIELDS} } }`;
