import { Brackets, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import type { Action, AppAbility, Subject } from './abilities';

let paramSeq = 0;

type Condition = Record<string, unknown>;

function applyCondition(w: WhereExpressionBuilder, cond: Condition, columns: Record<string, string>, negate: boolean): void {
  const parts: { sql: string; params: ObjectLiteral }[] = [];
  for (const [field, raw] of Object.entries(cond)) {
    const column = columns[field];
    if (!column) throw new Error(`ability condition on "${field}" has no SQL column mapping`);
    const ops = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { $eq: raw };
    for (const [op, value] of Object.entries(ops)) {
      const p = `casl_${++paramSeq}`;
      switch (op) {
        case '$eq':
          parts.push(value === null ? { sql: `${column} IS NULL`, params: {} } : { sql: `${column} = :${p}`, params: { [p]: value } });
          break;
        case '$ne':
          parts.push(value === null ? { sql: `${column} IS NOT NULL`, params: {} } : { sql: `${column} IS DISTINCT FROM :${p}`, params: { [p]: value } });
          break;
        case '$in':
          parts.push({ sql: `${column} = ANY(:${p})`, params: { [p]: value } });
          break;
        case '$nin':
          parts.push({ sql: `NOT (${column} = ANY(:${p}))`, params: { [p]: value } });
          break;
        default:
          throw new Error(`ability operator ${op} has no SQL translation`);
      }
    }
  }
  const sql = parts.length ? parts.map((x) => `(${x.sql})`).join(' AND ') : 'TRUE';
  const params = Object.assign({}, ...parts.map((x) => x.params));
  w.andWhere(negate ? `NOT (${sql})` : sql, params);
}

/**
 * Restricts a list query to the rows the ability allows for `action` on `subject`, in SQL
 * (never by filtering a fetched page). Follows CASL's rule precedence: rules are read from the
 * most recent; an inverted rule excludes its rows, a regular rule adds its rows, a regular rule
 * without conditions allows the rest.
 *
 * @param columns maps each condition field used by the subject's rules to a SQL column expression
 *   (e.g. `{ storeId: 's.id' }`); an unmapped field throws, so a rule can never be silently ignored.
 */
export function whereAccessible<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subject: Subject,
  columns: Record<string, string>,
): SelectQueryBuilder<T> {
  const rules = ability.rulesFor(action, subject);
  const allowed: Condition[] = [];
  const denied: Condition[] = [];
  let unrestricted = false;
  for (const rule of rules) {
    const cond = rule.conditions as Condition | undefined;
    if (rule.inverted) {
      if (!cond) break;
      denied.push(cond);
    } else {
      if (!cond) {
        unrestricted = true;
        break;
      }
      allowed.push(cond);
    }
  }
  if (!unrestricted && allowed.length === 0) return qb.andWhere('FALSE');
  return qb.andWhere(
    new Brackets((outer) => {
      if (!unrestricted) {
        outer.andWhere(
          new Brackets((any) => {
            for (const cond of allowed) any.orWhere(new Brackets((one) => applyCondition(one, cond, columns, false)));
          }),
        );
      }
      for (const cond of denied) outer.andWhere(new Brackets((one) => applyCondition(one, cond, columns, true)));
    }),
  );
}
