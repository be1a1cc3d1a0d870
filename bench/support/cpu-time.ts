import os from 'node:os';

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
