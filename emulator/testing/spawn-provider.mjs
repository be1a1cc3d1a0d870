// Starts the provider emulator as a real process (`node --import tsx emulator/src/main.ts
// --port 0 ...`). Plain JS, so test/browser/action/rig.mjs (loaded by web-test-runner.config.mjs)
// can use it as well as the vitest tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainTs = path.join(root, 'emulator/src/main.ts');

/**
 * Spawns the emulator with `args` after `--port 0`, and `env` added to this process's.
 * Returns the child at once (so a caller can track it before it listens) and `listening`, its
 * URL once it says "listening on"; `listening` rejects, with the child's output, if it exits
 * first.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
export function spawnProvider(args, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs, '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listening = new Promise((resolve, reject) => {
    let output = '';
    const onErr = (chunk) => (output += chunk);
    const onOut = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (!m) return;
      // Stop collecting, but keep the pipes flowing so the child never blocks on a full one.
      child.stdout.off('data', onOut).resume();
      child.stderr.off('data', onErr).resume();
      resolve(m[1]);
    };
    child.stdout.setEncoding('utf8').on('data', onOut);
    child.stderr.setEncoding('utf8').on('data', onErr);
    child.once('exit', (code) =>
      reject(new Error(`provider emulator exited (${code}) before listening:\n${output}`)),
    );
  });
  return { child, listening };
}
