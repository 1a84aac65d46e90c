/**
 * How busy the machine is, from /proc/stat (Linux; elsewhere the checks are
 * skipped): other processes running during a point slow it down, so the
 * benchmark waits for them and repeats a disturbed run.
 */
import * as fs from 'fs';

/** CPU time (ms) all processes have used since boot, or undefined without /proc/stat. */
export function machineBusyMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    return (fields.reduce((a, b) => a + b, 0) - idle) * 10; // USER_HZ = 100
  } catch {
    return undefined;
  }
}

/** CPUs kept busy by other processes over `ms` (0..cpus), while this process sleeps. */
export async function busyShare(ms: number): Promise<number | undefined> {
  const a = machineBusyMs();
  await new Promise(resolve => setTimeout(resolve, ms));
  const b = machineBusyMs();
  return a === undefined || b === undefined ? undefined : (b - a) / ms;
}

/** The share above which other processes are taken to disturb a measurement (CPUs). */
export const BUSY_LIMIT = 0.25;

/**
 * Waits until other processes leave the CPUs alone (less than `BUSY_LIMIT`
 * of one CPU busy over a second), for at most `maxS` seconds; returns the
 * share seen last.
 */
export async function waitForQuiet(maxS: number, log: (line: string) => void = () => undefined): Promise<number | undefined> {
  const deadline = Date.now() + maxS * 1000;
  let warned = false;
  for (;;) {
    const share = await busyShare(1000);
    if (share === undefined) return undefined;
    if (share < BUSY_LIMIT || Date.now() > deadline) {
      if (share >= BUSY_LIMIT) log(`  (machine still busy: ${share.toFixed(2)} CPUs used by other processes; measuring anyway)`);
      return share;
    }
    if (!warned) log(`  (waiting for other processes to finish: ${share.toFixed(2)} CPUs busy)`);
    warned = true;
  }
}
