/**
 * A fuzz test of every route: valid requests, each mutated a little (query, headers, JSON bodies,
 * multipart parts, methods, duplicated keys, huge numbers, unicode, oversized strings), must
 * never answer 500 nor bring the emulator down. Bounded (FUZZ_COUNT requests, 2,000 by default)
 * and seeded (FUZZ_SEED), so a failure names the request that reproduces it.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/server/index.js';
import type { TestProvider } from '../testing/support.js';
import {
  appToken,
  approvedApplicant,
  enrolledApplicant,
  level,
  makeImage,
  secretKey,
  startTestProvider,
  submitSelfie,
} from '../testing/support.js';
import { createGreenReviewer } from '../testing/reviewers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2000);

/** mulberry32: a small seeded PRNG, so a run can be repeated exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

type Auth = 'app' | 'access' | 'secret' | 'none';
type Part =
  | { name: string; value: string }
  | { name: string; file: Buffer; fileName: string; mimeType: string };
type Body =
  | { kind: 'json'; text: string }
  | { kind: 'multipart'; parts: Part[]; boundary: string | null }
  | { kind: 'raw'; bytes: Buffer };

interface FuzzRequest {
  method: string;
  /** Path segments, each sent percent-encoded unless it is a literal (`raw`). */
  path: { value: string; raw?: boolean }[];
  query: [string, string][];
  headers: [string, string][];
  contentType?: string;
  body?: Body;
  auth: Auth;
}

/** Numbers that broke parsers somewhere once: not finite, too big, not quite numbers. */
const nastyNumbers = [
  '1e309',
  '-1e309',
  '1e300',
  'NaN',
  'Infinity',
  '-Infinity',
  '9'.repeat(400),
  '-0',
  '0x1F',
  '1.5',
  '-1',
  '0',
  '2147483648',
  '9007199254740993',
];

/** Numbers and strings. */
const nastyScalars = [
  ...nastyNumbers,
  '',
  ' ',
  '\u0000',
  '%',
  '😀🙂',
  '\u202Eevil',
  'Ω≈ç√',
  'a'.repeat(6000),
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{}',
  '[]',
  'null',
  'true',
  '__proto__',
  'constructor',
];

const deep = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

const nastyJsonValues: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  '',
  'x'.repeat(100_000),
  '😀',
  '\u0000',
  [],
  [1, 'a', null],
  {},
  { nested: { deeper: [1, 2, 3] } },
  deep(2000),
  'HUGE_NUMBER',
];

/** JSON text with a literal JSON.parse reads as Infinity where `HUGE_NUMBER` was. */
const jsonText = (v: unknown) => JSON.stringify(v).replace(/"HUGE_NUMBER"/g, '1e309');

const nastyContentTypes = [
  'application/json; charset=utf-16',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=nope',
  'text/plain',
  'application/x-www-form-urlencoded',
  'image/jpeg',
  'application/json',
  '',
  ';;;',
  'application/json-patch+json',
];

const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

interface Fixtures {
  applicantId: string;
  referenceId: string;
  enrolledId: string;
  attemptId: number;
  actionId: string;
  imageId: string;
  browserActionId: string;
  accessToken: string;
  externalActionId: string;
  shortCode: string;
  requestId: string;
  websdkCode: string;
  victims: string[];
  files: Record<string, { data: Buffer; mimeType: string }>;
}

const seg = (value: string) => ({ value });
const lit = (value: string) => ({ value, raw: true });
const api = (...rest: { value: string; raw?: boolean }[]) => [
  lit('publicapi'),
  lit('api'),
  lit('v2'),
  ...rest,
];

function filePart(f: Fixtures, name: string, which = 'jpeg'): Part {
  const file = f.files[which]!;
  return { name, file: file.data, fileName: `${which}.bin`, mimeType: file.mimeType };
}

