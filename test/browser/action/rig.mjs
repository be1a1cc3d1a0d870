// The provider emulator for the browser tests of the provider flow (test/browser/action/**).
// web-test-runner.config.mjs adds `providerRig.plugin` (server commands) and
// `providerRig.middleware` (a fault-injecting proxy at /__provider/<instance>/...).
//
// Emulators start lazily, on the first 'provider' command of an instance, as child processes
// (`node --import tsx emulator/src/main.ts --port 0 ...`) with a temp data dir, the sandbox on
// and CORS for the test page's origin; they stop with the test server. Three instances exist:
//   default       the real review engine (faces decide GREEN/RED), sandbox controls on
//   no-reviewer   no review engine: reviews wait in `queued` forever (the timeout test)
//   shipped       the shipped config as it is (enrolment liveness required), real review engine:
//                 the validationLink page's enrolment with liveness (emulator-pages.test.ts)
// The first two have the shipped config's levels (`face-auth` requires liveness) and one level
// added for tests of other things that send a selfie alone (liveness="off"):
// `face-auth-no-liveness`; and their enrolment does not require liveness, explicitly, because
// the rig's 'enrol' makes the profiles of the action tests from a photo alone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnProvider } from 'face-auth-emulator/testing/spawn';
import { challengedAction, seedChallenge, withoutLiveness } from '../../support/liveness-rig.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const facesDir = path.resolve(root, '../shared/faces');
const providerConfig = JSON.parse(
  readFileSync(path.join(root, 'emulator/provider.config.json'), 'utf8'),
);
const LEVEL = providerConfig.levels[0].name;
// The config's paths are relative to its own folder; the rig's copies live in temp dirs.
const reviewer = path.resolve(root, 'emulator', providerConfig.reviewer);
const shippedConfig = { ...providerConfig, reviewer };
const rigConfig = {
  ...providerConfig,
  reviewer,
  // The action tests' profiles are enrolled from a photo alone ('enrol'): the enrolment's own
  // liveness is tested on the `shipped` instance, through the validationLink page.
  applicants: { ...providerConfig.applicants, liveness: { required: false, reflection: true } },
  levels: [...providerConfig.levels, withoutLiveness(providerConfig.levels[0])],
};
const PROXY_PREFIX = '/__provider/';
/**
 * Liveness challenges to seed, per instance: the proxy fixes the next challenge of the action
 * whose `POST …/liveness/challenge` passes it first (the action exists only once the widget
 * has created it), through the sandbox control, just before forwarding that request.
 */
const pendingSeeds = new Map();

/** @type {Map<string, Promise<{ url: string; client: any; stop: () => Promise<void> }>>} */
const instances = new Map();
/** Every emulator child, so an abrupt exit of the runner can still kill them. */
const children = new Set();
/** Pages opened by 'open-page', by id. */
const pages = new Map();
let pageCount = 0;
/** Enrolments under way ('enrol-begin'), by ticket. */
const enrolments = new Map();
let enrolCount = 0;
/** Faults the proxy injects, in order of arrival; each rule fires `times` times. */
let faults = [];
/** What the proxy saw: `{ instance, method, path, outcome }`, outcome a status or 'dropped'/'aborted'/'hung'. */
let proxyLog = [];

let serverModule;
async function serverApi() {
  // The host-backend helper is TypeScript; tsx loads it into this plain-ESM config.
  if (!serverModule) {
    const { tsImport } = await import('tsx/esm/api');
    serverModule = await tsImport(path.join(root, 'src/server/index.ts'), import.meta.url);
  }
  return serverModule;
}

let cameraModule;
/** test/support/virtual-camera-page.ts (TypeScript, loaded with tsx like the server helper). */
async function virtualCameraApi() {
  if (!cameraModule) {
    const { tsImport } = await import('tsx/esm/api');
    cameraModule = await tsImport(
      path.join(root, 'test/support/virtual-camera-page.ts'),
      import.meta.url,
    );
  }
  return cameraModule;
}

function startInstance(name, origin) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `face-auth-wtr-${name}-`));
  const configFile = path.join(dataDir, 'provider.config.json');
  writeFileSync(configFile, JSON.stringify(name === 'shipped' ? shippedConfig : rigConfig));
  const args = ['--data', dataDir, '--config', configFile, '--sandbox', '--cors-origin', origin];
  if (name === 'no-reviewer') args.push('--reviewer', 'none');
  const { child, listening } = spawnProvider(args);
  children.add(child);
  child.once('exit', () => children.delete(child));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return listening.then(async (url) => {
    const { ProviderClient } = await serverApi();
    const client = new ProviderClient({
      baseUrl: url,
      appToken: providerConfig.appTokens[0].token,
      appSecret: providerConfig.appTokens[0].secret,
      secretKey: providerConfig.secretKeys[0],
    });
    return { url, client, stop };
  });
}

