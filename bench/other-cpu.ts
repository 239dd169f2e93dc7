import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux x86-64). */
const TICKS_PER_S = 100;

interface ProcCpu {
  ppid: number;
  ticks: number;
  postgres: boolean;
}

function readProcs(): Map<number, ProcCpu> {
  const procs = new Map<number, ProcCpu>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return procs; // not Linux: nothing to tell
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      procs.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), postgres: /postgres/.test(cmd) });
    } catch {
      // the process ended meanwhile
    }
  }
  return procs;
}

/** Whether `pid` is the bench itself, one of its descendants (servers, embedded PostgreSQL) or a PostgreSQL process. */
function ours(pid: number, procs: Map<number, ProcCpu>): boolean {
  if (procs.get(pid)?.postgres) return true;
  for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = procs.get(p)?.ppid, hops++) if (p === process.pid) return true;
  return false;
}

/**
 * Starts measuring the CPU that processes outside the bench use (another build, a test run, a
 * browser): call the returned function at the end of the interval to get it, in cores (1.0 = one
 * core busy all along). The bench's own load generator, API processes and PostgreSQL are not
 * counted, unlike the load average, which they alone push above the number of cores.
 */
export function measureOtherCpu(): () => number {
  const before = readProcs();
  const t0 = process.hrtime.bigint();
  return () => {
    const after = readProcs();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    let ticks = 0;
    for (const [pid, p] of after) if (!ours(pid, after)) ticks += p.ticks - (before.get(pid)?.ticks ?? 0);
    return seconds > 0 ? ticks / TICKS_PER_S / seconds : 0;
  };
}
