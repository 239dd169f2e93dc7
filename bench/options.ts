/** Command-line flags of `npm run bench`. */
export interface BenchOptions {
  /** Merchants (and their accounts and stores) in the dataset. */
  merchants: number;
  /** Penalties (each with its public notice) in the dataset; default = merchants. */
  penalties: number;
  /** Disputes (each with 0-5 messages) in the dataset; default = merchants. */
  disputes: number;
  /** Seconds each scenario is driven, for the API and again for its SQL ceiling. */
  durationS: number;
  /** Concurrent HTTP connections (API) and concurrent pg clients (SQL ceiling). */
  connections: number;
  /** Keep an existing dataset of the same size instead of generating it again. */
  reuse: boolean;
  /** Scenario names to run; undefined = all. */
  only?: string[];
  /** API processes serving the load (WEB_CONCURRENCY of `npm start`); 1 = the single capture-capable server. */
  processes: number;
}

export const USAGE = `Usage: npm run bench -- [--merchants N] [--penalties P] [--disputes D] [--duration S] [--connections C] [--reuse] [--only a,b] [--processes N]

  --merchants N     merchants in the dataset (default 1000000)
  --penalties P     penalties with their public notices (default = merchants)
  --disputes D      disputes with their messages (default = merchants)
  --duration S      seconds per scenario, API and SQL ceiling each (default 15)
  --connections C   concurrent HTTP connections and pg clients (default 8)
  --reuse           keep the dataset when one of that size exists
  --only a,b        run only these scenarios; "fanout" (publish a material policy version and
                    time its notification to every merchant) runs only when named here
  --processes N     API worker processes serving the load (node:cluster, as WEB_CONCURRENCY=N
                    npm start); SQL is still captured on a single server (default 1)

Environment: DATABASE_URL picks the PostgreSQL server (the bench uses its own database
"merchant_console_bench" there); unset = embedded PostgreSQL under bench/.data/pg.`;

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(String(raw ?? '').replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number >= 1, got "${raw ?? ''}"`);
  return n;
}

/** @throws Error naming the flag for an unknown flag or a bad value. */
export function parseOptions(argv: string[]): BenchOptions {
  const opts: BenchOptions = { merchants: 1_000_000, penalties: 0, disputes: 0, durationS: 15, connections: 8, reuse: false, processes: 1 };
  let penalties: number | undefined;
  let disputes: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--merchants':
        opts.merchants = positiveInt(flag, value());
        break;
      case '--penalties':
        penalties = positiveInt(flag, value());
        break;
      case '--disputes':
        disputes = positiveInt(flag, value());
        break;
      case '--duration':
        opts.durationS = positiveInt(flag, value());
        break;
      case '--connections':
        opts.connections = positiveInt(flag, value());
        break;
      case '--processes':
        opts.processes = positiveInt(flag, value());
        break;
      case '--reuse':
        opts.reuse = true;
        break;
      case '--only':
        opts.only = String(value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default:
        throw new Error(`unknown flag "${argv[i]}"\n\n${USAGE}`);
    }
  }
  opts.penalties = penalties ?? opts.merchants;
  opts.disputes = disputes ?? opts.merchants;
  return opts;
}
