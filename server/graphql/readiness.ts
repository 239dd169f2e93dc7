import type { App } from '../core/app';

/** The built-in prototypes every object of the process inherits from: what a poisoning write changes. */
const SHARED_PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
];

type Snapshot = Map<PropertyKey, unknown[]>;

/** Each own key of `proto` with the identities its descriptor holds (value or accessor pair). */
function snapshot(proto: object): Snapshot {
  const out: Snapshot = new Map();
  for (const key of Reflect.ownKeys(proto)) {
    const d = Reflect.getOwnPropertyDescriptor(proto, key)!;
    out.set(key, [d.value, d.get, d.set]);
  }
  return out;
}

/** Taken when the HTTP layer is loaded, before any request: the prototypes as the runtime made them. */
const PRISTINE = SHARED_PROTOTYPES.map(([name, proto]) => [name, proto, snapshot(proto)] as const);

/**
 * Names of the shared prototypes that changed since start-up (a key added, removed or replaced), e.g.
 * `Object.prototype` after a client-chosen key wrote into it (issue 10, item 1). Such a process
 * answers wrongly for everyone until it restarts, so it must not report ready.
 */
export function alteredPrototypes(): string[] {
  return PRISTINE.filter(([, proto, before]) => {
    const now = snapshot(proto);
    if (now.size !== before.size) return true;
    for (const [key, parts] of now) {
      const was = before.get(key);
      if (!was || parts.some((p, i) => p !== was[i])) return true;
    }
    return false;
  }).map(([name]) => name);
}

export interface Readiness {
  ready: boolean;
  /** `ready`, `migrations pending`, `database unavailable` or `shared state altered`. */
  status: string;
}

/**
 * Whether this process can serve requests (`GET /readyz`): its shared prototypes are as at start-up,
 * a query goes through the same path requests take (TypeORM's query builder, the pool, a round trip
 * to PostgreSQL: one indexed row of `account`), and no migration is pending.
 */
export async function readiness(app: App): Promise<Readiness> {
  const altered = alteredPrototypes();
  if (altered.length) {
    app.log.error({ altered }, 'not ready: shared prototypes altered since start-up; restart the process');
    return { ready: false, status: 'shared state altered' };
  }
  try {
    await app.dataSource.createQueryBuilder().select('a.id', 'id').from('account', 'a').orderBy('a.id').limit(1).getRawMany();
    const pending = await app.dataSource.showMigrations();
    return pending ? { ready: false, status: 'migrations pending' } : { ready: true, status: 'ready' };
  } catch (err) {
    app.log.warn({ err: { type: (err as Error)?.constructor?.name } }, 'not ready: database check failed');
    return { ready: false, status: 'database unavailable' };
  }
}