/** A valid request of each route, fresh each time (some take a victim applicant). */
function templates(f: Fixtures, rng: Rng): (() => FuzzRequest)[] {
  const applicant = () => rng.pick([f.applicantId, f.enrolledId]);
  const victim = () => f.victims.pop() ?? 'no-such-applicant';
  const json = (v: unknown): Body => ({ kind: 'json', text: jsonText(v) });
  const secret = (method: string, path: FuzzRequest['path'], extra: Partial<FuzzRequest> = {}) =>
    ({ method, path, query: [], headers: [], auth: 'secret', ...extra }) as FuzzRequest;
  const app = (method: string, path: FuzzRequest['path'], extra: Partial<FuzzRequest> = {}) =>
    ({ method, path, query: [], headers: [], auth: 'app', ...extra }) as FuzzRequest;
  const meta = JSON.stringify({ idDocType: 'SELFIE', country: 'RUS' });
  const actions = [lit('resources'), lit('applicantActions')];
  return [
    () =>
      secret('POST', api(lit('private'), lit('Applicants')), {
        contentType: 'application/json',
        body: json({
          firstName: 'Fuzz',
          lastName: 'Test',
          referenceId: `fz-${rng.int(1e9)}`,
          metadata: { country: 'RUS', idDocType: 'PASSPORT' },
          callbackUrl: 'https://example.test/done',
          status: rng.pick([0, 1]),
        }),
      }),
    () =>
      secret('GET', api(lit('private'), lit('Applicants')), {
        query: [
          ['Page', '1'],
          ['PageSize', '5'],
          ['SortField', rng.pick(['lastName', 'created', 'firstName'])],
          ['Order', 'descending'],
          ['CreatedFrom', '01-01-2020'],
          ['CreatedTo', '01-01-2099'],
          ['TextFilter', 'Fuzz'],
        ],
      }),
    () => secret('GET', api(lit('private'), lit('Applicants'), seg(applicant()))),
    () =>
      secret('GET', api(lit('private'), lit('Applicants'), seg(applicant())), {
        contentType: 'application/json',
        body: json({ lastName: 'ByGet' }),
      }),
    () =>
      secret('PUT', api(lit('private'), lit('Applicants'), seg(applicant())), {
        contentType: 'application/json',
        body: json({ firstName: 'Put', email: 'a@example.test' }),
      }),
    () => secret('DELETE', api(lit('private'), lit('Applicants'), seg(victim()))),
    () => secret('GET', api(lit('public'), lit('Applicants'), seg(applicant()), lit('Completed'))),
    () => secret('POST', api(lit('public'), lit('Applicants'), seg(victim()), lit('Complete'))),
    () => secret('GET', api(lit('private'), lit('Applicants'), seg(f.enrolledId), lit('Attempts'))),
    () =>
      secret('POST', api(lit('private'), lit('Applicants'), seg(victim()), lit('Attempts')), {
        query: [
          ['wait', 'true'],
          ['waitMs', '2000'],
        ],
        body: { kind: 'multipart', boundary: 'fuzzb', parts: [filePart(f, 'image')] },
      }),
    ...['', '/Images', '/Video', '/LivenessActionVideo'].map(
      (tail) => () =>
        secret(
          'GET',
          api(
            lit('private'),
            lit('Applicants'),
            seg(f.enrolledId),
            lit('Attempts'),
            seg(String(f.attemptId)),
            ...(tail ? [lit(tail.slice(1))] : []),
          ),
        ),
    ),
    () => secret('POST', api(lit('private'), lit('Applicants'), seg(applicant()), lit('ReNotify'))),
    () =>
      secret('GET', [
        lit('publicapi'),
        ...api(lit('private'), lit('Applicants'), seg(applicant())),
      ]),
    () =>
      app('POST', [...actions, lit('-'), lit('forApplicant'), seg(f.applicantId)], {
        query: [['levelName', level]],
        contentType: 'application/json',
        body: json({ externalActionId: `fz-${rng.int(1e9)}`, questionnaires: [], email: 'x@y.z' }),
      }),
    () =>
      app(
        'POST',
        [lit('resources'), lit('sdkIntegrations'), lit('levels'), seg(level), lit('websdkLink')],
        {
          query: [
            ['externalUserId', f.referenceId],
            ['externalActionId', `fz-link-${rng.int(1e9)}`],
            ['locale', 'en'],
            ['ttlInSecs', '600'],
          ],
        },
      ),
    () =>
      app('POST', [...actions, seg(f.actionId), lit('images')], {
        body: {
          kind: 'multipart',
          boundary: 'fuzzb',
          parts: [{ name: 'metadata', value: meta }, filePart(f, 'content')],
        },
      }),
    () => app('POST', [...actions, seg(f.actionId), lit('review'), lit('status'), lit('pending')]),
    () => app('GET', [...actions, seg(f.actionId), lit('one')]),
    () =>
      app('GET', [...actions, lit(`-;applicantId=${f.applicantId}`)], {
        query: [
          ['limit', '10'],
          ['offset', '0'],
          ['order', '-createdAt'],
        ],
      }),
    () =>
      app('GET', [...actions, seg(f.actionId), lit('images'), seg(f.imageId)], {
        query: [[rng.pick(['preview', 'isPreview']), rng.pick(['true', 'false'])]],
      }),
    () =>
      app('POST', [lit('resources'), lit('accessTokens')], {
        query: [
          ['userId', f.referenceId],
          ['levelName', level],
          ['externalActionId', `fz-tok-${rng.int(1e9)}`],
          ['ttlInSecs', '600'],
        ],
      }),
    () =>
      app(
        'POST',
        [lit('resources'), lit('sandbox'), lit('applicants'), seg(applicant()), lit('nextReview')],
        {
          contentType: 'application/json',
          body: json({
            target: rng.pick(['action', 'enrolment']),
            reviewAnswer: rng.pick(['GREEN', 'RED', 'ERROR', 'ON_HOLD']),
            rejectLabels: ['FORGERY'],
            reviewRejectType: 'RETRY',
            moderationComment: 'fuzz',
          }),
        },
      ),
    // The browser's four calls with an access token.
    () => ({
      method: 'POST',
      path: [...actions, lit('-'), lit('forApplicant'), lit('-')],
      query: [],
      headers: [],
      contentType: 'application/json',
      body: json({ externalActionId: f.externalActionId }),
      auth: 'access',
    }),
    () => ({
      method: 'POST',
      path: [...actions, seg(f.browserActionId), lit('images')],
      query: [],
      headers: [],
      body: {
        kind: 'multipart',
        boundary: 'fuzzb',
        parts: [{ name: 'metadata', value: meta }, filePart(f, 'content')],
      },
      auth: 'access',
    }),
    () => ({
      method: rng.pick(['POST', 'GET']),
      path: [
        ...actions,
        seg(f.browserActionId),
        ...(rng.chance(0.5) ? [lit('review'), lit('status'), lit('pending')] : [lit('one')]),
      ],
      query: [],
      headers: [],
      auth: 'access',
    }),
    // Pages.
    () => ({
      method: 'GET',
      path: [lit('embedded')],
      query: [['requestId', f.requestId]],
      headers: [],
      auth: 'none',
    }),
    () => ({
      method: 'POST',
      path: [lit('embedded'), lit('attempts')],
      query: [['requestId', f.requestId]],
      headers: [],
      body: { kind: 'multipart', boundary: 'fuzzb', parts: [filePart(f, 'image')] },
      auth: 'none',
    }),
    () => ({
      method: 'GET',
      path: [lit('embedded'), lit('attempts'), lit(String(1 + rng.int(3)))],
      query: [['requestId', f.requestId]],
      headers: [],
      auth: 'none',
    }),
    () => ({
      method: 'GET',
      path: [lit('s'), seg(f.shortCode)],
      query: [],
      headers: [],
      auth: 'none',
    }),
    () => ({
      method: 'GET',
      path: [lit('websdk'), lit('p'), seg(f.websdkCode)],
      query: [],
      headers: [],
      auth: 'none',
    }),
    () => ({
      method: 'GET',
      path: [lit('widget'), lit('cdn'), seg('face-auth.js')],
      query: [],
      headers: [],
      auth: 'none',
    }),
    () => ({
      method: 'GET',
      path: [lit(rng.pick(['openapi.json', 'healthz']))],
      query: [],
      headers: [],
      auth: 'none',
    }),
  ];
}

