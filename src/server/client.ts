import { ProviderApiError } from './errors.js';
import type { MultipartFile } from './signing.js';
import { encodeMultipart, signRequest } from './signing.js';
import type * as shapes from './types.js';

export interface ProviderClientOptions {
  /** e.g. `https://provider.example` or the emulator's `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** `X-App-Token` and its secret, for `/resources/...` calls. */
  appToken?: string;
  appSecret?: string;
  /** The applicant API's secret key (`sk_...`), for `/publicapi/...` calls. */
  secretKey?: string;
  fetch?: typeof fetch;
  /** Clock in ms (for the signature timestamp). */
  now?: () => number;
  /** Per-request time limit: a provider that hangs must not hang your token endpoint. Default 15 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * The liveness part of an enrolment attempt: the challenge it answers and its clip(s), WebM: one
 * `combined` clip, or `turns` and `reflection`.
 */
export interface EnrolmentLivenessParts {
  challengeId: string;
  clips: { combined?: MultipartFile; turns?: MultipartFile; reflection?: MultipartFile };
}

/** The emulator's default wait for an enrolment verdict when `waitMs` is not given. */
const ENROL_DEFAULT_WAIT_MS = 30_000;

/**
 * The URL a path is sent to, keeping any path prefix of `baseUrl`
 * (`https://host/provider` + `/resources/x` → `https://host/provider/resources/x`).
 */
export function resolveProviderUrl(baseUrl: string, pathWithQuery: string): URL {
  const base = new URL(baseUrl);
  return new URL(base.pathname.replace(/\/+$/, '') + pathWithQuery, base);
}

/** `extraMs`: time the server is asked to hold the request (a long poll) on top of the limit. */
const requestSignal = (opts: ProviderClientOptions, extraMs = 0): AbortSignal =>
  AbortSignal.timeout((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) + extraMs);

export type RequestBody =
  | { json: unknown }
  | { multipart: Record<string, string | MultipartFile> }
  | { raw: Uint8Array | string; contentType: string };

type Query = Record<string, string | number | boolean | undefined>;

const qs = (q: Query): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

const enc = encodeURIComponent;

interface EncodedBody {
  bytes?: Uint8Array | string;
  contentType?: string;
}

function encodeBody(body: RequestBody | undefined): EncodedBody {
  if (!body) return {};
  if ('json' in body) return { bytes: JSON.stringify(body.json), contentType: 'application/json' };
  if ('multipart' in body) {
    const m = encodeMultipart(body.multipart);
    return { bytes: m.body, contentType: m.contentType };
  }
  return { bytes: body.raw, contentType: body.contentType };
}

/** One provider request; the two APIs differ only in their `auth` headers and time limit. */
function send(
  fetchImpl: typeof fetch,
  method: string,
  url: URL,
  { bytes, contentType }: EncodedBody,
  auth: Record<string, string>,
  signal: AbortSignal,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...auth };
  if (contentType) headers['content-type'] = contentType;
  return fetchImpl(url, {
    method,
    headers,
    signal,
    ...(bytes !== undefined
      ? { body: typeof bytes === 'string' ? bytes : Uint8Array.from(bytes) }
      : {}),
  });
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const body = (
      typeof data === 'object' && data !== null ? data : { description: text }
    ) as Record<string, unknown>;
    throw new ProviderApiError(res.status, body);
  }
  return data as T;
}

