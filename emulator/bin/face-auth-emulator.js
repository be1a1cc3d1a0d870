#!/usr/bin/env node
// The emulator is TypeScript run as is (no build step): tsx compiles it on load, so the
// sources in the repository are what runs.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
