import type { Client } from 'pg';
import type { FieldCipher } from '../server/core/crypto/field-cipher';
import { makeUscc } from '../rules/identity/documents';
import { makePerson, rng } from '../server/seed/people';
import { elapsedMs } from './stats';

/**
 * Share of each identity-verification case status (cumulative thresholds over a uniform draw).
 * The store status follows from it: an approved case opens the store (then some are suspended or
 * closed later), a rejected one closes it, every other keeps it pending_verification.
 */
export const CASE_STATUS_MIX: [status: string, share: number][] = [
  ['submitted', 0.2],
  ['in_review', 0.1],
  ['pending_second_approval', 0.03],
  ['approved', 0.6],
  ['resubmission_requested', 0.05],
  ['rejected', 0.02],
];
/** Store status of an approved case. */
const APPROVED_STORE_MIX: [status: string, share: number][] = [
  ['open', 0.85],
  ['suspended', 0.1],
  ['closed', 0.05],
];
/** Share of enterprise (vs individual) subjects. */
const ENTERPRISE_SHARE = 0.15;
/** Merchants per INSERT statement: about 4 MB of parameters. */
const BATCH = 10_000;
/** Penalties (and notices) per INSERT statement (computed in SQL, no parameters per row). */
const PENALTY_BATCH = 100_000;
/** created_at spreads over the 3 years before generation, oldest first (id order = age order). */
const SPAN_SECONDS = 3 * 365 * 24 * 3600;
/** Verification submissions spread over the 90 days before generation. */
const SUBMIT_SPAN_SECONDS = 90 * 24 * 3600;
/** Penalties spread over the 2 years before generation, oldest first. */
const PENALTY_SPAN_SECONDS = 2 * 365 * 24 * 3600;
/** Seed of the generator: the same N gives the same people, nicknames and statuses. */
const SEED = 20_261_201;
/** Disputes (with their messages) per INSERT statement, computed in SQL (no parameters per row). */
const DISPUTE_BATCH = 100_000;
/** Disputes spread over the 2 years before generation, oldest first (id order = age order). */
const DISPUTE_SPAN_SECONDS = 2 * 365 * 24 * 3600;
/**
 * Distinct buyers, made by makePerson and encrypted once in Node (name, mobile, address: three
 * FieldCipher ciphertexts each); every dispute reuses one buyer's ciphertexts, which decrypt as any
 * other. Encrypting 3,000,000 values one by one would take minutes for no difference to the list.
 */
const BUYER_POOL = 2_000;

/** Where the generation time went. */
export interface GenerationTimings {
  /** Wall time of the whole generation (rows, indexes, staff seed, VACUUM ANALYZE), ms. */
  totalMs: number;
  /** Node time making people, encrypting their personal fields (FieldCipher) and blind indexes, ms. */
  prepareMs: number;
  /** Wall time waiting on the merchant/store/verification INSERT statements, ms (overlaps `prepareMs` of the next batch). */
  insertWaitMs: number;
  /** Penalties, notices and their history (pure SQL), ms. */
  penaltiesMs?: number;
  /** Disputes and their messages (pure SQL over a pool of encrypted buyers), ms. */
  disputesMs?: number;
  /** Rebuilding the dropped secondary indexes and foreign keys, ms. */
  indexMs?: number;
  /** VACUUM ANALYZE of the database at the end, ms (see vacuumAnalyze). */
  analyzeMs?: number;
}

/** Staff account ids the generated cases and penalties refer to (seeded by seedDemo first). */
export interface StaffIds {
  reviewer: string;
  lead: string;
  /** `support` (opens and works the generated disputes). */
  support: string;
}

interface Batch {
  firstId: number;
  nicknames: string[];
  mobileEnc: string[];
  mobileHash: string[];
  storeStatus: string[];
  caseStatus: string[];
  subjectType: string[];
  flags: string[];
  submitOffset: number[];
  realNameEnc: string[];
  idNumberEnc: string[];
  idNumberHash: string[];
  birthDate: string[];
  idValidUntil: string[];
  addressEnc: string[];
  uscc: (string | null)[];
}

function draw(mix: [string, number][], u: number): string {
  let acc = 0;
  for (const [status, share] of mix) {
    acc += share;
    if (u < acc) return status;
  }
  return mix[mix.length - 1][0];
}