/** One mutation of a valid request; each returns a description of what it did. */
function mutate(req: FuzzRequest, f: Fixtures, rng: Rng): string {
  const scalar = () => rng.pick(nastyScalars);
  const options: (() => string | null)[] = [
    // a query value that is a number, but not one a handler can use
    () => {
      if (!req.query.length) return null;
      const i = rng.int(req.query.length);
      req.query[i] = [req.query[i]![0], rng.pick(nastyNumbers)];
      return `query ${req.query[i]![0]}=${req.query[i]![1].slice(0, 40)}`;
    },
    // query: a duplicated key, a nasty value, a dropped key, an unknown or nasty key
    () => {
      if (!req.query.length) return null;
      const [k] = rng.pick(req.query);
      req.query.push([k, scalar()]);
      return `duplicated query ${k}`;
    },
    () => {
      if (!req.query.length) return null;
      const i = rng.int(req.query.length);
      req.query[i] = [req.query[i]![0], scalar()];
      return `query ${req.query[i]![0]}=${req.query[i]![1].slice(0, 40)}`;
    },
    () => {
      if (!req.query.length) return null;
      const [k] = req.query.splice(rng.int(req.query.length), 1)[0]!;
      return `dropped query ${k}`;
    },
    () => {
      const k = rng.pick([
        '__proto__',
        'constructor',
        'a[b]',
        '',
        'Page',
        'limit',
        'requestId',
        'ttlInSecs',
      ]);
      req.query.push([k, scalar()]);
      return `added query ${k}`;
    },
    // path: a nasty parameter
    () => {
      const params = req.path.filter((p) => !p.raw);
      if (!params.length) return null;
      const p = rng.pick(params);
      p.value = scalar();
      return `path param ${p.value.slice(0, 40)}`;
    },
    // method
    () => {
      req.method = rng.pick(methods);
      return `method ${req.method}`;
    },
    // auth: none, wrong kind, broken signature or timestamp
    () => {
      const before = req.auth;
      req.auth = rng.pick(['app', 'access', 'secret', 'none'] as const);
      return `auth ${before}→${req.auth}`;
    },
    () => {
      req.headers.push(
        rng.pick<[string, string]>([
          ['x-app-access-ts', rng.pick(['1e309', '-1', '99999999999999999999', ''])],
          ['x-app-access-sig', rng.pick(['', 'zz', 'a'.repeat(64)])],
          ['x-app-token', scalar()],
          ['x-access-token', scalar()],
          ['authorization', rng.pick(['Bearer', 'Bearer ', `Basic ${secretKey}`, 'Bearer a b'])],
        ]),
      );
      return `header ${req.headers.at(-1)![0]}`;
    },
    // content type
    () => {
      req.contentType = rng.pick(nastyContentTypes);
      return `content-type ${req.contentType}`;
    },
    // JSON bodies: a nasty value, invalid text, a new body where none was
    () => {
      if (req.body?.kind !== 'json') return null;
      let value: unknown;
      try {
        value = JSON.parse(req.body.text.replace(/1e309/g, '"HUGE_NUMBER"'));
      } catch {
        return null;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      const obj = value as Record<string, unknown>;
      const key =
        rng.chance(0.8) && Object.keys(obj).length ? rng.pick(Object.keys(obj)) : '__proto__';
      obj[key] = rng.pick(nastyJsonValues);
      req.body = { kind: 'json', text: jsonText(obj) };
      return `json ${key}`;
    },
    () => {
      if (req.body?.kind !== 'json') return null;
      const t = req.body.text;
      req.body = {
        kind: 'json',
        text: rng.pick([
          t.slice(0, t.length >> 1),
          'null',
          '[]',
          '"str"',
          '{',
          '1e309',
          `${t}${t}`,
        ]),
      };
      return `json text ${req.body.text.slice(0, 30)}`;
    },
    () => {
      req.body = rng.pick<Body>([
        { kind: 'json', text: jsonText({ x: rng.pick(nastyJsonValues) }) },
        { kind: 'raw', bytes: Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]) },
        { kind: 'raw', bytes: Buffer.alloc(70_000, 'a') },
        { kind: 'multipart', boundary: 'fuzzb', parts: [{ name: 'x', value: 'y' }] },
      ]);
      return `new body ${req.body.kind}`;
    },
    // multipart: a dropped, duplicated or swapped part, a wrong file, nasty metadata
    () => {
      if (req.body?.kind !== 'multipart' || !req.body.parts.length) return null;
      const [p] = req.body.parts.splice(rng.int(req.body.parts.length), 1);
      return `dropped part ${p!.name}`;
    },
    () => {
      if (req.body?.kind !== 'multipart' || !req.body.parts.length) return null;
      const p = rng.pick(req.body.parts);
      req.body.parts.push({ ...p });
      return `duplicated part ${p.name}`;
    },
    () => {
      if (req.body?.kind !== 'multipart') return null;
      const files = req.body.parts.filter((p) => 'file' in p);
      if (!files.length) return null;
      const p = rng.pick(files) as Extract<Part, { file: Buffer }>;
      const which = rng.pick(Object.keys(f.files));
      const file = f.files[which]!;
      p.file = file.data;
      p.mimeType = rng.chance(0.7)
        ? file.mimeType
        : rng.pick(['image/gif', '', 'image/jpeg; x=y', 'video/mp4', 'IMAGE/PNG', 'a/b/c']);
      p.fileName = rng.pick([p.fileName, '', '😀.jpg', 'a'.repeat(3000), '../../x.jpg']);
      return `file ${which} as ${p.mimeType}`;
    },
    () => {
      if (req.body?.kind !== 'multipart') return null;
      const name = rng.pick(['metadata', 'content', 'image', 'video', 'captureMethod']);
      const i = req.body.parts.findIndex((p) => p.name === name);
      const part: Part = rng.chance(0.5)
        ? {
            name,
            value: rng.pick([
              scalar(),
              JSON.stringify({ idDocType: scalar(), country: scalar() }),
              JSON.stringify({ idDocType: 'SELFIE', country: 'RUS', idDocSubType: scalar() }),
              JSON.stringify([1, 2]),
              JSON.stringify(deep(500)),
              'x'.repeat(200_000),
            ]),
          }
        : filePart(f, name, rng.pick(Object.keys(f.files)));
      if (i >= 0) req.body.parts[i] = part;
      else req.body.parts.push(part);
      return `part ${name} ${'value' in part ? 'text' : 'file'}`;
    },
    () => {
      if (req.body?.kind !== 'multipart') return null;
      req.body.boundary = rng.pick([null, 'other', '']);
      return `multipart framing ${String(req.body.boundary)}`;
    },
  ];
  for (;;) {
    const d = rng.pick(options)();
    if (d) return d;
  }
}

