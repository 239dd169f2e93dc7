import type { NextFunction, Request, Response } from 'express';
import { defaultFieldResolver, GraphQLError, isNonNullType, isObjectType, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * The shapes of client input that reached the server's runtime instead of a client error (issue 10,
 * item 2), each refused or normalised here, at the edge, so that no resolver, plugin or library
 * sees them: deeply nested JSON, operation types the API does not offer, and explicit nulls for
 * optional arguments.
 */

/**
 * Deepest nesting of arrays and objects accepted in a `/graphql` body (a batch and its variables
 * included). Our deepest input is about 4 levels; a body nested thousands deep would overflow the
 * stack of whatever walks it next (variable coercion, JSON.stringify of a cache key ...).
 */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests arrays/objects deeper than `limit` (iterative: never overflows the stack itself). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** Express middleware after the JSON parser: a body nested deeper than MAX_BODY_DEPTH is HTTP 400 BAD_USER_INPUT. */
export function refuseDeepBodies(req: Request, res: Response, next: NextFunction): void {
  if (!nestedDeeperThan(req.body, MAX_BODY_DEPTH)) return next();
  res.status(400).json({ errors: [{ message: `The request is nested more than ${MAX_BODY_DEPTH} levels deep`, extensions: { code: 'BAD_USER_INPUT', requestId: req.requestId } }] });
}

/**
 * Validation rule: an operation whose type the schema does not offer (a `subscription`: this API
 * has none) is a validation error (HTTP 400), not a failure of execution ("Schema is not
 * configured to execute subscription operation", which surfaced as INTERNAL).
 */
export const KnownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API offers no ${node.operation} operations`, { nodes: [node] }));
    }
  },
});

/**
 * Makes an explicit `null` for an optional argument mean what leaving it out means (its default
 * value, or absent), on every field of the schema that takes arguments: `filter: null`,
 * `page: null`, `sort: null` reached the services as `null` (past their `= {}` defaults and
 * GraphQL's default values) and failed as INTERNAL. Nulls inside input objects keep their meaning
 * ("clear this value") for the services to handle. Mutates and returns `schema`.
 */
export function nullArgumentsAsOmitted(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const optional = field.args.filter((a) => !isNonNullType(a.type));
      if (!optional.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        for (const a of optional) {
          if (args[a.name] !== null) continue;
          if (a.defaultValue !== undefined) args[a.name] = a.defaultValue;
          else delete args[a.name];
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