/** Flags of one case: about 10% flagged; a pending second approval always carries one (maker-checker). */
function flagsOf(u: number, caseStatus: string, enterprise: boolean): string[] {
  const f: string[] = [];
  if (u < 0.03) f.push('duplicate_id');
  else if (u < 0.05) f.push('id_expired');
  else if (u < 0.06) f.push('minor_under_18');
  else if (u < 0.1 && enterprise) f.push('name_mismatch');
  if (!f.length && caseStatus === 'pending_second_approval') f.push('duplicate_id');
  return f;
}

/**
 * Makes merchants `firstId`..`firstId+count-1` in Node: people from server/seed/people.ts (names,
 * valid resident IDs, mobiles, addresses), personal fields encrypted with the app's FieldCipher as
 * the verification service stores them (real name, ID number, address, mobile) plus the keyed
 * hashes (mobile, ID number). A ciphertext is reused where the service would store the same value
 * twice (contact/return name = real name, contact/return/customer-service mobile = the merchant's
 * mobile, return address = contact address): each still decrypts to its field's value.
 */
function prepareBatch(next: () => number, cipher: FieldCipher, firstId: number, count: number): Batch {
  const b: Batch = {
    firstId,
    nicknames: [],
    mobileEnc: [],
    mobileHash: [],
    storeStatus: [],
    caseStatus: [],
    subjectType: [],
    flags: [],
    submitOffset: [],
    realNameEnc: [],
    idNumberEnc: [],
    idNumberHash: [],
    birthDate: [],
    idValidUntil: [],
    addressEnc: [],
    uscc: [],
  };
  let previousId = '';
  for (let k = 0; k < count; k++) {
    const i = firstId + k;
    const p = makePerson(next, i);
    const caseStatus = draw(CASE_STATUS_MIX, next());
    const storeStatus = caseStatus === 'approved' ? draw(APPROVED_STORE_MIX, next()) : caseStatus === 'rejected' ? 'closed' : 'pending_verification';
    const enterprise = next() < ENTERPRISE_SHARE;
    const flags = flagsOf(next(), caseStatus, enterprise);
    // A duplicate ID really is another store's: the previous merchant's number (same keyed hash).
    const idNumber = flags.includes('duplicate_id') && previousId ? previousId : p.residentId;
    previousId = p.residentId;
    const expired = flags.includes('id_expired');
    b.nicknames.push(p.shopName);
    b.mobileEnc.push(cipher.encrypt(p.mobile));
    b.mobileHash.push(cipher.blindIndex('mobile', p.mobile));
    b.storeStatus.push(storeStatus);
    b.caseStatus.push(caseStatus);
    b.subjectType.push(enterprise ? 'enterprise' : 'individual');
    b.flags.push(`{${flags.join(',')}}`);
    b.submitOffset.push(Math.floor(next() * SUBMIT_SPAN_SECONDS));
    b.realNameEnc.push(cipher.encrypt(p.realName));
    b.idNumberEnc.push(cipher.encrypt(idNumber));
    b.idNumberHash.push(cipher.blindIndex('id_number', idNumber));
    b.birthDate.push(p.birthDate);
    b.idValidUntil.push(`${expired ? 2023 + Math.floor(next() * 2) : 2028 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`);
    b.addressEnc.push(cipher.encrypt(p.address));
    b.uscc.push(enterprise ? makeUscc(`91${p.residentId.slice(0, 6)}MA${String(i % 10_000_000).padStart(7, '0')}`) : null);
  }
  return b;
}

/**
 * One statement per batch, set-based: unnest() of the Node-made columns, ids given explicitly
 * (id i: account i -> merchant i -> store i -> verification case i -> submission i), everything
 * else computed in SQL. Accounts get password hash '!' (no password sign-in). Each case gets the
 * transitions of its path (submit, claim, decision) as history.
 */