function encodeBody(req: FuzzRequest): { bytes?: Buffer; contentType?: string } {
  const b = req.body;
  if (!b) return { contentType: req.contentType };
  if (b.kind === 'json')
    return { bytes: Buffer.from(b.text), contentType: req.contentType ?? 'application/json' };
  if (b.kind === 'raw') return { bytes: b.bytes, contentType: req.contentType };
  const boundary = 'fuzzb';
  const chunks: Buffer[] = [];
  for (const p of b.parts) {
    const disp = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if ('value' in p) chunks.push(Buffer.from(`${disp}\r\n\r\n${p.value}\r\n`));
    else
      chunks.push(
        Buffer.from(`${disp}; filename="${p.fileName}"\r\nContent-Type: ${p.mimeType}\r\n\r\n`),
        p.file,
        Buffer.from('\r\n'),
      );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const declared =
    b.boundary === null ? 'multipart/form-data' : `multipart/form-data; boundary=${b.boundary}`;
  return { bytes: Buffer.concat(chunks), contentType: req.contentType ?? declared };
}

const encodeSegment = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

/** The request line's path with its query, as sent and as signed. */
function pathWithQuery(req: FuzzRequest): string {
  const path = '/' + req.path.map((p) => (p.raw ? p.value : encodeSegment(p.value))).join('/');
  const q = req.query.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&');
  return q ? `${path}?${q}` : path;
}

interface Sent {
  status: number;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(base: URL, req: FuzzRequest, f: Fixtures): Promise<Sent> {
  const pq = pathWithQuery(req);
  const { bytes, contentType } = encodeBody(req);
  const headers: Record<string, string | string[]> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (bytes) headers['content-length'] = String(bytes.length);
  if (req.auth === 'secret') headers.authorization = `Bearer ${secretKey}`;
  if (req.auth === 'access') headers['x-access-token'] = f.accessToken;
  if (req.auth === 'app') {
    const ts = Math.floor(Date.now() / 1000);
    headers['x-app-token'] = appToken.token;
    headers['x-app-access-ts'] = String(ts);
    headers['x-app-access-sig'] = signRequest({
      secret: appToken.secret,
      ts,
      method: req.method,
      pathWithQuery: pq,
      body: bytes,
    });
  }
  // Header values travel as latin1 bytes: UTF-8 goes as its bytes, control characters go.
  const printable = (c: string) => c === '\t' || (c >= ' ' && c !== '\x7f');
  for (const [k, v] of req.headers)
    headers[k] = [...Buffer.from(v, 'utf8').toString('latin1')].filter(printable).join('');
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: base.hostname, port: base.port, method: req.method, path: pq, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    r.setTimeout(20_000, () => r.destroy(new Error('no answer within 20 s')));
    r.on('error', reject);
    r.end(bytes);
  });
}

