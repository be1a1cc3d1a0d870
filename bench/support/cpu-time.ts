import os from 'node:os';
import { readFileSync } from 'node:fs';

/**
 * CPU time the whole process (main thread, review workers, libuv's threads) spends from now
 * until the returned function is called, and the machine's load average at the start. On a box
 * that other people load, the wall-clock rate of a bench depends on its share of the cores;
 * the CPU time per review is what a change to the code moves, so the benches print both.
 */
export function cpuMeter(): () => { cpuMs: number; load: number } {
  const load = os.loadavg()[0] ?? Number.NaN;
  const start = process.cpuUsage();
  return () => {
    const { user, system } = process.cpuUsage(start);
    return { cpuMs: (user + system) / 1000, load };
  };
}

/** "CPU 412 ms/review (all threads), load 3.1 at the start" */
export function describeCpu({ cpuMs, load }: { cpuMs: number; load: number }, reviews: number) {
  return `CPU ${(cpuMs / reviews).toFixed(0)} ms/review (all threads), load ${load.toFixed(1)} at the start`;
}

/**
 * CPU time of this process's main thread so far, in ms (Linux: /proc/self/task/<pid>/stat), or
 * undefined elsewhere. The emulator answers every request on that one thread, so its share per
 * review bounds the rate whatever the cores: 100 ms a review caps it at 10 reviews/s.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and
    // 13th, in clock ticks (100 a second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