function instance(name = 'default', origin) {
  let p = instances.get(name);
  if (!p) {
    if (!origin) throw new Error(`provider instance ${name} is not started`);
    p = startInstance(name, origin);
    instances.set(name, p);
  }
  return p;
}

async function stopAll() {
  const all = [...instances.values()];
  instances.clear();
  await Promise.all(all.map(async (p) => (await p.catch(() => null))?.stop()));
}

const random = () => Math.random().toString(36).slice(2, 10);

/**
 * A fresh applicant approved through a real main verification of a named photo (the sandbox
 * decides it when `sandbox` is set, e.g. on the instance without a reviewer).
 */
async function enrol(payload) {
  const { client } = await instance(payload?.instance);
  const photo = payload?.photo ?? 'obama-1.jpg';
  const userId = `wtr-${random()}`;
  const { applicantId } = await client.applicants.create({
    firstName: 'Test',
    referenceId: userId,
  });
  if (payload?.sandbox)
    await client.setSandboxOutcome(applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
  const attempt = await client.applicants.enrol(
    applicantId,
    {
      content: readFileSync(path.join(facesDir, path.basename(photo))),
      fileName: path.basename(photo),
      mimeType: 'image/jpeg',
    },
    { waitMs: 90_000 },
  );
  // A cold review engine on a loaded machine may still be deciding: wait (up to 4 minutes) for
  // the applicant's status to leave pending (0).
  let applicant = await client.applicants.get(applicantId);
  for (const end = Date.now() + 240_000; applicant.status === 0 && Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 1000));
    applicant = await client.applicants.get(applicantId);
  }
  return { applicantId, userId, attempt, status: applicant.status };
}

/** Starts the page's `<face-auth>` when it waits on its intro screen. */
async function startWidget(page) {
  await page.evaluate(() => {
    const el = document.getElementById('widget');
    if (el?.status === 'idle') void el.start();
  });
}