const INSERT_BATCH = `
WITH src AS (
  SELECT $5::bigint + o - 1 AS i, nick, menc, mhash, st, cst, subj, flags::text[] AS flags, birth::date AS birth, valid::date AS valid,
         rn, idn, idh, addr, uscc,
         $6::timestamptz - make_interval(secs => ($7::bigint - ($5::bigint + o - 1)) * $8::float8) AS ts,
         $6::timestamptz - make_interval(secs => soff) AS sub_at
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::int[])
         WITH ORDINALITY AS t(nick, menc, mhash, st, cst, subj, flags, birth, valid, rn, idn, idh, addr, uscc, soff, o)
), acc AS (
  INSERT INTO account (id, kind, login_name, display_name, password_hash, created_at, updated_at) OVERRIDING SYSTEM VALUE
  SELECT i, 'merchant', 'bench' || lpad(i::text, 8, '0'), nick, '!', ts, ts FROM src
), mer AS (
  INSERT INTO merchant (id, account_id, platform_account_id, account_name, nickname, mobile_enc, mobile_hash, created_at) OVERRIDING SYSTEM VALUE
  SELECT i, i, 'KS' || lpad((4000000000 + i)::text, 12, '0'), nick, nick, menc, mhash, ts FROM src
), sto AS (
  INSERT INTO store (id, merchant_id, name, status, opened_at, created_at) OVERRIDING SYSTEM VALUE
  SELECT i, i, nick, st, CASE WHEN st <> 'pending_verification' THEN ts + interval '1 day' END, ts FROM src
), cas AS (
  INSERT INTO verification_case (id, store_id, status, subject_type, flags, submission_id, submission_count, submitted_at, assignee_id, assigned_at,
                                 first_approver_id, decided_at, reason_codes, applicant_comment, created_at, updated_at, row_version) OVERRIDING SYSTEM VALUE
  SELECT i, i, cst, subj, flags, i, CASE WHEN i % 10 = 0 THEN 2 ELSE 1 END, sub_at,
         CASE WHEN cst IN ('in_review', 'pending_second_approval') THEN CASE WHEN i % 4 = 0 THEN $21::bigint ELSE $20::bigint END END,
         CASE WHEN cst IN ('in_review', 'pending_second_approval') THEN sub_at + interval '1 hour' END,
         CASE WHEN cst = 'pending_second_approval' THEN $20::bigint END,
         CASE WHEN cst IN ('approved', 'rejected', 'resubmission_requested', 'pending_second_approval') THEN sub_at + interval '5 hours' END,
         CASE cst WHEN 'rejected' THEN '{ID_FORGED}'::text[] WHEN 'resubmission_requested' THEN '{ID_PHOTO_UNCLEAR}'::text[] ELSE '{}'::text[] END,
         CASE cst WHEN 'rejected' THEN '证件疑似经过编辑' WHEN 'resubmission_requested' THEN '请重新拍摄清晰的证件照片' END,
         sub_at, sub_at, CASE WHEN cst = 'submitted' THEN 1 ELSE 3 END
    FROM src
), sub AS (
  INSERT INTO verification_submission (id, case_id, store_id, submitted_by, submitted_at, subject_type, real_name_enc, id_doc_type, id_number_enc, id_number_hash,
                                       birth_date, id_valid_until, id_front_key, id_back_key, handheld_key, company_name, uscc, legal_rep_name_enc, licence_key,
                                       contact_name_enc, contact_mobile_enc, contact_address_enc, cs_phone_enc, return_name_enc, return_mobile_enc, return_address_enc,
                                       third_party_consent, flags) OVERRIDING SYSTEM VALUE
  SELECT i, i, i, i, sub_at, subj, rn, 'resident_id', idn, idh, birth, valid,
         md5('front' || i)::uuid, md5('back' || i)::uuid, md5('hand' || i)::uuid,
         CASE WHEN subj = 'enterprise' THEN left(nick, 80) || '有限公司' END, uscc, CASE WHEN subj = 'enterprise' THEN rn END,
         CASE WHEN subj = 'enterprise' THEN md5('licence' || i)::uuid END,
         rn, menc, addr, menc, rn, menc, addr, true, flags
    FROM src
)
INSERT INTO verification_transition (case_id, action, from_status, to_status, actor_account_id, actor_kind, reason_codes, reason, note, at)
SELECT src.i, p.action, p.from_status, p.to_status,
       CASE p.actor WHEN 'reviewer' THEN CASE WHEN src.i % 4 = 0 THEN $21::bigint ELSE $20::bigint END END,
       CASE p.actor WHEN 'reviewer' THEN 'staff' ELSE 'merchant' END,
       CASE p.action WHEN 'reject' THEN '{ID_FORGED}'::text[] WHEN 'request_resubmission' THEN '{ID_PHOTO_UNCLEAR}'::text[] ELSE '{}'::text[] END,
       CASE p.action WHEN 'reject' THEN '证件疑似经过编辑' WHEN 'request_resubmission' THEN '请重新拍摄清晰的证件照片' END,
       CASE WHEN p.action IN ('reject', 'approve') THEN '核对证件与手持照' END,
       src.sub_at + make_interval(hours => p.step * 2)
  FROM src JOIN (VALUES
    ('submitted', 0, 'submit', NULL, 'submitted', 'merchant'),
    ('in_review', 0, 'submit', NULL, 'submitted', 'merchant'), ('in_review', 1, 'claim', 'submitted', 'in_review', 'reviewer'),
    ('pending_second_approval', 0, 'submit', NULL, 'submitted', 'merchant'), ('pending_second_approval', 1, 'claim', 'submitted', 'in_review', 'reviewer'),
    ('pending_second_approval', 2, 'approve', 'in_review', 'pending_second_approval', 'reviewer'),
    ('approved', 0, 'submit', NULL, 'submitted', 'merchant'), ('approved', 1, 'claim', 'submitted', 'in_review', 'reviewer'),
    ('approved', 2, 'approve', 'in_review', 'approved', 'reviewer'),
    ('resubmission_requested', 0, 'submit', NULL, 'submitted', 'merchant'), ('resubmission_requested', 1, 'claim', 'submitted', 'in_review', 'reviewer'),
    ('resubmission_requested', 2, 'request_resubmission', 'in_review', 'resubmission_requested', 'reviewer'),
    ('rejected', 0, 'submit', NULL, 'submitted', 'merchant'), ('rejected', 1, 'claim', 'submitted', 'in_review', 'reviewer'),
    ('rejected', 2, 'reject', 'in_review', 'rejected', 'reviewer')
  ) AS p(status, step, action, from_status, to_status, actor) ON p.status = src.cst`;