let t: TestProvider;
let f: Fixtures;

beforeAll(async () => {
  t = await startTestProvider({
    reviewer: createGreenReviewer(),
    config: {
      sandbox: { enabled: true },
      // The fuzzer is one client hammering guessable routes; its limits are tested elsewhere.
      rateLimits: { guess: { perSecond: 1e6, burst: 1e6 }, tokens: { perSecond: 1e6, burst: 1e6 } },
    },
  });
  const c = t.client;
  const approved = await approvedApplicant(c);
  const enrolled = await enrolledApplicant(c);
  const { action, image } = await submitSelfie(c, approved.applicantId, { submit: false });
  const externalActionId = `fz-browser-${Date.now()}`;
  const { token } = await c.createAccessToken({
    userId: approved.referenceId,
    levelName: level,
    externalActionId,
    ttlInSecs: 3600,
  });
  const browserAction = await c.createAction(approved.applicantId, level, { externalActionId });
  const created = await c.applicants.create({
    firstName: 'Link',
    referenceId: `fz-link-${Date.now()}`,
  });
  const link = await c.createWebsdkLink(level, {
    externalUserId: approved.referenceId,
    externalActionId: `fz-websdk-${Date.now()}`,
  });
  const victims: string[] = [];
  for (let i = 0; i < 40; i++)
    victims.push((await c.applicants.create({ firstName: `Victim ${i}` })).applicantId);
  const jpeg = await makeImage();
  f = {
    applicantId: approved.applicantId,
    referenceId: approved.referenceId,
    enrolledId: enrolled.applicantId,
    attemptId: enrolled.attempt.attemptId,
    actionId: action.id,
    imageId: image.imageId,
    browserActionId: browserAction.id,
    accessToken: token,
    externalActionId,
    shortCode: new URL(created.shortValidationLink).pathname.split('/').pop()!,
    requestId: new URL(created.validationLink).searchParams.get('requestId')!,
    websdkCode: new URL(link.url).pathname.split('/').pop()!,
    victims,
    files: {
      jpeg: { data: jpeg, mimeType: 'image/jpeg' },
      png: { data: await makeImage({ format: 'png' }), mimeType: 'image/png' },
      webp: { data: await makeImage({ format: 'webp' }), mimeType: 'image/webp' },
      tiny: { data: await makeImage({ width: 8, height: 8 }), mimeType: 'image/jpeg' },
      truncated: { data: jpeg.subarray(0, jpeg.length >> 1), mimeType: 'image/jpeg' },
      garbage: { data: Buffer.from('not an image at all'), mimeType: 'image/jpeg' },
      empty: { data: Buffer.alloc(0), mimeType: 'image/jpeg' },
      mp4: {
        data: Buffer.concat([
          Buffer.from([0, 0, 0, 0x18]),
          Buffer.from('ftypisom'),
          Buffer.alloc(64),
        ]),
        mimeType: 'video/mp4',
      },
      webm: { data: Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0]), mimeType: 'video/webm' },
    },
  };
}, 60_000);
afterAll(async () => t?.close());

