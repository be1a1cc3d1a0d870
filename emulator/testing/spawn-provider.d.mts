/** Types of spawn-provider.mjs (plain JS so test/browser/action/rig.mjs can import it). */
import type { ChildProcess } from 'node:child_process';

export declare function spawnProvider(
  args: string[],
  env?: NodeJS.ProcessEnv,
): { child: ChildProcess; listening: Promise<string>; output: () => string };