/** A binary answer (an image, a video) and its type; a failure throws as `parse` does. */
async function readBinary(res: Response) {
  if (!res.ok) await parse(res);
  return {
    data: new Uint8Array(await res.arrayBuffer()),
    mimeType: res.headers.get('content-type') ?? '',
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Host-backend client for the provider: every `/resources` call is signed with the app token
 * (`X-App-Token`, `X-App-Access-Ts`, `X-App-Access-Sig`); `applicants` uses the applicant
 * API's secret key.
 */
export class ProviderClient {
  readonly applicants: ApplicantsClient;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly opts: ProviderClientOptions) {
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
    this.applicants = new ApplicantsClient(opts);
  }

  /** A signed request, returned as is (no status handling): for callers that need the raw response. */
  async signedFetch(method: string, pathWithQuery: string, body?: RequestBody): Promise<Response> {
    const { appToken, appSecret } = this.opts;
    if (!appToken || !appSecret)
      throw new Error('appToken and appSecret are required for /resources calls');
    const encoded = encodeBody(body);
    const ts = Math.floor(this.now() / 1000);
    // Sign what is actually sent: the URL parser may re-encode characters of the given path.
    const url = resolveProviderUrl(this.opts.baseUrl, pathWithQuery);
    const auth = {
      'x-app-token': appToken,
      'x-app-access-ts': String(ts),
      'x-app-access-sig': signRequest({
        secret: appSecret,
        ts,
        method,
        pathWithQuery: url.pathname + url.search,
        body: encoded.bytes,
      }),
    };
    return send(this.fetch, method, url, encoded, auth, requestSignal(this.opts));
  }

  async request<T>(method: string, pathWithQuery: string, body?: RequestBody): Promise<T> {
    return parse<T>(await this.signedFetch(method, pathWithQuery, body));
  }

  /** Access token for the browser, bound to one applicant (`userId`), level and `externalActionId`. */
  createAccessToken(q: shapes.AccessTokenQuery) {
    return this.request<shapes.AccessToken>('POST', `/resources/accessTokens${qs(q)}`);
  }

  createAction(applicantId: string, levelName: string, body: shapes.CreateActionBody) {
    return this.request<shapes.ApplicantAction>(
      'POST',
      `/resources/applicantActions/-/forApplicant/${enc(applicantId)}${qs({ levelName })}`,
      { json: body },
    );
  }

  getAction(actionId: string) {
    return this.request<shapes.ApplicantAction>(
      'GET',
      `/resources/applicantActions/${enc(actionId)}/one`,
    );
  }

  listActions(applicantId: string, q: shapes.ActionListQuery = {}) {
    return this.request<shapes.ActionList>(
      'GET',
      `/resources/applicantActions/-;applicantId=${enc(applicantId)}${qs(q)}`,
    );
  }

  addActionImage(actionId: string, image: MultipartFile & { metadata?: shapes.ImageMetadata }) {
    return this.request<shapes.ActionImage>(
      'POST',
      `/resources/applicantActions/${enc(actionId)}/images`,
      {
        multipart: {
          metadata: JSON.stringify(image.metadata ?? { idDocType: 'SELFIE', country: 'XXX' }),
          content: { content: image.content, fileName: image.fileName, mimeType: image.mimeType },
        },
      },
    );
  }

  submitAction(actionId: string) {
    return this.request<shapes.ApplicantAction>(
      'POST',
      `/resources/applicantActions/${enc(actionId)}/review/status/pending`,
    );
  }

  async getActionImage(actionId: string, imageId: string, opts: { preview?: boolean } = {}) {
    const res = await this.signedFetch(
      'GET',
      `/resources/applicantActions/${enc(actionId)}/images/${enc(imageId)}${qs({ preview: opts.preview })}`,
    );
    return readBinary(res);
  }

  createWebsdkLink(levelName: string, q: shapes.WebsdkLinkQuery) {
    return this.request<shapes.WebsdkLink>(
      'POST',
      `/resources/sdkIntegrations/levels/${enc(levelName)}/websdkLink${qs(q)}`,
    );
  }

  /** Emulator sandbox only: decide the next review of an applicant regardless of the face. */
  setSandboxOutcome(applicantId: string, outcome: shapes.SandboxOutcome) {
    return this.request<shapes.SandboxAck>(
      'POST',
      `/resources/sandbox/applicants/${enc(applicantId)}/nextReview`,
      {
        json: outcome,
      },
    );
  }

  /** Emulator sandbox only: end the hold of an action with a person's answer. */
  releaseHold(actionId: string, answer: shapes.SandboxRelease) {
    return this.request<shapes.ApplicantAction>(
      'POST',
      `/resources/sandbox/applicantActions/${enc(actionId)}/release`,
      { json: answer },
    );
  }
}

/** The applicant API (`Authorization: Bearer <secret key>`). */
export class ApplicantsClient {
  private readonly fetch: typeof fetch;
  constructor(private readonly opts: ProviderClientOptions) {
    this.fetch = opts.fetch ?? fetch;
  }

  async rawFetch(
    method: string,
    path: string,
    body?: RequestBody,
    longPollMs = 0,
  ): Promise<Response> {
    if (!this.opts.secretKey) throw new Error('secretKey is required for applicant calls');
    const encoded = encodeBody(body);
    return send(
      this.fetch,
      method,
      resolveProviderUrl(this.opts.baseUrl, `/publicapi/api/v2${path}`),
      encoded,
      { authorization: `Bearer ${this.opts.secretKey}` },
      requestSignal(this.opts, longPollMs),
    );
  }

  private async call<T>(
    method: string,
    path: string,
    body?: RequestBody,
    longPollMs = 0,
  ): Promise<T> {
    return parse<T>(await this.rawFetch(method, path, body, longPollMs));
  }

  create(body: shapes.CreateApplicantBody) {
    return this.call<shapes.CreatedApplicant>('POST', '/private/Applicants', { json: body });
  }

  list(q: shapes.ApplicantListQuery = {}) {
    return this.call<shapes.ApplicantPage>('GET', `/private/Applicants${qs(q)}`);
  }

  get(applicantId: string) {
    return this.call<shapes.Applicant>('GET', `/private/Applicants/${enc(applicantId)}`);
  }

  /**
   * Absent fields stay; an empty string clears a field. The document answers a bare `200`:
   * `{}` then; the emulator's updated applicant is an extra (read it back with `get`).
   */
  async update(
    applicantId: string,
    body: shapes.UpdateApplicantBody,
  ): Promise<shapes.UpdatedApplicant> {
    const answer = await this.call<shapes.UpdatedApplicant | undefined>(
      'PUT',
      `/private/Applicants/${enc(applicantId)}`,
      { json: body },
    );
    return answer ?? {};
  }

  async delete(applicantId: string): Promise<void> {
    await this.call<unknown>('DELETE', `/private/Applicants/${enc(applicantId)}`);
  }

  /**
   * Resolves when completed; rejects with errorCode 120025 when not. The document answers a bare
   * `200`: `{}` then; the emulator's status fields are extras.
   */
  async completed(applicantId: string): Promise<shapes.ApplicantCompleted> {
    const answer = await this.call<shapes.ApplicantCompleted | undefined>(
      'GET',
      `/public/Applicants/${enc(applicantId)}/Completed`,
    );
    return answer ?? {};
  }

  complete(applicantId: string) {
    return this.call<shapes.ApplicantComplete>(
      'POST',
      `/public/Applicants/${enc(applicantId)}/Complete`,
    );
  }

  attempts(applicantId: string) {
    return this.call<shapes.AttemptList>('GET', `/private/Applicants/${enc(applicantId)}/Attempts`);
  }

  attempt(applicantId: string, attemptId: number) {
    return this.call<shapes.AttemptDetail>(
      'GET',
      `/private/Applicants/${enc(applicantId)}/Attempts/${attemptId}`,
    );
  }

  attemptImages(applicantId: string, attemptId: number) {
    return this.call<shapes.AttemptImages>(
      'GET',
      `/private/Applicants/${enc(applicantId)}/Attempts/${attemptId}/Images`,
    );
  }

  async reNotify(applicantId: string): Promise<void> {
    await this.call<unknown>('POST', `/private/Applicants/${enc(applicantId)}/ReNotify`);
  }

  /**
   * Emulator only: a liveness challenge for the applicant's next enrolment attempt. Show its
   * colours and ask for its turns while recording; send the clip(s) with {@link enrol}.
   */
  livenessChallenge(applicantId: string) {
    return this.call<shapes.LivenessChallenge>(
      'POST',
      `/private/Applicants/${enc(applicantId)}/liveness/challenge`,
    );
  }

  async video(
    applicantId: string,
    attemptId: number,
    kind: 'Video' | 'LivenessActionVideo' = 'Video',
  ) {
    const res = await this.rawFetch(
      'GET',
      `/private/Applicants/${enc(applicantId)}/Attempts/${attemptId}/${kind}`,
    );
    return readBinary(res);
  }

  /**
   * Emulator only: submits a selfie as a main-verification attempt (what the validationLink page
   * does). Waits for the verdict unless `wait` is false; `status` 1 = still being verified.
   */
  enrol(
    applicantId: string,
    image: MultipartFile,
    opts: shapes.EnrolQuery & { video?: MultipartFile; liveness?: EnrolmentLivenessParts } = {},
  ) {
    const parts: Record<string, string | MultipartFile> = { image };
    if (opts.video) parts.video = opts.video;
    if (opts.liveness) {
      parts.challengeId = opts.liveness.challengeId;
      for (const [kind, clip] of Object.entries(opts.liveness.clips)) if (clip) parts[kind] = clip;
    }
    return this.call<shapes.AttemptSummary>(
      'POST',
      `/private/Applicants/${enc(applicantId)}/Attempts${qs({ wait: opts.wait, waitMs: opts.waitMs })}`,
      { multipart: parts },
      opts.wait === false ? 0 : (opts.waitMs ?? ENROL_DEFAULT_WAIT_MS),
    );
  }
}
