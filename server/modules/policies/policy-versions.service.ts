import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput, CoreErrors, notFound, type ErrorFactory, type FieldProblem } from '../../core/errors';
import { isCalendarDate, prcDate } from '../../../rules/dates';
import { isId } from '../../core/ids';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, readRepo, transaction, type Tx } from '../../core/transaction';
import { PolicyErrors } from './policies.errors';
import { changeVersionStatus, POLICY_VERSION_MACHINE, type PolicyAction } from './policies.machine';
import { PoliciesRepository } from './policies.repository';
import { PUBLISH_QUEUE } from './policies.jobs';
import {
  MATERIAL_CATEGORIES,
  type CreatePolicyDraftInput,
  type PolicyClauseView,
  type PolicyDiffView,
  type PolicyFanOutView,
  type PolicyTransitionInput,
  type PolicyVersionSummary,
  type PolicyVersionView,
  type PublicPolicyVersion,
  type SchedulePolicyVersionInput,
  type UpdatePolicyDraftInput,
} from './policies.types';
import { diffStructures, sideOf, type DiffSegment } from '../../../rules/policies/policy-diff';
import { parsePolicy, type PolicyClause } from '../../../rules/policies/policy-parser';
import { POLICY_VERSION_STATUSES, type PolicyVersion, type PolicyVersionStatus } from './policy-version.entity';

function flatten(clauses: PolicyClause[], level = 1, out: PolicyClauseView[] = []): PolicyClauseView[] {
  for (const c of clauses) {
    out.push({ number: c.number, title: c.title, level, text: c.text, items: c.items });
    flatten(c.children, level + 1, out);
  }
  return out;
}

/**
 * Problems with a material flag (clause 8.2): categories must be among a-f without repeats; a
 * material version names at least one; a non-material one names none.
 */
export function materialProblems(isMaterial: boolean, categories: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const unknown = categories.filter((c) => !(MATERIAL_CATEGORIES as readonly string[]).includes(c));
  if (unknown.length) problems.push({ field: 'materialCategories', message: `unknown category; each is one of a-f (clause 8.2)` });
  else if (new Set(categories).size !== categories.length) problems.push({ field: 'materialCategories', message: 'a category is listed twice' });
  else if (isMaterial && categories.length === 0) problems.push({ field: 'materialCategories', message: 'a material change names at least one category of clause 8.2 (a-f)' });
  else if (!isMaterial && categories.length > 0) problems.push({ field: 'isMaterial', message: 'categories of clause 8.2 are given only for a material change' });
  return problems;
}

/** A declared business refusal (BAD_USER_INPUT) that still names the offending fields in `extensions.fields`, like `badInput`. */
function refusal(error: ErrorFactory, problems: FieldProblem[] | string, field?: string) {
  const b = badInput(problems, field);
  return error(b.message, { fields: b.extensions.fields });
}

const segs = (s: DiffSegment[]) => s.map((x) => ({ op: x.op, text: x.text }));

/**
 * Versions of policy documents (policy chapter 8): the public read of published versions and
 * "what changed", and legal's workflow (draft, edit, submit, return, approve, schedule, withdraw;
 * the publication itself is done by the job in policies.jobs.ts).
 *
 * Rules:
 * - only drafts are edited; the structure is recovered from the zh-CN body on every save;
 * - a material version (clause 8.2 a-f) is approved by a second `legal` who is neither its creator
 *   nor its last editor; a non-material version may be approved by its author (self-approval is
 *   allowed, a second approval is possible but not required);
 * - published and superseded versions are immutable (here and by a database trigger).
 */
export class PolicyVersionsService {
  constructor(private readonly app: App) {}

  private get repo(): PoliciesRepository {
    return readRepo(this.app, PoliciesRepository);
  }

  static versionView(v: PolicyVersion): PublicPolicyVersion {
    return {
      id: v.id,
      documentId: v.documentId,
      versionNo: v.versionNo,
      status: v.status,
      effectiveDate: v.effectiveDate ?? undefined,
      publishedAt: v.publishedAt ?? undefined,
      changeSummary: v.changeSummary ?? undefined,
      isMaterial: v.isMaterial,
      materialCategories: v.materialCategories,
      title: v.structure.title,
      preamble: v.structure.preamble,
      clauses: flatten(v.structure.sections),
      body: v.bodyZh,
      bodyEn: v.bodyEn ?? undefined,
    };
  }

