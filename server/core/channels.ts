import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One outbound message. `id` is the idempotency key: a channel given the same id twice sends once. */
export interface OutboundMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
}

/**
 * The gateway to SMS and e-mail providers (policy 2.4). Production plugs real providers in here;
 * every provider we would use accepts a client message id for de-duplication, which `id` maps to.
 */
export interface OutboundChannels {
  /** @returns `true` when sent now, `false` when this id was already sent. */
  send(message: OutboundMessage): Promise<boolean>;
}

/**
 * LOCAL OUTBOX (the default): writes each message as `<dir>/<channel>/<id>.json` instead of
 * contacting a provider. Tests and the demo read the files. Writing with the `wx` flag makes a
 * repeated delivery of the same id a no-op, which is what makes delivery exactly-once.
 * Messages hold invitation codes and mobile numbers in clear: files are 0600 and folders 0700
 * (owner only, whatever the umask), and production refuses this outbox unless
 * ALLOW_LOCAL_OUTBOX=true (config.ts).
 */
export class LocalOutbox implements OutboundChannels {
  constructor(readonly dir: string) {}

  async send(message: OutboundMessage): Promise<boolean> {
    const folder = path.join(this.dir, message.channel);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // Folders made before (or by an older version) are tightened too: mkdir's mode only applies to new ones.
    await chmod(this.dir, 0o700);
    await chmod(folder, 0o700);
    // Written aside, then linked into place: a reader never sees a half-written message, and the
    // link fails with EEXIST when the id was delivered before (exactly once, as `wx` was).
    const aside = path.join(folder, `.${message.id}.${randomUUID()}.tmp`);
    await writeFile(aside, JSON.stringify({ ...message, sentAt: new Date().toISOString() }), { flag: 'wx', mode: 0o600 });
    try {
      await link(aside, path.join(folder, `${message.id}.json`));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      await unlink(aside);
    }
  }

  /** Every message in the outbox of a channel (for tests and the demo). */
  async list(channel: 'sms' | 'email'): Promise<(OutboundMessage & { sentAt: string })[]> {
    const folder = path.join(this.dir, channel);
    const names = await readdir(folder).catch(() => [] as string[]);
    return Promise.all(names.filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await readFile(path.join(folder, n), 'utf8'))));
  }
}