/** Server commands; each answers UNHANDLED for commands it does not know. */
async function command(name, payload, session) {
  switch (name) {
    case 'provider': {
      const origin = new URL(session.browser.getPage(session.id).url()).origin;
      const which = payload?.instance ?? 'default';
      const p = await instance(which, origin);
      return { url: p.url, proxy: `${PROXY_PREFIX}${which}`, levelName: LEVEL };
    }
    case 'enrol':
      return enrol(payload);
    case 'enrol-begin': {
      // The same, answered at once: a cold review engine on a loaded machine can take longer
      // than a command's 20 s; the test polls 'enrol-result' with the ticket.
      const ticket = `e${++enrolCount}`;
      enrolments.set(
        ticket,
        enrol(payload).then(
          (value) => ({ done: true, value }),
          (error) => ({ done: true, error: String(error) }),
        ),
      );
      return ticket;
    }
    case 'enrol-result': {
      const pending = enrolments.get(payload.ticket);
      const settled = await Promise.race([pending, new Promise((r) => setTimeout(r, 10_000))]);
      if (settled) enrolments.delete(payload.ticket);
      return settled ?? { done: false };
    }
    case 'access-token': {
      const { client } = await instance(payload?.instance);
      return client.createAccessToken({
        userId: payload.userId,
        levelName: payload.levelName ?? LEVEL,
        externalActionId: payload.externalActionId,
        ...(payload.ttlInSecs ? { ttlInSecs: payload.ttlInSecs } : {}),
      });
    }
    case 'sandbox': {
      const { client } = await instance(payload?.instance);
      const { applicantId, instance: _i, ...outcome } = payload;
      return client.setSandboxOutcome(applicantId, { target: 'action', ...outcome });
    }
    case 'action': {
      const { client } = await instance(payload?.instance);
      return client.getAction(payload.actionId);
    }
    case 'applicant': {
      // A fresh applicant, not enrolled: its validationLink runs the enrolment page.
      const { client } = await instance(payload?.instance);
      const userId = `wtr-${random()}`;
      const a = await client.applicants.create({ firstName: 'Test', referenceId: userId });
      return { applicantId: a.applicantId, userId, validationLink: a.validationLink };
    }
    case 'applicant-view': {
      // The applicant as the provider answers it, with its attempts in full (their labels).
      const { client } = await instance(payload?.instance);
      const applicant = await client.applicants.get(payload.applicantId);
      const attempts = await Promise.all(
        (await client.applicants.attempts(payload.applicantId)).attempts.map((a) =>
          client.applicants.attempt(payload.applicantId, a.attemptId),
        ),
      );
      return { applicant, attempts };
    }
    case 'applicant-status': {
      const { client } = await instance(payload?.instance);
      return (await client.applicants.get(payload.applicantId)).status;
    }
    case 'websdk-link': {
      const { client } = await instance(payload?.instance);
      return client.createWebsdkLink(payload.levelName ?? LEVEL, {
        externalUserId: payload.userId,
        externalActionId: payload.externalActionId,
        ...(payload.locale ? { locale: payload.locale } : {}),
      });
    }
    case 'open-page': {
      // One of the emulator's own pages in a new tab of the test's browser context (same fake
      // camera, camera permission granted). Commands time out after 20 s, so the test polls
      // with 'page-query' and ends with 'page-close'.
      const context = session.browser.getPage(session.id).context();
      const page = await context.newPage();
      const id = `p${++pageCount}`;
      const entry = { page, errors: [], csp: [] };
      pages.set(id, entry);
      page.on('pageerror', (e) => entry.errors.push(String(e)));
      // Every Content-Security-Policy violation the page reports, from before its first script.
      await page.exposeFunction('__reportCspViolation', (v) => entry.csp.push(v));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__reportCspViolation({
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            source: e.sourceFile,
            line: e.lineNumber,
          }),
        );
      });
      // `camera: 'virtual-head'`: the synthetic 3D head of obama-1 instead of the fake camera's
      // still photo, injected into the page (test/support/virtual-camera-page.ts) by
      // 'page-start'; its worker and texture are routed on the page's origin before it loads.
      if (payload.camera) await (await virtualCameraApi()).routeVirtualCamera(page);
      const response = await page.goto(payload.url);
      const headers = response?.headers() ?? {};
      const widget = await page.evaluate(async () => {
        const el = document.getElementById('widget');
        if (!el) return 'no-widget';
        await Promise.race([
          customElements.whenDefined('face-auth'),
          new Promise((r) => setTimeout(r, 10_000)),
        ]);
        const C = customElements.get('face-auth');
        if (!C || !('accessTokenProvider' in C.prototype)) return 'stale';
        return 'ok';
      });
      // A person presses "Start" on the intro screen; the WebSDK page starts by itself. With a
      // virtual camera the test starts it with 'page-start' (one command each: 20 s at most).
      if (widget === 'ok' && !payload.camera && payload.start !== false) await startWidget(page);
      return { pageId: id, widget, headers };
    }
    case 'page-query': {
      const entry = pages.get(payload.pageId);
      const el = await entry.page.$(payload.selector);
      const data = el ? await el.evaluate((n) => ({ ...n.dataset, text: n.textContent })) : null;
      return { data, errors: entry.errors, csp: entry.csp };
    }
    case 'page-start': {
      // The virtual camera (when asked), then the person presses "Start".
      const entry = pages.get(payload.pageId);
      if (payload.camera === 'virtual-head')
        await (await virtualCameraApi()).installVirtualCameraIn(entry.page, 'obama-1.jpg');
      await startWidget(entry.page);
      return true;
    }
    case 'page-eval': {
      // A function's source run in the page with `arg` (e.g. the page's own fetch, under its CSP).
      const entry = pages.get(payload.pageId);
      return entry.page.evaluate(`(${payload.fn})(${JSON.stringify(payload.arg ?? null)})`);
    }
    case 'page-camera': {
      const entry = pages.get(payload.pageId);
      return (await virtualCameraApi()).virtualCameraStats(entry.page);
    }
    case 'page-close': {
      const entry = pages.get(payload.pageId);
      pages.delete(payload.pageId);
      await entry?.page.close();
      return true;
    }
    case 'seed-liveness': {
      // The next challenge asked through the proxy of this instance: { colours, segmentMs, turns }.
      const { instance: which = 'default', ...seed } = payload;
      pendingSeeds.set(which, seed);
      return true;
    }
    case 'faults':
      faults = (payload?.rules ?? []).map((r) => ({ times: 1, ...r }));
      proxyLog = [];
      return true;
    case 'proxy-log':
      return proxyLog;
    default:
      return UNHANDLED;
  }
}

/** What `command` answers for a command that is not the rig's. */
const UNHANDLED = Symbol('unhandled');