describe('fuzz', () => {
  it(`${COUNT} mutated requests of every route (seed ${SEED}): no 500, no crash`, async () => {
    const rng = prng(SEED);
    const base = new URL(t.url);
    const routes = templates(f, rng);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    for (let i = 0; i < COUNT; i++) {
      const template = rng.int(routes.length);
      const req = routes[template]!();
      const mutations = [];
      // A tenth go through unchanged, so the valid path is exercised too.
      const n = rng.chance(0.1) ? 0 : 1 + rng.int(3);
      for (let m = 0; m < n; m++) mutations.push(mutate(req, f, rng));
      const t0 = Date.now();
      const res = await send(base, req, f);
      if (process.env.FUZZ_SLOW && Date.now() - t0 > 200)
        console.log(
          `slow #${i} ${Date.now() - t0} ms route ${template} ${req.method} ${pathWithQuery(req).slice(0, 100)} [${mutations.join('; ')}] ${res.status}`,
        );
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        failures.push(
          `#${i} route ${template} ${req.method} ${pathWithQuery(req).slice(0, 200)} [${mutations.join('; ')}] → ${res.status} ${res.body.slice(0, 200)}`,
        );
      }
    }
    const health = await fetch(`${t.url}/healthz`);
    console.log(
      `fuzz: ${COUNT} requests in ${Date.now() - started} ms, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(failures, `seed ${SEED}:\n${failures.slice(0, 30).join('\n')}`).toEqual([]);
    expect(health.status).toBe(200);
  }, 120_000);
});