  static summaryView(v: PolicyVersion): PolicyVersionSummary {
    return {
      id: v.id,
      documentId: v.documentId,
      versionNo: v.versionNo,
      status: v.status,
      changeSummary: v.changeSummary ?? undefined,
      effectiveDate: v.effectiveDate ?? undefined,
      publishAt: v.publishAt ?? undefined,
      publishedAt: v.publishedAt ?? undefined,
      isMaterial: v.isMaterial,
      materialCategories: v.materialCategories,
      createdBy: v.createdBy ?? undefined,
      lastEditedBy: v.lastEditedBy ?? undefined,
      approvedBy: v.approvedBy ?? undefined,
      approvedAt: v.approvedAt ?? undefined,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      rowVersion: v.rowVersion,
    };
  }

  // ------------------------------------------------------------ public

  /** Public: one published or superseded version by document code and number. @throws NOT_FOUND otherwise (drafts never show). */
  async publicVersion(code: string, versionNo: number): Promise<PublicPolicyVersion> {
    const repo = this.repo;
    const doc = await repo.documentByCode(code);
    const v = doc ? await repo.publicVersionByNo(doc.id, versionNo) : null;
    if (!v) throw notFound('Policy version');
    return PolicyVersionsService.versionView(v);
  }

  /** Public "what changed": a published version against the one it replaced; null for a first version. */
  async whatChanged(version: PublicPolicyVersion): Promise<PolicyDiffView | null> {
    const repo = this.repo;
    const v = await repo.versionById(version.id);
    if (!v || (v.status !== 'published' && v.status !== 'superseded')) return null;
    const prev = await repo.predecessorOf(v);
    return prev ? this.diffOf(prev, v) : null;
  }

  // ------------------------------------------------------------ legal: read

  /** Versions of a document, any status. @throws NOT_FOUND for an unknown document; BAD_USER_INPUT `status` for an unknown status. */
  async versions(_ctx: RequestContext, documentId: string, status: string[] | undefined, page: PageRequest): Promise<Page<PolicyVersionSummary>> {
    if (status?.some((s) => !(POLICY_VERSION_STATUSES as readonly string[]).includes(s))) throw badInput(`one of ${POLICY_VERSION_STATUSES.join(', ')}`, 'status');
    if (!isId(documentId) || !(await this.repo.documentById(documentId))) throw notFound('Policy document');
    return mapPage(await this.repo.listVersions(documentId, status as PolicyVersionStatus[] | undefined, page), PolicyVersionsService.summaryView);
  }

  /** One version with body, structure and history. @throws NOT_FOUND */
  async version(_ctx: RequestContext, id: string): Promise<PolicyVersionView> {
    const v = await this.findVersion(id);
    return this.fullView(this.repo, v);
  }

  private async fullView(repo: PoliciesRepository, v: PolicyVersion): Promise<PolicyVersionView> {
    const [doc, transitions] = await Promise.all([repo.documentById(v.documentId), repo.transitionsOf(v.id)]);
    return {
      ...PolicyVersionsService.summaryView(v),
      documentCode: doc?.code ?? '',
      bodyZh: v.bodyZh,
      bodyEn: v.bodyEn ?? undefined,
      title: v.structure.title,
      preamble: v.structure.preamble,
      clauses: flatten(v.structure.sections),
      transitions: transitions.map((t) => ({
        action: t.action,
        fromStatus: t.fromStatus ?? undefined,
        toStatus: t.toStatus,
        actorAccountId: t.actorAccountId ?? undefined,
        note: t.note ?? undefined,
        at: t.at,
      })),
    };
  }

  /**
   * Clause-level diff between two versions of the same document (any statuses).
   * @throws NOT_FOUND for an unknown version; BAD_USER_INPUT `OTHER_DOCUMENT` (field `toVersionId`) for versions of different documents.
   */
  async diff(_ctx: RequestContext, fromVersionId: string, toVersionId: string): Promise<PolicyDiffView> {
    const [a, b] = await Promise.all([this.findVersion(fromVersionId), this.findVersion(toVersionId)]);
    if (a.documentId !== b.documentId) throw refusal(PolicyErrors.OTHER_DOCUMENT, 'both versions must belong to the same document', 'toVersionId');
    return this.diffOf(a, b);
  }