function takeFault(method, pathname) {
  const rule = faults.find(
    (r) =>
      r.times > 0 &&
      (!r.method || r.method === method) &&
      (!r.path || new RegExp(r.path).test(pathname)),
  );
  if (rule) rule.times -= 1;
  return rule;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * /__provider/<instance>/<path> → the emulator, same origin as the tests (no CORS), with faults:
 *   { kind: 'status', status, body? }   answer that instead of forwarding
 *   { kind: 'drop' }                    read part of the request, then destroy the connection
 *   { kind: 'hang' }                    read the request, never answer (until the client aborts)
 *   { kind: 'delay', ms }               forward after a pause (e.g. past a token's expiry)
 */
async function middleware(ctx, next) {
  if (!ctx.path.startsWith(PROXY_PREFIX)) return next();
  const rest = ctx.path.slice(PROXY_PREFIX.length);
  const slash = rest.indexOf('/');
  const which = rest.slice(0, slash);
  const pathname = rest.slice(slash);
  const p = instances.get(which);
  if (!p) {
    ctx.status = 502;
    ctx.body = { description: `provider ${which} not started`, code: 502 };
    return undefined;
  }
  const { url } = await p;
  const method = ctx.method;
  const entry = { instance: which, method, path: pathname, outcome: 'pending' };
  proxyLog.push(entry);
  const fault = takeFault(method, pathname);
  const req = ctx.req;
  req.once('close', () => {
    if (!ctx.res.writableEnded && entry.outcome === 'pending') entry.outcome = 'aborted';
  });

  if (fault?.kind === 'drop') {
    await new Promise((resolve) => {
      req.once('data', resolve);
      req.once('end', resolve);
    });
    entry.outcome = 'dropped';
    ctx.status = 499; // for the runner's log only: nothing is sent
    ctx.respond = false;
    req.socket.destroy();
    return undefined;
  }
  const body = await readBody(req).catch(() => Buffer.alloc(0));
  entry.bytes = body.length;
  if (fault?.kind === 'hang') {
    ctx.status = 499;
    ctx.respond = false;
    await new Promise((resolve) => req.socket.once('close', resolve));
    if (entry.outcome === 'pending') entry.outcome = 'aborted';
    return undefined;
  }
  if (fault?.kind === 'status') {
    entry.outcome = fault.status;
    ctx.status = fault.status;
    ctx.body = fault.body ?? {
      description: 'Injected failure',
      code: fault.status,
      correlationId: 'wtr-fault',
    };
    return undefined;
  }
  if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));

  const challenged = challengedAction(method, pathname);
  if (challenged && pendingSeeds.has(which)) {
    const seed = pendingSeeds.get(which);
    pendingSeeds.delete(which);
    const { client } = await p;
    await seedChallenge(client, challenged, seed);
  }

  if (pathname === '/__token') {
    // A host backend's token endpoint (`token-url`): mints an access token for the query's
    // userId/externalActionId with the app token, as a real backend would.
    const q = Object.fromEntries(new URLSearchParams(ctx.querystring));
    const { client } = await p;
    const { token } = await client.createAccessToken({
      userId: q.userId,
      levelName: q.levelName ?? LEVEL,
      externalActionId: q.externalActionId,
      ...(q.ttlInSecs ? { ttlInSecs: Number(q.ttlInSecs) } : {}),
    });
    entry.outcome = 200;
    ctx.body = { token, externalActionId: q.externalActionId };
    return undefined;
  }

  const headers = {};
  for (const [k, v] of Object.entries(ctx.headers)) {
    if (['host', 'connection', 'content-length', 'origin', 'referer'].includes(k)) continue;
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const target = `${url}${pathname}${ctx.querystring ? `?${ctx.querystring}` : ''}`;
  const res = await fetch(target, {
    method,
    headers,
    ...(body.length && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  });
  entry.outcome = res.status;
  ctx.status = res.status;
  const type = res.headers.get('content-type');
  if (type) ctx.type = type;
  ctx.body = Buffer.from(await res.arrayBuffer());
  return undefined;
}

export const providerRig = {
  plugin: {
    name: 'face-auth-provider',
    // web-test-runner reads undefined as "not handled" ("Unknown command"): a command of the rig
    // that answers nothing (a page function that only clicks) answers null.
    executeCommand: async ({ command: name, payload, session }) => {
      const answer = await command(name, payload, session);
      return answer === UNHANDLED ? undefined : (answer ?? null);
    },
    serverStop: stopAll,
  },
  middleware,
};

process.once('exit', () => {
  // Last resort when the runner exits without serverStop: no orphaned emulators.
  for (const child of children) child.kill('SIGKILL');
});