/**
 * Penalties first..last (ids explicit), each with its public notice (same id) and its history,
 * computed entirely in SQL: store drawn by a multiplicative hash of the id, a leaf violation
 * category and its default sanction, issued over the 2 years before generation (id order = age
 * order), 4% revoked (notice withdrawn).
 */
const INSERT_PENALTIES = `
WITH src AS (
  SELECT g AS i, 1 + ((g * 2654435761) % $3::bigint) AS store_id, (g * 40503) % 12 AS cat_no,
         $4::timestamptz - make_interval(secs => ($5::bigint - g) * $6::float8) AS issued_at,
         (g * 7919) % 100 < 4 AS revoked
    FROM generate_series($1::bigint, $2::bigint) g
), cat AS (
  SELECT row_number() OVER (ORDER BY c.id) - 1 AS cat_no, c.id, c.code, c.name_zh, c.name_en, c.default_points,
         COALESCE(c.default_sanction_days, 0) AS days, s.id AS sanction_id, s.code AS s_code, s.name_zh AS s_name_zh, s.name_en AS s_name_en
    FROM violation_category c JOIN sanction_type s ON s.id = c.default_sanction_type_id WHERE c.parent_id IS NOT NULL
), rows AS (
  SELECT src.*, (src.issued_at AT TIME ZONE 'Asia/Shanghai')::date AS issued_on, cat.*, m.platform_account_id, m.nickname
    FROM src JOIN cat USING (cat_no) JOIN merchant m ON m.id = src.store_id
), n AS (
  INSERT INTO penalty_notice (id, platform_account_id, nickname, category_code, category_name_zh, category_name_en, sanction_code, sanction_name_zh, sanction_name_en,
                              sanction_days, issued_on, starts_on, ends_on, status, withdrawn_on) OVERRIDING SYSTEM VALUE
  SELECT i, platform_account_id, nickname, code, name_zh, name_en, s_code, s_name_zh, s_name_en, NULLIF(days, 0), issued_on, issued_on,
         CASE WHEN days > 0 THEN issued_on + days END, CASE WHEN revoked THEN 'withdrawn' ELSE 'published' END, CASE WHEN revoked THEN issued_on + 10 END
    FROM rows
), p AS (
  INSERT INTO penalty (id, store_id, category_id, facts, sanction_type_id, sanction_days, points, starts_at, ends_at, status, effect_state, drafted_by, issued_by,
                       issued_at, issued_on, appeal_deadline, revoked_at, revoke_reason, notice_id, row_version, created_at, updated_at) OVERRIDING SYSTEM VALUE
  SELECT i, store_id, id, '经核查，该店铺存在' || name_zh || '行为（编号 ' || i || '）', sanction_id, NULLIF(days, 0), default_points, issued_at,
         CASE WHEN days > 0 THEN issued_at + make_interval(days => days) END, CASE WHEN revoked THEN 'revoked' ELSE 'issued' END,
         CASE WHEN days > 0 THEN 'lifted' ELSE 'none' END, $7::bigint, $8::bigint, issued_at, issued_on, issued_on + 7,
         CASE WHEN revoked THEN issued_at + interval '10 days' END, CASE WHEN revoked THEN '申诉成立' END, i, CASE WHEN revoked THEN 3 ELSE 2 END,
         issued_at - interval '1 day', issued_at
    FROM rows
)
INSERT INTO penalty_history (penalty_id, subject, action, from_status, to_status, actor_account_id, actor_kind, reason, at)
SELECT i, 'penalty', 'issue', 'draft', 'issued', $8::bigint, 'staff', NULL, issued_at FROM rows
UNION ALL
SELECT i, 'penalty', 'revoke', 'issued', 'revoked', $8::bigint, 'staff', '申诉成立', issued_at + interval '10 days' FROM rows WHERE revoked`;