  private diffOf(a: PolicyVersion, b: PolicyVersion): PolicyDiffView {
    const d = diffStructures(a.structure, b.structure);
    const count = (c: string) => d.clauses.filter((x) => x.change === c).length;
    return {
      documentId: a.documentId,
      fromVersionId: a.id,
      fromVersionNo: a.versionNo,
      toVersionId: b.id,
      toVersionNo: b.versionNo,
      titleChanged: d.titleChanged,
      preamble: d.preamble ? segs(d.preamble) : undefined,
      clauses: d.clauses.map((c) => ({
        number: c.number,
        change: c.change,
        oldTitle: c.oldTitle,
        newTitle: c.newTitle,
        oldText: c.oldText,
        newText: c.newText,
        inline: segs(c.segments),
        oldSegments: segs(sideOf(c.segments, 'old')),
        newSegments: segs(sideOf(c.segments, 'new')),
      })),
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
    };
  }

  /** Progress of a published version's notification fan-out (null before publication). */
  async fanOut(_ctx: RequestContext, versionId: string): Promise<PolicyFanOutView | null> {
    await this.findVersion(versionId);
    const f = await this.repo.fanOutOf(versionId);
    if (!f) return null;
    return {
      versionId: f.versionId,
      status: f.status,
      withSms: f.withSms,
      total: f.total,
      done: f.done,
      progress: f.total ? Math.min(1, f.done / f.total) : f.status === 'completed' ? 1 : 0,
      chunks: f.chunks,
      startedAt: f.startedAt ?? undefined,
      finishedAt: f.finishedAt ?? undefined,
      updatedAt: f.updatedAt,
    };
  }

  private async findVersion(id: string): Promise<PolicyVersion> {
    const v = isId(id) ? await this.repo.versionById(id) : null;
    if (!v) throw notFound('Policy version');
    return v;
  }

  // ------------------------------------------------------------ legal: write

