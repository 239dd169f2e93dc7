import type { App } from './app';

/**
 * Events a committed change announces to in-process listeners (caches to drop, counters to bump).
 * Modules add their own by declaration merging, beside the code that emits them:
 *
 *   declare module '../../core/events' { interface ConsoleEvents { 'store.statusChanged': { storeId: string } } }
 *
 * An event is delivered after its transaction commits and never when it rolls back. Events are
 * for in-process reactions only: work that must not be lost (a notification, a job) is enqueued
 * inside the transaction instead (`tx.enqueue`), so it exists exactly when the change commits.
 */
export interface ConsoleEvents {
  /** A state machine applied an action to a row (see core/state-machine.ts). */
  transition: TransitionEvent;
  /** What anonymous visitors are shown changed (public policy pages, notices board, category list): cached public responses are dropped. */
  'publicContent.changed': { module: string };
}

export interface TransitionEvent {
  /** The machine's name, e.g. `penalty`, `policyVersion`, `store`. */
  machine: string;
  action: string;
  id: string;
  from: string | null;
  to: string;
  storeId?: string | null;
}

export type EventType = keyof ConsoleEvents;
export type ConsoleEvent = { [K in EventType]: { type: K } & ConsoleEvents[K] }[EventType];

/** A listener of one event type; it runs after commit, so it must not write (errors are logged, never thrown to the caller). */
export interface EventListener<K extends EventType = EventType> {
  type: K;
  handle: (app: App, event: { type: K } & ConsoleEvents[K]) => void;
}

/** Declares a listener (a module lists it in its manifest: `listeners: [...]`). */
export function on<K extends EventType>(type: K, handle: EventListener<K>['handle']): EventListener<K> {
  return { type, handle };
}

const listeners: EventListener<any>[] = [];

/** @internal the composition root installs each module's listeners once (server/modules/module.ts). */
export function addListeners(list: readonly EventListener<any>[]): void {
  for (const l of list) if (!listeners.includes(l)) listeners.push(l);
}

/** @internal delivers committed events, in order; a failing listener is logged and does not stop the others. */
export function deliver(app: App, events: readonly ConsoleEvent[]): void {
  for (const e of events) {
    for (const l of listeners) {
      if (l.type !== e.type) continue;
      try {
        (l.handle as (app: App, e: ConsoleEvent) => void)(app, e);
      } catch (err) {
        app.log.error({ err, event: e.type }, 'event listener failed');
      }
    }
  }
}
