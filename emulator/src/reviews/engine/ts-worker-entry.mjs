// Bootstrap for worker threads whose code is TypeScript. Workers do not inherit the parent's
// loader (tsx under `npm run provider`, vite-node under vitest), and `execArgv: ['--import',
// 'tsx']` does not take effect in a worker on Node 20, so register tsx's ESM hooks here, then load
// the real worker module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.moduleUrl);
