import { Client } from 'pg';
import type { Logger } from 'pino';

/** Private channel of `barrier()`. */
const BARRIER_CHANNEL = 'mc_change_feed_barrier';

/** A subscription: whether its channel is being listened to right now. */
export interface Subscription {
  readonly live: boolean;
}

interface Channel {
  fns: (() => void)[];
  listening: boolean;
}

/**
 * What other processes committed, as PostgreSQL notifications (LISTEN/NOTIFY on one dedicated
 * connection), so in-process caches can drop what changed. Triggers in the database send them
 * (e.g. `actor_changed`, migrations/1795990000000-actor-change-notify.ts), so every writer is
 * covered: any worker process, any replica, a script, psql.
 *
 * A cache may serve only while its subscription is `live` (the channel is being listened to): a
 * notification sent while the connection was down is lost, so subscribers are also called when
 * listening starts or stops. Reconnection retries every `retryMs`.
 */
export class ChangeFeed {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private readonly channels = new Map<string, Channel>();
  private readonly barriers = new Map<string, () => void>();
  private barrierSeq = 0;

  private constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly retryMs: number,
  ) {}

  /** Connects (channels are listened to as they are subscribed). Never throws: a failed connection is retried. */
  static async start(url: string, log: Logger, opts: { retryMs?: number } = {}): Promise<ChangeFeed> {
    const feed = new ChangeFeed(url, log, opts.retryMs ?? 1_000);
    await feed.connect();
    return feed;
  }

  /**
   * Calls `fn` on every notification of `channel`, and whenever listening starts or stops (what
   * changed meanwhile is unknown). The subscription is `live` only while the channel is listened to.
   */
  subscribe(channel: string, fn: () => void): Subscription {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    let c = this.channels.get(channel);
    if (!c) {
      c = { fns: [], listening: false };
      this.channels.set(channel, c);
      if (this.client) void this.listen(this.client, channel, c);
    }
    c.fns.push(fn);
    const state = c;
    return {
      get live() {
        return state.listening;
      },
    };
  }

  /**
   * This process committed a change: every subscriber drops what it holds now, synchronously, so
   * the process's next request sees the change (other processes see it when its notification arrives).
   */
  committedHere(): void {
    this.dropAll();
  }

  /** Calls every subscriber: whatever it holds may be stale. */
  private dropAll(): void {
    for (const c of this.channels.values()) for (const fn of c.fns) fn();
  }

  /**
   * Resolves once every notification committed before the call has reached this feed's
   * subscribers: it sends a notification of its own on a private channel, which PostgreSQL
   * delivers after those committed earlier. For tests and tools that change the database directly
   * and then expect the console to know (the console's own commits need none: committedHere).
   * Resolves at once while the feed is down (nothing is cached then).
   */
  async barrier(): Promise<void> {
    const client = this.client;
    if (!client || ![...this.channels.values()].some((c) => c.listening)) return;
    const token = `${process.pid}-${++this.barrierSeq}`;
    const arrived = new Promise<void>((resolve) => this.barriers.set(token, resolve));
    try {
      await client.query('SELECT pg_notify($1, $2)', [BARRIER_CHANNEL, token]);
    } catch {
      this.barriers.delete(token);
      return;
    }
    await arrived;
  }

  private releaseBarriers(): void {
    for (const release of this.barriers.values()) release();
    this.barriers.clear();
  }

  private async listen(client: Client, name: string, c: Channel): Promise<void> {
    try {
      await client.query(`LISTEN ${name}`);
      if (this.client !== client) return;
      c.listening = true;
      for (const fn of c.fns) fn();
    } catch {
      this.lost(client);
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, application_name: 'merchant-console-changes' });
    client.on('notification', (n) => {
      if (n.channel === BARRIER_CHANNEL) {
        this.barriers.get(n.payload ?? '')?.();
        this.barriers.delete(n.payload ?? '');
        return;
      }
      for (const fn of this.channels.get(n.channel)?.fns ?? []) fn();
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
    } catch (err) {
      this.log.warn({ err: { message: (err as Error).message } }, 'change feed: cannot connect; caches are bypassed until it can');
      this.lost(client);
      return;
    }
    try {
      await client.query(`LISTEN ${BARRIER_CHANNEL}`);
    } catch {
      this.lost(client);
      return;
    }
    for (const [name, c] of this.channels) await this.listen(client, name, c);
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.releaseBarriers();
    for (const c of this.channels.values()) c.listening = false;
    this.dropAll();
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (!this.stopped) this.retry = setTimeout(() => void this.connect(), this.retryMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    for (const c of this.channels.values()) c.listening = false;
    this.releaseBarriers();
    await client?.end().catch(() => undefined);
  }
}
