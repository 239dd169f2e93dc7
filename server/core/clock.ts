import type { App } from './app';

/** The current instant: `app.clock` when set (tests move time to a chosen PRC date), else the system clock. */
export function now(app: App): Date {
  return app.clock ? app.clock() : new Date();
}
