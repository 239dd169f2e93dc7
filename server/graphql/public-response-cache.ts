import { on } from '../core/events';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RequestContext } from '../core/context';

/**
 * A small in-process cache of anonymous responses to public queries: the public policy page
 * (issue 6) and the public penalty notices board (issue 5). Those responses are the same for every
 * caller and change only when a policy version is published, superseded or withdrawn, a document
 * is created, or a penalty notice is published or withdrawn; rendering the merchant privacy policy
 * (every clause, every version) through GraphQL costs far more than reading it, and the first page
 * of the notices board is what nearly every visitor asks for.
 *
 * Only operations whose root fields are all in PUBLIC_CACHEABLE_FIELDS, sent without a signed-in
 * actor, are cached: nothing permission-dependent ever enters it. Entries are keyed by the query
 * text and variables, hold the `data` of a response without errors, and expire after the TTL
 * (config `publicCacheTtlMs`, 10 s by default: the bound on staleness when another process
 * publishes; expired entries are dropped by timer, not kept until looked up); this process drops
 * them all when a policy changes here (`invalidatePublicResponses`, called after the change commits).
 *
 * Variables are the client's, so the keys are unbounded: the cache is bounded by size, not by
 * count. An entry's size is 2 bytes per character of its key and of its data as JSON (JavaScript
 * strings); the least recently used entries go beyond PUBLIC_CACHE_MAX_BYTES. One entry is at most
 * ~640 KB: an anonymous body is at most 64 KiB and its answer 256 KiB (query-limits.ts, config).
 */
export const PUBLIC_CACHEABLE_FIELDS = new Set(['publicPolicy', 'publicPolicyDocuments', 'publicPolicyVersion', 'publicPenaltyNotices', 'publicViolationCategories', '__typename']);
export const PUBLIC_CACHE_MAX_BYTES = 4 * 1024 * 1024;

/** The cached `data` by key (exported for tests: `size`, `calculatedSize`). */
export const publicResponses = new LRUCache<string, Record<string, unknown>>({
  maxSize: PUBLIC_CACHE_MAX_BYTES,
  sizeCalculation: (data, key) => 2 * (key.length + JSON.stringify(data).length),
  ttlAutopurge: true,
});
let generation = 0;

/** Drops every cached public response (a policy version or document changed). */
export function invalidatePublicResponses(): void {
  generation++;
  publicResponses.clear();
}

/** Modules announce a change of what visitors see (`publicContent.changed`, after commit); the cache drops everything. */
export const publicCacheListener = on('publicContent.changed', () => invalidatePublicResponses());

/** Whether every root field of the operation is a cacheable public field (no fragments, no directives). */
function cacheable(op: OperationDefinitionNode | undefined): boolean {
  if (!op || op.operation !== 'query' || op.directives?.length) return false;
  return op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && !s.directives?.length && PUBLIC_CACHEABLE_FIELDS.has(s.name.value));
}

/** The Apollo plugin serving and filling the cache; entries live `ttlMs` milliseconds. */
export function publicResponseCachePlugin(ttlMs: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      if (contextValue.actor || !request.query) return;
      const key = `${request.operationName ?? ''}\u0000${request.query}\u0000${JSON.stringify(request.variables ?? {})}`;
      const startGeneration = generation;
      let hit = false;
      let eligible = false;
      return {
        async responseForOperation({ operation }): Promise<GraphQLResponse | null> {
          eligible = cacheable(operation);
          if (!eligible) return null;
          const data = publicResponses.get(key);
          if (!data) return null;
          hit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
        async willSendResponse({ response }) {
          if (!eligible || hit || generation !== startGeneration || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || !data) return;
          publicResponses.set(key, data, { ttl: ttlMs });
        },
      };
    },
  };
}