/**
 * Disputes first..last (ids explicit) with their threads, computed entirely in SQL. Store drawn
 * skewed from a multiplicative hash u of the id: 1 + floor(n·u²), so a few stores have many
 * disputes (for 1,000,000 over as many stores: store 1 about 1,000, the first 1% of stores 10% of
 * them, a quarter of the stores none; store i belongs to merchant account i). Opened over the 2 years
 * before generation (id order = age order). The newest 8% are still being worked (open, awaiting
 * the merchant with a deadline from yesterday to 4 days ahead, awaiting the platform, escalated,
 * resolved), older ones resolved, closed or withdrawn; a resolution refunds in full, in part
 * (30-90% of the claim) or rejects. Claims 9.90-2,000.00 yuan in integer fen. 0-5 messages both
 * sides see (buyer, merchant, staff in turn; mean 2.2), spaced by a per-dispute gap that keeps the
 * last one in the past, so `latest_message_at` (the last message, or the opening when there is
 * none) and `message_count` match the thread; 10% of worked cases also carry a staff internal note
 * (not counted, not moving the latest-message time). Buyer fields: the ciphertexts of one of the
 * pool's buyers ($7-$9, 1-based by a hash of the id).
 */
const INSERT_DISPUTES = `
WITH src AS (
  SELECT g AS i, 1 + floor($3::bigint * power(((g * 2654435761) % 1000003) / 1000003.0, 2))::bigint AS store_id,
         $4::timestamptz - make_interval(secs => ($5::bigint - g) * $6::float8) AS created_at,
         ($5::bigint - g) < $5::bigint * 0.08 AS recent,
         (g * 7919) % 1000 AS us, (g * 40503) % 100 AS uc, (g * 104729) % 100 AS um, (g * 15485863) % 100 AS ur,
         1 + (g * 31337) % cardinality($7::text[]) AS b
    FROM generate_series($1::bigint, $2::bigint) g
), d AS (
  SELECT src.*,
         CASE WHEN recent THEN CASE WHEN us < 100 THEN 'open' WHEN us < 450 THEN 'awaiting_merchant' WHEN us < 750 THEN 'awaiting_platform' WHEN us < 800 THEN 'escalated' ELSE 'resolved' END
              ELSE CASE WHEN us < 100 THEN 'resolved' WHEN us < 920 THEN 'closed' ELSE 'withdrawn' END END AS status,
         CASE WHEN uc < 30 THEN 'not_received' WHEN uc < 55 THEN 'not_as_described' WHEN uc < 75 THEN 'quality' WHEN uc < 82 THEN 'counterfeit' WHEN uc < 95 THEN 'refund_refused' ELSE 'other' END AS claim_type,
         CASE WHEN um < 10 THEN 0 WHEN um < 30 THEN 1 WHEN um < 60 THEN 2 WHEN um < 80 THEN 3 WHEN um < 92 THEN 4 ELSE 5 END AS mc,
         990 + (i * 2246822519) % 199011 AS amount,
         LEAST(3600 + (i * 97) % 172800, extract(epoch FROM $4::timestamptz - created_at) / 6) AS gap
    FROM src
), r AS (
  SELECT d.*, created_at + make_interval(secs => mc * gap) AS latest_at,
         CASE WHEN status IN ('resolved', 'closed') THEN CASE WHEN ur < 40 THEN 'refund_full' WHEN ur < 65 THEN 'refund_partial' ELSE 'rejected' END END AS resolution,
         status = 'awaiting_platform' AND ur < 20 AS missed
    FROM d
), ins AS (
  INSERT INTO dispute (id, store_id, order_number, after_sales_number, claim_type, amount_claimed, description, buyer_name_enc, buyer_mobile_enc, buyer_address_enc,
                       source, opened_by, status, response_due_on, deadline_missed, proposed_resolution, resolution, refund_amount, resolution_reason, resolved_by, resolved_at,
                       assignee_id, latest_message_at, message_count, row_version, created_at, updated_at) OVERRIDING SYSTEM VALUE
  SELECT i, store_id, 'O' || (240000000000 + i * 7), 'AS' || lpad(i::text, 10, '0'), claim_type, amount,
         CASE claim_type WHEN 'not_received' THEN '物流显示已签收，但买家表示没有收到包裹。' WHEN 'not_as_described' THEN '收到的商品颜色和尺码与页面描述不符。'
              WHEN 'quality' THEN '商品使用两天后出现开裂，买家要求退款。' WHEN 'counterfeit' THEN '买家怀疑商品为仿冒品，已提供对比照片。'
              WHEN 'refund_refused' THEN '买家申请退货退款，商家拒绝且未说明理由。' ELSE '买家对售后处理结果不满意，申请平台介入。' END,
         ($7::text[])[b], ($8::text[])[b], ($9::text[])[b], 'support', $10::bigint, status,
         CASE WHEN status = 'awaiting_merchant' THEN ($4::timestamptz AT TIME ZONE 'Asia/Shanghai')::date + (i % 6)::int - 1 END,
         missed, CASE WHEN missed THEN 'refund_full' END, resolution,
         CASE resolution WHEN 'refund_full' THEN amount WHEN 'refund_partial' THEN amount * (30 + (i % 61)) / 100 WHEN 'rejected' THEN 0 END,
         CASE resolution WHEN 'refund_full' THEN '商家未能提供有效证据，支持买家全额退款。' WHEN 'refund_partial' THEN '双方均有责任，支持部分退款。' WHEN 'rejected' THEN '买家主张缺乏依据，驳回申请。' END,
         CASE WHEN resolution IS NOT NULL THEN CASE WHEN ur % 4 = 0 THEN $11::bigint ELSE $10::bigint END END,
         CASE WHEN resolution IS NOT NULL THEN latest_at + interval '2 hours' END,
         CASE WHEN status = 'escalated' THEN $11::bigint WHEN status <> 'open' AND ur % 10 < 7 THEN $10::bigint END,
         latest_at, mc,
         CASE status WHEN 'open' THEN 1 WHEN 'awaiting_merchant' THEN 2 WHEN 'awaiting_platform' THEN 3 WHEN 'escalated' THEN 4 WHEN 'resolved' THEN 4 WHEN 'closed' THEN 5 ELSE 3 END,
         created_at, GREATEST(latest_at, CASE WHEN resolution IS NOT NULL THEN latest_at + interval '2 hours' END)
    FROM r
)
INSERT INTO dispute_message (dispute_id, author_kind, author_account_id, body, internal, at)
SELECT i, CASE k % 3 WHEN 1 THEN 'buyer' WHEN 2 THEN 'merchant' ELSE 'staff' END,
       CASE k % 3 WHEN 1 THEN NULL WHEN 2 THEN store_id ELSE $10::bigint END,
       CASE k % 3 WHEN 1 THEN '请尽快处理，我已经提供了照片。' WHEN 2 THEN '我们已核实发货记录，附上物流凭证。' ELSE '平台已收到双方材料，正在核实。' END,
       false, created_at + make_interval(secs => k * gap)
  FROM r CROSS JOIN LATERAL generate_series(1, mc) k
UNION ALL
SELECT i, 'staff', $10::bigint, '内部备注：买家此前有多次同类投诉，核实时注意。', true, created_at + make_interval(secs => (mc + 0.5) * gap)
  FROM r WHERE status <> 'open' AND ur % 10 = 9`;

