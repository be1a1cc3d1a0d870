#!/usr/bin/env node
// Makes sure the browser tests' system tools exist: Debian's chromium (or CHROME_PATH) and
// ffmpeg (fake-camera clips). As root on Debian it installs what is missing with apt-get, so
// `npm ci && npm test` works on a fresh machine; elsewhere it says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = [];
if (!findChromium()) missing.push('chromium');
if (!has('ffmpeg')) missing.push('ffmpeg');
if (missing.length === 0) process.exit(0);

const canApt = process.getuid?.() === 0 && has('apt-get');
if (!canApt) {
  console.error(
    `Missing ${missing.join(' and ')}. Install them (Debian: sudo apt-get install -y ${missing.join(' ')}),` +
      ' or point CHROME_PATH at a Chromium/Chrome binary.',
  );
  process.exit(1);
}
console.log(`Installing ${missing.join(' ')} with apt-get...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
