import type { App } from '../core/app';
import type { MODULES } from './index';
import type { ConsoleModule } from './module';

type ServicesOfModule<M> = M extends ConsoleModule<infer S> ? S : never;
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every module's services, by key (`servicesOf(app).penalties`). */
export type Services = Intersect<ServicesOfModule<(typeof MODULES)[number]>>;

const built = new WeakMap<App, Services>();

/**
 * Builds the services of an app from the modules' manifests, once, in the composition root
 * (bootstrap.ts). This file imports the module list as a type only, so a module may import
 * `servicesOf` without pulling the whole module graph into its own evaluation (import cycles).
 */
export function buildServices(app: App, modules: readonly ConsoleModule[]): Services {
  let s = built.get(app);
  if (!s) built.set(app, (s = Object.assign({}, ...modules.map((m) => m.services?.(app) ?? {})) as Services));
  return s;
}

/** The services of an app (stateless; per-request state lives in RequestContext). */
export function servicesOf(app: App): Services {
  const s = built.get(app);
  if (!s) throw new Error('services are built by the composition root (startConsole) before use');
  return s;
}
