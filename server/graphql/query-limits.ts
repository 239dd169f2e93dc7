import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError, Kind, parse, validate, type ASTVisitor, type OperationDefinitionNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { RequestContext } from '../core/context';

/**
 * GraphQL abuse limits (policy 5.1.1), enforced by graphql-armor, the rules below and the HTTP
 * layer (docs/operations.md, "Request limits"). Every alias counts, `__typename` included
 * (graphql-armor's default lets those through). `maxErrors`: validation stops at the first error
 * (so 50 bad directives cost one error, not 50).
 */
export const LIMITS = { maxDepth: 10, maxAliases: 15, maxCost: 5000, maxTokens: 3000, maxDirectives: 5, maxErrors: 1, bodyBytes: 2 * 1024 * 1024 };

/**
 * Tighter limits for callers without a session: what the public pages (policy, notices board),
 * sign-in and invitation acceptance need, with headroom. Checked on top of LIMITS, once the
 * request's actor is known (anonymousLimitsPlugin); `bodyBytes` is the JSON body limit (http.ts
 * reads the session from the headers before the body).
 */
export const ANONYMOUS_LIMITS = { maxDepth: 6, maxAliases: 3, maxCost: 1000, maxTokens: 600, maxDirectives: 2, maxErrors: 1, bodyBytes: 64 * 1024 };

type Limits = typeof LIMITS;

/** graphql-armor configured with `limits` (field suggestions blocked, every alias counted). */
export function armorFor(limits: Limits): ApolloArmor {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases, allowList: [] },
    costLimit: { maxCost: limits.maxCost },
    // Counted by graphql-js's own parser instead (`parseOptions` in http.ts, `parse` in the anonymous
    // plugin): armor's token plugin throws from a plugin hook, which Apollo answers with HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  });
}

/**
 * Validation rule: a selection set names each response key once. GraphQL merges repeats, so
 * `{ __typename __typename ... }` 500 times costs parsing and validation for nothing (an auditor's
 * "field duplication"); fragments spreading the same field stay allowed.
 */
export const noDuplicateFieldsRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  SelectionSet(node) {
    const seen = new Set<string>();
    for (const s of node.selections) {
      if (s.kind !== Kind.FIELD) continue;
      const key = s.alias?.value ?? s.name.value;
      if (seen.has(key)) {
        context.reportError(new GraphQLError(`Field "${key}" is selected more than once in the same selection set.`, { nodes: s }));
        return false;
      }
      seen.add(key);
    }
    return undefined;
  },
});

/** Whether every root field is a schema introspection field (`__schema`, `__type`; not `__typename`). */
const isIntrospectionOnly = (op: OperationDefinitionNode | null | undefined) =>
  !!op && op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__') && s.name.value !== '__typename');

/**
 * Apollo plugin: an operation sent without a session must also pass ANONYMOUS_LIMITS (tokens,
 * depth, aliases, cost, directives). Apollo's validation rules are the same for every caller, so
 * this check runs once the operation is resolved and the actor known. Introspection (development
 * only: production turns it off) keeps the signed-in LIMITS, so tools without a session still work.
 * @throws GraphQLError GRAPHQL_VALIDATION_FAILED (answered as BAD_USER_INPUT, HTTP 400) naming the limit.
 */
export function anonymousLimitsPlugin(): ApolloServerPlugin<RequestContext> {
  const rules = armorFor(ANONYMOUS_LIMITS).protect().validationRules;
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.actor) return;
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (isIntrospectionOnly(operation)) return;
          let errors: readonly GraphQLError[];
          try {
            if (request.query) parse(request.query, { maxTokens: ANONYMOUS_LIMITS.maxTokens });
            errors = validate(schema, document, rules, { maxErrors: ANONYMOUS_LIMITS.maxErrors });
          } catch (e) {
            errors = [e as GraphQLError];
          }
          if (errors.length) throw refuse(`Without a session: ${errors[0].message.replace(/^Syntax Error: /, '')}`);
        },
      };
    },
  };
}

/**
 * Express middleware (before Apollo's): an answer longer than the caller's bound in bytes
 * (`anonymous` without a session, `signedIn` with one; `res.locals.ctx` is the request's context,
 * built from the headers before the body is read) is replaced by HTTP 400 `RESPONSE_TOO_LARGE`, so a small request cannot
 * make the server send megabytes. What was asked is still computed; mutations' answers are small.
 */
export const responseSizeBound =
  (bounds: { signedIn: number; anonymous: number }): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const bound = (res.locals.ctx as RequestContext | undefined)?.actor ? bounds.signedIn : bounds.anonymous;
      if (typeof body === 'string' && body.length > bound / 3 && Buffer.byteLength(body) > bound) {
        res.status(400);
        return send(
          JSON.stringify({
            errors: [
              {
                message: `The response would be larger than ${bound} bytes: ask for fewer fields, aliases or rows`,
                extensions: { code: 'BAD_USER_INPUT', errorCode: 'RESPONSE_TOO_LARGE', requestId: req.requestId },
              },
            ],
          }),
        );
      }
      return send(body);
    };
    next();
  };