/** Tables the generator fills; their secondary indexes and foreign keys are dropped for the load and rebuilt after. */
const LOADED_TABLES = [
  'account',
  'merchant',
  'store',
  'verification_case',
  'verification_submission',
  'verification_transition',
  'penalty_notice',
  'penalty',
  'penalty_history',
  'dispute',
  'dispute_message',
];

/** The pool of encrypted buyers the disputes reuse: names, mainland mobiles (11 digits) and addresses, FieldCipher ciphertexts. */
function buyerPool(cipher: FieldCipher): { names: string[]; mobiles: string[]; addresses: string[] } {
  const next = rng(SEED + 12);
  const pool = { names: [] as string[], mobiles: [] as string[], addresses: [] as string[] };
  for (let i = 1; i <= BUYER_POOL; i++) {
    const p = makePerson(next, i);
    pool.names.push(cipher.encrypt(p.realName));
    pool.mobiles.push(cipher.encrypt(p.mobile.replace(/^\+86/, '')));
    pool.addresses.push(cipher.encrypt(p.address));
  }
  return pool;
}

/**
 * Moves the identity sequences of the generated tables past the ids the generator will give
 * explicitly, so that rows made meanwhile by the app (demo staff, demo owners and their cases)
 * never collide. Run on the freshly migrated database, before seedDemo.
 */
