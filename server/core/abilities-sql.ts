import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Action, AppAbility, Subject } from './abilities';
import { own } from '../../rules/own';
import type { SqlWhere } from './sql';

let paramSeq = 0;

type Condition = Record<string, unknown>;
/** Binds a value as a query parameter and returns its placeholder. */
type Bind = (value: unknown) => string;

function conditionSql(cond: Condition, columns: Record<string, string>, bind: Bind): string {
  const parts: string[] = [];
  for (const [field, raw] of Object.entries(cond)) {
    const column = own(columns, field);
    if (!column) throw new Error(`ability condition on "${field}" has no SQL column mapping`);
    const ops = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { $eq: raw };
    for (const [op, value] of Object.entries(ops)) {
      switch (op) {
        case '$eq':
          parts.push(value === null ? `${column} IS NULL` : `${column} = ${bind(value)}`);
          break;
        case '$ne':
          parts.push(value === null ? `${column} IS NOT NULL` : `${column} IS DISTINCT FROM ${bind(value)}`);
          break;
        case '$in':
          parts.push(`${column} = ANY(${bind(value)})`);
          break;
        case '$nin':
          parts.push(`NOT (${column} = ANY(${bind(value)}))`);
          break;
        default:
          throw new Error(`ability operator ${op} has no SQL translation`);
      }
    }
  }
  return parts.length ? parts.map((x) => `(${x})`).join(' AND ') : 'TRUE';
}

/**
 * The rows the ability allows for `action` on `subject`, as one SQL boolean expression (never by
 * filtering a fetched page). Follows CASL's rule precedence: rules are read from the most recent;
 * an inverted rule excludes its rows, a regular rule adds its rows, a regular rule without
 * conditions allows the rest.
 *
 * @param columns maps each condition field used by the subject's rules to a SQL column expression
 *   (e.g. `{ storeId: 's.id' }`); an unmapped field throws, so a rule can never be silently ignored.
 */
function accessibleSql(ability: AppAbility, action: Action, subject: Subject, columns: Record<string, string>, bind: Bind): string {
  const allowed: Condition[] = [];
  const denied: Condition[] = [];
  let unrestricted = false;
  for (const rule of ability.rulesFor(action, subject)) {
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
  if (!unrestricted && allowed.length === 0) return 'FALSE';
  const parts: string[] = [];
  if (!unrestricted) parts.push(allowed.map((c) => `(${conditionSql(c, columns, bind)})`).join(' OR '));
  for (const c of denied) parts.push(`NOT (${conditionSql(c, columns, bind)})`);
  return parts.length ? parts.map((x) => `(${x})`).join(' AND ') : 'TRUE';
}

/** Restricts a TypeORM list query to the rows the ability allows (see accessibleSql). */
export function whereAccessible<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, ability: AppAbility, action: Action, subject: Subject, columns: Record<string, string>): SelectQueryBuilder<T> {
  const params: ObjectLiteral = {};
  const sql = accessibleSql(ability, action, subject, columns, (value) => {
    const name = `casl_${++paramSeq}`;
    params[name] = value;
    return `:${name}`;
  });
  return qb.andWhere(sql, params);
}

/** Restricts a hand-written query's WHERE to the rows the ability allows (see accessibleSql). */
export function andAccessible(where: SqlWhere, ability: AppAbility, action: Action, subject: Subject, columns: Record<string, string>): SqlWhere {
  return where.and(accessibleSql(ability, action, subject, columns, (value) => where.param(value)));
}
