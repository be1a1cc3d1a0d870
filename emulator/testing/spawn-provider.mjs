// Starts the provider emulator as a real process (`node --import tsx emulator/src/main.ts
// --port 0 ...`). Plain JS, so test/browser/action/rig.mjs (loaded by web-test-runner.config.mjs)
// can use it as well as the vitest tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainTs = path.join(root, 'emulator/src/main.ts');

/** What `output()` keeps of the child's stdout and stderr: the start-up lines and a little more. */
const OUTPUT_LIMIT = 64 * 1024;

/**
 * Spawns the emulator with `args` after `--port 0`, and `env` added to this process's (pass
 * secrets here, e.g. `WEBHOOK_SECRET`, not in `args`: arguments are in the process list).
 * Returns the child at once (so a caller can track it before it listens), `listening`, its
 * URL once it says "listening on" (rejects, with the child's output, if it exits first), and
 * `output()`, what it has printed so far (the first 64 KiB).
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
export function spawnProvider(args, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs, '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Kept flowing for the child's whole life, so it never blocks on a full pipe.
  const collect = (chunk) => {
    if (output.length < OUTPUT_LIMIT) output += chunk;
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  const listening = new Promise((resolve, reject) => {
    const onOut = () => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (!m) return;
      child.stdout.off('data', onOut);
      resolve(m[1]);
    };
    child.stdout.on('data', onOut);
    child.once('exit', (code) =>
      reject(new Error(`provider emulator exited (${code}) before listening:\n${output}`)),
    );
  });
  return { child, listening, output: () => output };
}