export async function reserveIds(c: Client, n: number, penalties: number, disputes: number): Promise<void> {
  const reserve: [string, number][] = [
    ['dispute', disputes],
    ['account', n],
    ['merchant', n],
    ['store', n],
    ['verification_case', n],
    ['verification_submission', n],
    ['penalty_notice', penalties],
    ['penalty', penalties],
  ];
  for (const [table, upTo] of reserve) {
    await c.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST($1::bigint, (SELECT COALESCE(max(id), 1) FROM ${table})))`, [Math.max(upTo, 1)]);
  }
}

/**
 * Fills a migrated bench database (staff already seeded, ids reserved by reserveIds) with `n`
 * merchant accounts, merchants, stores, one identity-verification case with its submission and
 * history per store, `penalties` penalties with their public notices and history, and `disputes`
 * disputes with their messages (INSERT_DISPUTES).
 * Node prepares batch k+1 (people, AES-GCM encryption) while PostgreSQL inserts batch k. The
 * secondary indexes and foreign keys of the loaded tables are dropped for the load and rebuilt from
 * their own definitions (pg_get_indexdef, pg_get_constraintdef) afterwards, which is faster than
 * maintaining them row by row; the schema ends exactly as the migrations made it. The caller runs
 * vacuumAnalyze() once everything else is written.
 * @param progress called with a one-line message now and then.
 */
export async function generateDataset(
  c: Client,
  cipher: FieldCipher,
  n: number,
  penalties: number,
  disputes: number,
  staff: StaffIds,
  progress: (line: string) => void,
): Promise<Omit<GenerationTimings, 'analyzeMs'>> {
  const t0 = process.hrtime.bigint();
  const next = rng(SEED);
  const end = new Date();
  const step = SPAN_SECONDS / n;
  let prepareMs = 0;
  let insertWaitMs = 0;
  // Session settings for the bulk load only: bigger sort memory for the index builds, no commit flush waits.
  await c.query(`SET maintenance_work_mem = '512MB'`);
  await c.query(`SET synchronous_commit = off`);

  const { rows: fks } = await c.query<{ table: string; name: string; def: string }>(
    `SELECT t.relname AS table, x.conname AS name, pg_get_constraintdef(x.oid) AS def
       FROM pg_constraint x JOIN pg_class t ON t.oid = x.conrelid
      WHERE x.contype = 'f' AND t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace`,
    [LOADED_TABLES],
  );
  for (const fk of fks) await c.query(`ALTER TABLE "${fk.table}" DROP CONSTRAINT "${fk.name}"`);
  const { rows: indexes } = await c.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)`,
    [LOADED_TABLES],
  );
  for (const ix of indexes) await c.query(`DROP INDEX "${ix.name}"`);
  progress(`dropped ${indexes.length} secondary indexes and ${fks.length} foreign keys for the load`);

  const prepare = (firstId: number) => {
    const s = process.hrtime.bigint();
    const b = prepareBatch(next, cipher, firstId, Math.min(BATCH, n - firstId + 1));
    prepareMs += elapsedMs(s);
    return b;
  };
  const insert = (b: Batch) =>
    c.query(INSERT_BATCH, [
      b.nicknames,
      b.mobileEnc,
      b.mobileHash,
      b.storeStatus,
      b.firstId,
      end,
      n,
      step,
      b.caseStatus,
      b.subjectType,
      b.flags,
      b.birthDate,
      b.idValidUntil,
      b.realNameEnc,
      b.idNumberEnc,
      b.idNumberHash,
      b.addressEnc,
      b.uscc,
      b.submitOffset,
      staff.reviewer,
      staff.lead,
    ]);

  let pending = insert(prepare(1));
  let lastReport = Date.now();
  for (let first = 1 + BATCH; ; first += BATCH) {
    const batch = first <= n ? prepare(first) : undefined;
    const w = process.hrtime.bigint();
    await pending;
    insertWaitMs += elapsedMs(w);
    const done = Math.min(n, first - 1);
    if (Date.now() - lastReport > 5000 || !batch) {
      lastReport = Date.now();
      const s = elapsedMs(t0) / 1000;
      progress(`${done.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} merchants with verification cases (${s.toFixed(1)} s, ${Math.round(done / s).toLocaleString('en-US')} /s)`);
    }
    if (!batch) break;
    pending = insert(batch);
  }

  const p0 = process.hrtime.bigint();
  const pStep = PENALTY_SPAN_SECONDS / Math.max(penalties, 1);
  for (let first = 1; first <= penalties; first += PENALTY_BATCH) {
    const last = Math.min(penalties, first + PENALTY_BATCH - 1);
    await c.query(INSERT_PENALTIES, [first, last, n, end, penalties, pStep, staff.reviewer, staff.lead]);
    if (last === penalties || (last / PENALTY_BATCH) % 3 === 0)
      progress(`${last.toLocaleString('en-US')} / ${penalties.toLocaleString('en-US')} penalties with notices (${(elapsedMs(p0) / 1000).toFixed(1)} s)`);
  }
  const penaltiesMs = elapsedMs(p0);

  const d0 = process.hrtime.bigint();
  const buyers = buyerPool(cipher);
  const dStep = DISPUTE_SPAN_SECONDS / Math.max(disputes, 1);
  for (let first = 1; first <= disputes; first += DISPUTE_BATCH) {
    const last = Math.min(disputes, first + DISPUTE_BATCH - 1);
    await c.query(INSERT_DISPUTES, [first, last, n, end, disputes, dStep, buyers.names, buyers.mobiles, buyers.addresses, staff.support, staff.lead]);
    if (last === disputes || (last / DISPUTE_BATCH) % 3 === 0)
      progress(`${last.toLocaleString('en-US')} / ${disputes.toLocaleString('en-US')} disputes with messages (${(elapsedMs(d0) / 1000).toFixed(1)} s)`);
  }
  const disputesMs = elapsedMs(d0);

  const ix0 = process.hrtime.bigint();
  for (const ix of indexes) await c.query(ix.def);
  for (const fk of fks) await c.query(`ALTER TABLE "${fk.table}" ADD CONSTRAINT "${fk.name}" ${fk.def}`);
  const indexMs = elapsedMs(ix0);
  progress(`rebuilt ${indexes.length} indexes and ${fks.length} foreign keys in ${(indexMs / 1000).toFixed(1)} s`);
  return { totalMs: elapsedMs(t0), prepareMs, insertWaitMs, penaltiesMs, disputesMs, indexMs };
}

/**
 * VACUUM ANALYZE of the whole bench database: planner statistics, and the visibility map that
 * index-only scans (count(*)) rely on, as autovacuum would leave a settled production table.
 * Run last, with no other session open, so no snapshot holds rows back from all-visible.
 * @returns its duration, ms.
 */
export async function vacuumAnalyze(c: Client): Promise<number> {
  const t0 = process.hrtime.bigint();
  await c.query('VACUUM ANALYZE');
  return elapsedMs(t0);
}
