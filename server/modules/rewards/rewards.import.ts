import { createHash } from 'node:crypto';
import { setImmediate as tick } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse/sync';
import { isCalendarDate } from '../../../rules/dates';
import type { Actor } from '../../core/abilities';
import { defineAbilityFor } from '../../core/abilities';
import type { App } from '../../core/app';
import { actorOf, systemContext, type RequestContext } from '../../core/context';
import { badInput, fieldRefusal, notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import { sortOf, type Page, type PageRequest } from '../../core/pagination';
import { transaction } from '../../core/transaction';
import type { ImportRowError, RewardImport } from './reward-import.entity';
import { RewardErrors } from './rewards.errors';
import { REWARD_IMPORT_QUEUE } from './rewards.import.jobs';
import type { ImportRewardsInput, RewardImportView } from './rewards.import.types';

/** Largest CSV accepted, in bytes (decoded). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Most data rows in one CSV. */
export const IMPORT_MAX_ROWS = 200_000;
/** How many refusals an import keeps (the count is kept in full). */
export const IMPORT_MAX_ERRORS = 1000;
/** The columns of a reward CSV (header row required, any order). */
export const IMPORT_COLUMNS = ['storeId', 'programmeCode', 'amount', 'reason', 'periodStart', 'periodEnd'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

const CHUNK = 10_000;
const ID = /^\d{1,18}$/;
const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;
/** Control and invisible characters a reason may not hold (line feeds and tabs may: it is a long text). */
const REFUSED_IN_REASON = /(?![\n\t])[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Yuan with at most 2 decimals, read exactly from the text (never through a float): "12.30" is
 * 1230 fen. @returns integer fen as a bigint, or the reason it is not an amount.
 */
export function yuanToFen(text: string): bigint | string {
  const parts = text.split('.');
  if (parts.length > 2) return 'not an amount in yuan (e.g. 12.30)';
  const [whole, frac = ''] = parts;
  if (!/^\d+$/.test(whole) || (parts.length === 2 && !/^\d+$/.test(frac))) return 'not an amount in yuan (e.g. 12.30)';
  if (frac.length > 2) return 'at most 2 decimals (fen)';
  if (whole.length > 16) return 'too large';
  const fen = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  if (fen <= 0n) return 'must be above 0';
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return 'too large';
  return fen;
}

/** A data row that passed every check, as the columns of the set-based insert. */
interface ValidRow {
  row: number;
  programmeId: string;
  storeId: string;
  fen: string;
  reason: string;
  periodStart: string;
  periodEnd: string;
}

/** What the checks need from the database: the stores that exist, the programmes by code. */
export interface ImportLookups {
  stores: Set<string>;
  programmes: Map<string, { id: string; active: boolean }>;
}

/** A parsed CSV: its data rows with their line numbers, or the refusal of the whole file. */
type Parsed = { ok: true; rows: { line: number; cells: string[] }[]; columns: Record<Column, number> } | { ok: false; error: ImportRowError };

/** Decodes (UTF-8, with or without BOM) and parses a reward CSV; checks the header. */
export function parseRewardCsv(bytes: Buffer): Parsed {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, error: { row: 0, field: 'file', reason: 'not UTF-8 text' } };
  }
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as never;
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, error: { row: (e as unknown as { lines?: number }).lines ?? 0, field: 'file', reason: 'not valid CSV (check the quotes)' } };
    throw e;
  }
  if (!records.length) return { ok: false, error: { row: 1, field: 'header', reason: `a header row is required: ${IMPORT_COLUMNS.join(',')}` } };
  const [header, ...data] = records;
  const columns = {} as Record<Column, number>;
  const seen = new Set<string>();
  for (const [i, name] of header.record.entries()) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name) || seen.has(name))
      return { ok: false, error: { row: header.info.lines, field: 'header', reason: `unknown or repeated column ${JSON.stringify(name.slice(0, 40))}; expected ${IMPORT_COLUMNS.join(',')}` } };
    seen.add(name);
    columns[name as Column] = i;
  }
  const missing = IMPORT_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) return { ok: false, error: { row: header.info.lines, field: 'header', reason: `missing column(s): ${missing.join(',')}` } };
  if (data.length > IMPORT_MAX_ROWS) return { ok: false, error: { row: 0, field: 'file', reason: `more than ${IMPORT_MAX_ROWS} rows` } };
  return { ok: true, columns, rows: data.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

/** The ids and codes the rows name, to look up once. */
export function namedIn(parsed: Extract<Parsed, { ok: true }>): { storeIds: string[]; codes: string[] } {
  const stores = new Set<string>();
  const codes = new Set<string>();
  for (const { cells } of parsed.rows) {
    const s = cells[parsed.columns.storeId] ?? '';
    const p = cells[parsed.columns.programmeCode] ?? '';
    if (ID.test(s)) stores.add(s);
    if (CODE.test(p)) codes.add(p);
  }
  return { storeIds: [...stores], codes: [...codes] };
}

/**
 * Checks one data row (every field; the first problem of each field is reported) and, when it
 * passes, whether the same store + programme + period came earlier in the file (`firstOf`).
 */
export function checkRow(line: number, cells: string[], columns: Record<Column, number>, look: ImportLookups, firstOf: Map<string, number>): { row?: ValidRow; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const bad = (field: string, reason: string) => errors.push({ row: line, field, reason });
  if (cells.length !== IMPORT_COLUMNS.length) {
    bad('row', `has ${cells.length} columns, expected ${IMPORT_COLUMNS.length}`);
    return { errors };
  }
  const v = (c: Column) => cells[columns[c]];
  const storeId = v('storeId');
  if (!ID.test(storeId)) bad('storeId', 'not a store id');
  else if (!look.stores.has(storeId)) bad('storeId', 'no such store');
  const code = v('programmeCode');
  const g = look.programmes.get(code);
  if (!CODE.test(code) || !g) bad('programmeCode', 'no such programme');
  else if (!g.active) bad('programmeCode', 'the programme is not active');
  const fen = yuanToFen(v('amount'));
  if (typeof fen === 'string') bad('amount', fen);
  const reason = v('reason');
  if ([...reason].length < 2 || [...reason].length > 500) bad('reason', 'must be 2-500 characters');
  else if (REFUSED_IN_REASON.test(reason)) bad('reason', 'contains a control or invisible character');
  const start = v('periodStart');
  const end = v('periodEnd');
  const startOk = isCalendarDate(start);
  const endOk = isCalendarDate(end);
  if (!startOk) bad('periodStart', 'not a date (YYYY-MM-DD)');
  if (!endOk) bad('periodEnd', 'not a date (YYYY-MM-DD)');
  if (startOk && endOk && end < start) bad('periodEnd', 'the period must end on or after its start');
  if (errors.length) return { errors };
  const key = `${storeId}|${code}|${start}|${end}`;
  const first = firstOf.get(key);
  if (first !== undefined) {
    bad('row', `same store, programme and period as row ${first}`);
    return { errors };
  }
  firstOf.set(key, line);
  return { row: { row: line, programmeId: g!.id, storeId, fen: String(fen), reason, periodStart: start, periodEnd: end }, errors };
}

type ImportRecord = Omit<RewardImport, 'content'>;

const SELECT_IMPORT = `SELECT id::text, file_name AS "fileName", sha256, skip_invalid_rows AS "skipInvalidRows", status, rows_total AS "rowsTotal", rows_valid AS "rowsValid",
  rows_imported AS "rowsImported", progress, error_count AS "errorCount", errors, created_by::text AS "createdBy", created_at AS "createdAt", finished_at AS "finishedAt" FROM reward_import`;

const importView = (r: ImportRecord): RewardImportView => ({
  id: r.id,
  status: r.status,
  fileName: r.fileName,
  sha256: r.sha256,
  skipInvalidRows: r.skipInvalidRows,
  rowsTotal: r.rowsTotal,
  rowsValid: r.rowsValid,
  rowsImported: r.rowsImported,
  progress: r.progress,
  errorCount: r.errorCount,
  errors: r.errors,
  createdAt: r.createdAt,
  finishedAt: r.finishedAt ?? undefined,
});

/**
 * CSV import of reward proposals (issue 13): the upload creates the import (`validating`) and its
 * job in one transaction; the job (`processRewardImport`) validates row by row, updating
 * `progress`, then imports every valid row in one transaction (set-based) or rejects the file.
 */
export class RewardImportsService {
  constructor(private readonly app: App) {}

  /**
   * ops_reviewer / finance, through GraphQL: a CSV sent as base64 (bounded by the GraphQL body
   * limit, 2 MiB: ~1.5 MiB of CSV); larger files go through `POST /uploads/reward-import`. Then as `importCsv`.
   * @throws BAD_USER_INPUT `input.contentBase64` (not base64, or as `importCsv`), `input.fileName`.
   */
  async importRewards(ctx: RequestContext, input: ImportRewardsInput): Promise<RewardImportView> {
    const clean = input.contentBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw badInput('must be base64', 'input.contentBase64');
    if ((clean.length / 4) * 3 > IMPORT_MAX_BYTES + 2) throw fieldRefusal(RewardErrors.IMPORT_TOO_LARGE, 'input.contentBase64');
    const file = { fileName: input.fileName, bytes: Buffer.from(clean, 'base64'), skipInvalidRows: input.skipInvalidRows ?? false };
    return this.importCsv(ctx, file, { fileName: 'input.fileName', content: 'input.contentBase64' });
  }

  /**
   * ops_reviewer / finance: imports a CSV (UTF-8, header row, up to 5 MiB / 200,000 rows): answers
   * at once with the import `validating` (its job validates and imports). The same bytes with the
   * same `skipInvalidRows` answer the existing import (never imported twice). `fields` names the
   * inputs in refusals (GraphQL `input.*`, the HTTP route its query parameter and `file`).
   * @throws BAD_USER_INPUT `fields.content` (`IMPORT_TOO_LARGE`, `IMPORT_EMPTY`), `fields.fileName` (not a plain name of 1-200 characters).
   */
  async importCsv(ctx: RequestContext, file: { fileName: string; bytes: Buffer; skipInvalidRows: boolean }, fields: { fileName: string; content: string }): Promise<RewardImportView> {
    const actor = actorOf(ctx);
    const { bytes, fileName } = file;
    if (!fileName || fileName.length > 200 || /[\\/\p{Cc}]/u.test(fileName)) throw badInput('must be a plain file name of 1-200 characters', fields.fileName);
    if (bytes.length > IMPORT_MAX_BYTES) throw fieldRefusal(RewardErrors.IMPORT_TOO_LARGE, fields.content);
    if (!bytes.length) throw fieldRefusal(RewardErrors.IMPORT_EMPTY, fields.content);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const skip = file.skipInvalidRows;
    const id = await transaction(ctx, async (tx) => {
      // A concurrent upload of the same bytes waits here for the first to commit, then finds it.
      // An import whose job failed (field `job`) is processed again by the next upload of the file.
      const [created] = await tx.em.query(
        `INSERT INTO reward_import (file_name, sha256, skip_invalid_rows, content, created_by, errors) VALUES ($1, $2, $3, $4, $5, '[]'::jsonb)
         ON CONFLICT (sha256, skip_invalid_rows) DO UPDATE SET status = 'validating', content = EXCLUDED.content, errors = '[]'::jsonb, error_count = 0, progress = 0, finished_at = NULL
           WHERE reward_import.status = 'rejected' AND reward_import.errors -> 0 ->> 'field' = 'job'
         RETURNING id::text`,
        [fileName, sha256, skip, bytes, actor.accountId],
      );
      if (created) {
        await tx.enqueue(REWARD_IMPORT_QUEUE, { importId: created.id }, { singletonKey: `reward-import-${created.id}` });
        return created.id as string;
      }
      const [existing] = await tx.em.query(`SELECT id::text FROM reward_import WHERE sha256 = $1 AND skip_invalid_rows = $2`, [sha256, skip]);
      return existing.id as string;
    });
    return this.get(id);
  }

  /** One import with its report. @throws NOT_FOUND. */
  async get(id: string): Promise<RewardImportView> {
    const [r] = isId(id) ? ((await this.app.dataSource.query(`${SELECT_IMPORT} WHERE id = $1`, [id])) as ImportRecord[]) : [];
    if (!r) throw notFound('RewardImport');
    return importView(r);
  }

  /** Imports, newest first by default (sort fields: createdAt, id), the report of each included. @throws BAD_USER_INPUT `sort.field`. */
  async list(page: PageRequest): Promise<Page<RewardImportView>> {
    const { expr, dir } = sortOf(page, { createdAt: 'created_at', id: 'id' }, { field: 'createdAt', order: 'DESC' });
    const rows = (await this.app.dataSource.query(`${SELECT_IMPORT} ORDER BY ${expr} ${dir}, id ${dir} LIMIT $1 OFFSET $2`, [page.perPage, (page.page - 1) * page.perPage])) as ImportRecord[];
    const [{ n }] = await this.app.dataSource.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM reward_import LIMIT 10001) x`);
    return { items: rows.map(importView), totalCount: n, totalCountExact: n <= 10_000 };
  }
}

/** The uploader as the actor of the import's audit event (the job itself has no request). */
async function uploaderContext(app: App, accountId: string): Promise<RequestContext> {
  const [a] = await app.dataSource.query(`SELECT kind, login_name AS "loginName", platform_roles AS roles FROM account WHERE id = $1`, [accountId]);
  const actor: Actor = { accountId, kind: a.kind, loginName: a.loginName, roles: a.roles ?? [], sessionId: 'job:reward-import' };
  return { ...systemContext(app, 'job:reward-import'), system: false, actor, ability: defineAbilityFor(actor) };
}

/**
 * Job: validates an import in chunks (updating `progress` between them) and then, in ONE
 * transaction, either inserts every valid row as a `proposed` reward with its `propose` history
 * row (set-based: INSERT ... SELECT FROM unnest) or marks the import `rejected` (any invalid row
 * without `skipInvalidRows`; or a file-level refusal). Idempotent: an import no longer
 * `validating` is left alone, and (import_id, import_row) is unique.
 */
export async function processRewardImport(app: App, importId: string): Promise<void> {
  const ds = app.dataSource;
  const [imp] = await ds.query(`SELECT status, skip_invalid_rows AS skip, content, created_by::text AS "createdBy" FROM reward_import WHERE id = $1`, [importId]);
  if (!imp || imp.status !== 'validating' || !imp.content) return;
  const t0 = Date.now();
  const parsed = parseRewardCsv(imp.content as Buffer);
  const parsedAt = Date.now();
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  const valid: ValidRow[] = [];
  let rowsTotal = 0;
  if (!parsed.ok) {
    errors.push(parsed.error);
    errorCount = 1;
  } else {
    rowsTotal = parsed.rows.length;
    const { storeIds, codes } = namedIn(parsed);
    const look: ImportLookups = {
      stores: new Set((await ds.query(`SELECT id::text FROM store WHERE id = ANY($1::bigint[])`, [storeIds])).map((r: { id: string }) => r.id)),
      programmes: new Map(
        (await ds.query(`SELECT id::text, code, active FROM reward_programme WHERE code = ANY($1::text[])`, [codes])).map((r: { id: string; code: string; active: boolean }) => [r.code, r]),
      ),
    };
    const firstOf = new Map<string, number>();
    let reported = Date.now();
    for (let i = 0; i < parsed.rows.length; i += CHUNK) {
      for (const { line, cells } of parsed.rows.slice(i, i + CHUNK)) {
        const r = checkRow(line, cells, parsed.columns, look, firstOf);
        if (r.row) valid.push(r.row);
        else {
          errorCount++;
          for (const e of r.errors) if (errors.length < IMPORT_MAX_ERRORS) errors.push(e);
        }
      }
      if (Date.now() - reported > 200 && i + CHUNK < parsed.rows.length) {
        reported = Date.now();
        const progress = Math.floor((90 * (i + CHUNK)) / parsed.rows.length);
        await ds.query(`UPDATE reward_import SET progress = $2 WHERE id = $1 AND status = 'validating'`, [importId, progress]);
      }
      await tick();
    }
  }
  const validatedAt = Date.now();
  const reject = !parsed.ok || rowsTotal === 0 || (errorCount > 0 && !imp.skip);
  const ctx = await uploaderContext(app, imp.createdBy);
  await transaction(ctx, async (tx) => {
    const [locked] = await tx.em.query(`SELECT status FROM reward_import WHERE id = $1 FOR UPDATE`, [importId]);
    if (locked?.status !== 'validating') return;
    let imported = 0;
    if (!reject && valid.length) {
      // A programme deactivated since the checks: the job fails and its retry checks again.
      const ids = [...new Set(valid.map((v) => v.programmeId))];
      const [{ n }] = await tx.em.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM reward_programme WHERE id = ANY($1::bigint[]) AND active FOR SHARE) x`, [ids]);
      if (n !== ids.length) throw new Error('a programme of the import was deactivated during validation');
      const [{ n: count }] = await tx.em.query(
        `WITH ins AS (
           INSERT INTO reward (programme_id, store_id, amount, reason, period_start, period_end, status, proposed_by, import_id, import_row)
           SELECT t.p, t.s, t.a, t.r, t.ps, t.pe, 'proposed', $7, $8, t.n
             FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::date[], $6::date[], $9::int[]) AS t(p, s, a, r, ps, pe, n)
           ON CONFLICT (import_id, import_row) DO NOTHING
           RETURNING id),
         hist AS (
           INSERT INTO reward_history (reward_id, subject, action, from_status, to_status, actor_account_id, actor_kind)
           SELECT id, 'reward', 'propose', NULL, 'proposed', $7, $10 FROM ins RETURNING 1)
         SELECT count(*)::int AS n FROM hist`,
        [
          valid.map((v) => v.programmeId),
          valid.map((v) => v.storeId),
          valid.map((v) => v.fen),
          valid.map((v) => v.reason),
          valid.map((v) => v.periodStart),
          valid.map((v) => v.periodEnd),
          imp.createdBy,
          importId,
          valid.map((v) => v.row),
          ctx.actor!.kind,
        ],
      );
      imported = count;
    }
    const status = reject ? 'rejected' : 'imported';
    await tx.em.query(
      `UPDATE reward_import SET status = $2, rows_total = $3, rows_valid = $4, rows_imported = $5, error_count = $6, errors = $7::jsonb, progress = 100, content = NULL, finished_at = now() WHERE id = $1`,
      [importId, status, rowsTotal, valid.length, imported, errorCount, JSON.stringify(errors)],
    );
    tx.audit({ action: 'reward.import', targetType: 'RewardImport', targetId: importId, after: { status, rowsTotal, rowsValid: valid.length, rowsImported: imported, rowsRefused: errorCount } });
  });
  // Counts and durations only (never a row's content).
  app.log.info(
    { importId, rowsTotal, rowsValid: valid.length, rowsRefused: errorCount, parseMs: parsedAt - t0, validateMs: validatedAt - parsedAt, importMs: Date.now() - validatedAt },
    'reward import processed',
  );
}

/** Marks an import whose job kept failing as `rejected` with a file-level reason (nothing was imported: the import is one transaction). */
export async function failRewardImport(app: App, importId: string): Promise<void> {
  const [imp] = await app.dataSource.query(`SELECT created_by::text AS "createdBy" FROM reward_import WHERE id = $1 AND status = 'validating'`, [importId]);
  if (!imp) return;
  await transaction(await uploaderContext(app, imp.createdBy), async (tx) => {
    const [locked] = await tx.em.query(`SELECT status FROM reward_import WHERE id = $1 FOR UPDATE`, [importId]);
    if (locked?.status !== 'validating') return;
    const errors: ImportRowError[] = [{ row: 0, field: 'job', reason: 'the file could not be processed; upload it again to retry' }];
    await tx.em.query(`UPDATE reward_import SET status = 'rejected', error_count = 1, errors = $2::jsonb, progress = 100, content = NULL, finished_at = now() WHERE id = $1`, [
      importId,
      JSON.stringify(errors),
    ]);
    tx.audit({ action: 'reward.import', targetType: 'RewardImport', targetId: importId, outcome: 'failed', after: { status: 'rejected', rowsImported: 0 } });
  });
}