  /**
   * A new draft, numbered after the document's last version, starting from `fromVersionId`'s text
   * (default: the version in force) unless a body is given. History: `create` (null -> draft).
   * @throws NOT_FOUND document or version; BAD_USER_INPUT naming the field (nothing stored), or
   *   `OTHER_DOCUMENT` / `NO_SOURCE_VERSION` (fields `fromVersionId` / `bodyZh`).
   */
  async createDraft(ctx: RequestContext, input: CreatePolicyDraftInput): Promise<PolicyVersionView> {
    const problems = this.contentProblems(input);
    const isMaterial = input.isMaterial ?? false;
    problems.push(...materialProblems(isMaterial, input.materialCategories ?? []));
    if (input.fromVersionId !== undefined && input.fromVersionId !== null && !isId(input.fromVersionId)) problems.push({ field: 'fromVersionId', message: 'not a version id' });
    if (problems.length) throw badInput(problems);
    if (!isId(input.documentId)) throw notFound('Policy document');
    const actor = actorOf(ctx);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PoliciesRepository);
      if (!(await repo.documentById(input.documentId))) throw notFound('Policy document');
      await repo.lockDocument(input.documentId);
      let source: PolicyVersion | null = null;
      if (input.fromVersionId) {
        source = await repo.versionById(input.fromVersionId);
        if (!source) throw notFound('Policy version');
        if (source.documentId !== input.documentId) throw refusal(PolicyErrors.OTHER_DOCUMENT, 'the version belongs to another document', 'fromVersionId');
      } else if (input.bodyZh === undefined) {
        source = await repo.currentVersion(input.documentId);
      }
      const bodyZh = input.bodyZh ?? source?.bodyZh;
      if (!bodyZh) throw refusal(PolicyErrors.NO_SOURCE_VERSION, 'required when the document has no version to start from', 'bodyZh');
      const v = await repo.saveVersion({
        documentId: input.documentId,
        versionNo: await repo.nextVersionNo(input.documentId),
        status: 'draft',
        bodyZh,
        bodyEn: input.bodyEn !== undefined ? input.bodyEn || null : (source?.bodyEn ?? null),
        changeSummary: input.changeSummary?.trim() || null,
        effectiveDate: input.effectiveDate ?? null,
        structure: parsePolicy(bodyZh),
        isMaterial,
        materialCategories: [...(input.materialCategories ?? [])].sort(),
        createdBy: actor.accountId,
        lastEditedBy: actor.accountId,
      });
      await repo.addTransition({
        versionId: v.id,
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorAccountId: actor.accountId,
        actorKind: actor.kind,
        note: source ? `from version ${source.versionNo}` : null,
      });
      tx.audit({ action: 'policy.createDraft', targetType: 'PolicyVersion', targetId: v.id, after: { documentId: v.documentId, versionNo: v.versionNo, fromVersionId: source?.id ?? null } });
      return this.fullView(repo, v);
    });
  }

  private contentProblems(input: { bodyZh?: string; effectiveDate?: string | null }): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (input.bodyZh !== undefined && input.bodyZh !== null && input.bodyZh.trim() === '') problems.push({ field: 'bodyZh', message: 'must not be blank' });
    if (input.effectiveDate && !isCalendarDate(input.effectiveDate)) problems.push({ field: 'effectiveDate', message: 'not a calendar date (YYYY-MM-DD)' });
    return problems;
  }

  /**
   * Edits a draft: body (structure recovered again), English body, change summary, effective
   * date, material flag. History: `edit` (draft -> draft).
   * @throws CONFLICT `STALE_VERSION` when changed meanwhile, `NOT_A_DRAFT`; BAD_USER_INPUT.
   */
  async updateDraft(ctx: RequestContext, input: UpdatePolicyDraftInput): Promise<PolicyVersionView> {
    const problems = this.contentProblems(input);
    if (problems.length) throw badInput(problems);
    const v = await this.findVersion(input.id);
    const isMaterial = input.isMaterial ?? v.isMaterial;
    const categories = input.materialCategories ?? (input.isMaterial === false ? [] : v.materialCategories);
    const mp = materialProblems(isMaterial, categories);
    if (mp.length) throw badInput(mp);
    this.checkExpected(v, input.expectedRowVersion);
    if (v.status !== 'draft') throw PolicyErrors.NOT_A_DRAFT(`Only drafts are edited; this version is ${v.status}`, { status: v.status });
    const actor = actorOf(ctx);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PoliciesRepository);
      const set: Record<string, unknown> = { lastEditedBy: actor.accountId, isMaterial, materialCategories: [...categories].sort() };
      if (input.bodyZh !== undefined && input.bodyZh !== null) Object.assign(set, { bodyZh: input.bodyZh, structure: parsePolicy(input.bodyZh) });
      if (input.bodyEn !== undefined && input.bodyEn !== null) set.bodyEn = input.bodyEn || null;
      if (input.changeSummary !== undefined && input.changeSummary !== null) set.changeSummary = input.changeSummary.trim() || null;
      if (input.effectiveDate !== undefined && input.effectiveDate !== null) set.effectiveDate = input.effectiveDate;
      // Only a draft is updated: the status is part of the condition through row_version + the check above.
      const updated = await repo.updateIfVersion(v.id, v.rowVersion, set);
      if (!updated) throw CoreErrors.STALE_VERSION();
      await repo.addTransition({ versionId: v.id, action: 'edit', fromStatus: 'draft', toStatus: 'draft', actorAccountId: actor.accountId, actorKind: actor.kind });
      tx.audit({
        action: 'policy.editDraft',
        targetType: 'PolicyVersion',
        targetId: v.id,
        after: { fields: Object.keys(set).filter((k) => k !== 'lastEditedBy' && k !== 'structure'), isMaterial, materialCategories: set.materialCategories },
      });
      return this.fullView(repo, updated);
    });
  }

  private checkExpected(v: PolicyVersion, expected: number | undefined | null): void {
    if (expected !== undefined && expected !== null && expected !== v.rowVersion) throw CoreErrors.STALE_VERSION();
  }

  /**
   * draft -> in_review. Needs a body with numbered clauses, a change summary, a consistent material flag.
   * @throws BAD_USER_INPUT `NOT_SUBMITTABLE` naming the fields.
   */
  submit(ctx: RequestContext, input: PolicyTransitionInput): Promise<PolicyVersionView> {
    return this.transition(ctx, input, 'submit', (v) => {
      const problems: FieldProblem[] = [];
      if (v.structure.sections.length === 0) problems.push({ field: 'bodyZh', message: 'no numbered clause found (write sections like "## 1. 标题")' });
      if (!v.changeSummary && v.versionNo > 1) problems.push({ field: 'changeSummary', message: 'a change summary is required to submit' });
      problems.push(...materialProblems(v.isMaterial, v.materialCategories));
      if (problems.length) throw refusal(PolicyErrors.NOT_SUBMITTABLE, problems);
      return {};
    });
  }

  /** in_review or approved -> draft (changes requested); clears the approval. */
  returnToDraft(ctx: RequestContext, input: PolicyTransitionInput): Promise<PolicyVersionView> {
    return this.transition(ctx, input, 'return', () => ({ approvedBy: null, approvedAt: null }));
  }

  /**
   * in_review -> approved. A material version needs a second approver: a `legal` who neither
   * created nor last edited it (self-approval is refused with FORBIDDEN `MAKER_CHECKER`, audited).
   * A non-material version may be approved by its author.
   */
  approve(ctx: RequestContext, input: PolicyTransitionInput): Promise<PolicyVersionView> {
    const actor = actorOf(ctx);
    return this.transition(ctx, input, 'approve', (v) => {
      if (v.isMaterial && (v.createdBy === actor.accountId || v.lastEditedBy === actor.accountId)) {
        throw CoreErrors.MAKER_CHECKER('A material change needs a second approver: someone other than its author');
      }
      return { approvedBy: actor.accountId, approvedAt: new Date() };
    });
  }

  /**
   * approved (or scheduled: re-scheduling) -> scheduled, with the publication instant (now or
   * later) and the effective date (a PRC date not before the publication date). The publication
   * job is enqueued in the same transaction to start at `publishAt`; a sweeper also publishes
   * overdue versions.
   */
  async schedule(ctx: RequestContext, input: SchedulePolicyVersionInput): Promise<PolicyVersionView> {
    const problems: FieldProblem[] = [];
    const publishAt = input.publishAt;
    if (!(publishAt instanceof Date) || Number.isNaN(publishAt.getTime())) problems.push({ field: 'publishAt', message: 'not an instant' });
    else if (publishAt.getTime() < Date.now() - 5 * 60_000) problems.push({ field: 'publishAt', message: 'must not be in the past' });
    if (!isCalendarDate(input.effectiveDate)) problems.push({ field: 'effectiveDate', message: 'not a calendar date (YYYY-MM-DD)' });
    else if (!problems.length && input.effectiveDate < prcDate(publishAt)) problems.push({ field: 'effectiveDate', message: 'must not be before the publication date (PRC)' });
    if (problems.length) throw badInput(problems);
    return this.transition(
      ctx,
      input,
      'schedule',
      () => ({ publishAt, effectiveDate: input.effectiveDate }),
      async (tx, v) => {
        await tx.enqueue(PUBLISH_QUEUE, { versionId: v.id }, { startAfter: publishAt });
      },
    );
  }

  /** draft, in_review, approved or scheduled -> withdrawn (never published). */
  withdraw(ctx: RequestContext, input: PolicyTransitionInput): Promise<PolicyVersionView> {
    return this.transition(ctx, input, 'withdraw', () => ({}));
  }

  /**
   * One of legal's actions: the version the client read (`STALE_VERSION`), the machine
   * (`INVALID_TRANSITION`), then the action's own rules (`check` returns the columns to set), then
   * the guarded update. Audited as `policy.<action>`; a FORBIDDEN refusal is audited as denied.
   */
  private async transition(
    ctx: RequestContext,
    input: PolicyTransitionInput,
    action: PolicyAction,
    check: (v: PolicyVersion) => Record<string, unknown>,
    after?: (tx: Tx, v: PolicyVersion) => Promise<void>,
  ): Promise<PolicyVersionView> {
    const v = await this.findVersion(input.id);
    this.checkExpected(v, input.expectedRowVersion);
    try {
      return await transaction(ctx, async (tx) => {
        // The machine first (CONFLICT for a wrong state), then the action's own rules.
        if (!POLICY_VERSION_MACHINE.can(action, v.status)) throw CoreErrors.INVALID_TRANSITION(`Cannot ${action} a version that is ${v.status}`, { status: v.status });
        const set = check(v);
        await changeVersionStatus(tx, v, action, {
          set,
          note: input.note ?? null,
          audit: {
            action: `policy.${action}`,
            before: { status: v.status },
            after: {
              status: POLICY_VERSION_MACHINE.targets(action)[0],
              versionNo: v.versionNo,
              isMaterial: v.isMaterial,
              ...(action === 'schedule' ? { publishAt: set.publishAt, effectiveDate: set.effectiveDate } : {}),
            },
          },
        });
        const repo = tx.repo(PoliciesRepository);
        const updated = (await repo.versionById(v.id))!;
        await after?.(tx, updated);
        return this.fullView(repo, updated);
      });
    } catch (e) {
      if (e instanceof Error && 'extensions' in e && (e as { extensions: { code?: string } }).extensions.code === 'FORBIDDEN') {
        await auditNow(ctx, { action: `policy.${action}`, outcome: 'denied', targetType: 'PolicyVersion', targetId: v.id, after: { reason: (e as Error).message } });
      }
      throw e;
    }
  }
}
