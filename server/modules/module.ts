import { addPermissions, type PermissionContributor } from '../core/abilities';
import type { App } from '../core/app';
import type { ErrorFactory } from '../core/errors';
import { addListeners, type EventListener } from '../core/events';
import { addQueues, type Queue } from '../core/jobs/jobs';
import type { Machine } from '../core/state-machine';
import type { Router } from 'express';
import { addRevealable, type Revealable } from './personal-data/revealable';

/**
 * What a module contributes, exported by its `index.ts` (see docs/architecture.md, "Adding a
 * module"). Nothing registers itself at import: the composition root (modules/index.ts) lists the
 * modules once and installs their parts.
 */
export interface ConsoleModule<S extends object = object> {
  name: string;
  /** TypeORM entities (listed, never globbed). */
  entities?: Function[];
  /** type-graphql resolver classes. */
  resolvers?: Function[];
  /** The module's services, built once per app: `servicesOf(app).<key>`. */
  services?: (app: App) => S;
  permissions?: PermissionContributor[];
  /** Sensitive fields `revealPersonalData` may unmask. */
  revealable?: Revealable[];
  queues?: Queue[];
  listeners?: EventListener<any>[];
  /** The module's business refusals (`<module>.errors.ts`), checked against the UI's translations. */
  errors?: Record<string, ErrorFactory>[];
  /** State machines, for the generated docs (docs/state-machines.md). */
  machines?: Machine<any, any>[];
  /** HTTP routes outside GraphQL (raw file bodies: server/graphql/raw-body-route.ts), its paths under `/uploads/` (answered 404 as JSON and never by the UI's page fallback). */
  routes?: (app: App) => Router;
}

/** Declares a module (typed identity: keeps the services' type for `Services`). */
export function defineModule<S extends object>(m: ConsoleModule<S>): ConsoleModule<S> {
  return m;
}

const installed = new WeakSet<readonly ConsoleModule[]>();

/** Installs the modules' permissions, revealable fields, queues and listeners (once per module list). */
export function installModules(modules: readonly ConsoleModule[]): void {
  if (installed.has(modules)) return;
  installed.add(modules);
  for (const m of modules) {
    addPermissions(m.permissions ?? []);
    addRevealable(m.revealable ?? []);
    addQueues(m.queues ?? []);
    addListeners(m.listeners ?? []);
  }
}
