import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import type { Requirement } from '../../server/graphql/authorize';
import { allowed, MATRIX_ACTORS } from '../../server/graphql/operations';

/** A syntactically valid sample value for a required input type (for schema-driven sweeps). */
export function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = sampleValue(f.type);
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
      case 'Money':
        return 1;
      case 'Boolean':
        return false;
      case 'ID':
        return '1';
      case 'DateTimeISO':
        return new Date().toISOString();
      default:
        return 'sample text';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** `{ query, variables }` calling one root field with sample values for its required args. */
export function sampleOperation(schema: GraphQLSchema, kind: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const varDefs = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${kind === 'Query' ? 'query' : 'mutation'}${varDefs ? `(${varDefs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)]));
  return { query, variables };
}

export function rootFields(schema: GraphQLSchema) {
  return [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({ kind: 'Query' as const, field: f })),
    ...Object.values(schema.getMutationType()!.getFields()).map((f) => ({ kind: 'Mutation' as const, field: f })),
  ];
}

/** Demo sign-ins and the permission-matrix actor (server/graphql/operations.ts) each stands for. */
export const DEMO_LOGINS: [login: string, matrixLabel: string][] = [
  ['reviewer', 'ops_reviewer'],
  ['lead', 'ops_lead'],
  ['legal', 'legal'],
  ['support', 'support'],
  ['finance', 'finance'],
  ['auditor', 'auditor'],
  ['admin', 'admin'],
  ['owner1', 'store owner'],
  ['staff1', 'sub-account'],
];

/**
 * A demo login the permission matrix lets through `requirements` (so a sweep reaches the resolver,
 * not the auth checker); null for a public operation (call it anonymously); undefined when nobody may.
 */
export function loginAllowedFor(requirements: Requirement[] | undefined): string | null | undefined {
  if (allowed(requirements, undefined) !== 'no') return null;
  return DEMO_LOGINS.find(([, label]) => allowed(requirements, MATRIX_ACTORS.find((a) => a.label === label)!.actor) !== 'no')?.[0];
}
