import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** A verification level: what `levelName` refers to in actions, tokens and WebSDK links. */
export interface LevelConfig {
  name: string;
  /** Only face authorization is emulated; kept as a field so the config reads like the real dashboard. */
  type: 'faceAuthorization';
  description?: string;
  /** Overrides of the applicant's `validationRequestSettings` for reviews at this level. */
  thresholds?: { faceValidationPercent?: number; qualityScore?: number };
  /**
   * Server-side liveness for actions at this level (`src/liveness/README.md`): `required` makes a
   * submit need a challenge and its clip(s); `reflection` runs the screen-colour check as well as
   * the head turns. Off when absent.
   */
  liveness?: { required: boolean; reflection: boolean };
}

export interface WebhookConfig {
  url: string;
  /** Secret for `X-Payload-Digest` (HMAC-SHA256 hex of the raw body). */
  secret: string;
  /** Webhook types to send; all when absent. */
  types?: string[];
}

export interface ValidationRequestSettings {
  faceValidationPercent: number;
  documentValidationPercent: number;
  qualityScore: number;
  livenessReflectionScore: number;
  antiSpoofingPercent: number;
}

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface ProviderConfig {
  clientId: string;
  /** The single account the emulator hosts; the applicant API's `accountId`. */
  accountId: string;
  /** The applicant API's `Authorization: Bearer <secret key>` keys. */
  secretKeys: string[];
  /** The Actions API's `X-App-Token` tokens with their signing secrets. */
  appTokens: { token: string; secret: string }[];
  levels: LevelConfig[];
  applicants: {
    attemptsLimit: number;
    /** How long attempt images stay viewable (the applicant API's error 120032 after that). */
    imagesAvailableForSecs: number;
    /** false: the account may not view attempt images at all (the applicant API's error 120032). */
    canViewImages: boolean;
    validationRequestSettings: ValidationRequestSettings;
    /**
     * Server-side liveness for enrolment attempts (the validationLink page, the scripted
     * `…/Attempts` submit): `required` makes an attempt need a challenge and its clip(s), as a
     * level's `liveness` does for actions, so the profile face is live too. Off when absent.
     */
    liveness?: { required: boolean; reflection: boolean };
  };
  images: {
    maxBytes: number;
    mimeTypes: string[];
    minSide: number;
    maxSide: number;
    previewMaxSide: number;
    /**
     * Images one attempt of an action may hold (the review judges the last one); an action holds
     * at most this times `maxAttemptsPerAction`. More are refused with 409 1022 before decoding.
     */
    maxPerAttempt: number;
    /**
     * Uploads decoded at once, process-wide (a 40-megapixel progressive JPEG takes ~120 MB while
     * it decodes); the others wait their turn. null: the number of cores, at most 4.
     */
    maxConcurrentDecodes: number | null;
    /**
     * Upload requests (images, enrolment photos and videos) in flight at once, from their headers
     * to their answer: each holds its body, up to the upload limit, and copies of it while it is
     * parsed and waits for a decode. More are refused with 503 and Retry-After before their body
     * is read.
     */
    maxUploadsInFlight: number;
  };
  /** The optional enrolment video: allowed types (the bytes must agree) and size. */
  videos: { maxBytes: number; mimeTypes: string[] };
  accessTokens: { defaultTtlInSecs: number; maxTtlInSecs: number };
  websdk: { defaultTtlInSecs: number; widgetScript: string | null };
  webhooks: WebhookConfig[];
  webhookRetry: {
    /**
     * The waits before each retry of a failed delivery, in order: a delivery is tried
     * `delaysMs.length + 1` times, then it is dead (kept, and sent again on a resend).
     */
    delaysMs: number[];
    /** One delivery's limit: a receiver that has not answered by then has failed this try. */
    timeoutMs: number;
    /** Deliveries in flight at once, each to a different receiver (URL origin). */
    concurrency: number;
  };
  /**
   * Submissions one action may have: RED with RETRY on the last one becomes FINAL, and images for
   * a further attempt are refused (409).
   */
  maxAttemptsPerAction: number;
  /**
   * A reviewer that throws, or does not answer within `timeoutMs`, is retried (backoff doubling
   * from initialDelayMs); after `maxTries` tries the review completes as ERROR.
   * A job whose every try was cut off by the process dying also completes as ERROR at the next start.
   */
  reviewRetry: { maxTries: number; initialDelayMs: number; timeoutMs: number };
  cors: { origins: string[] };
  /**
   * How long a client may take (Node's HTTP server): the request line and headers
   * (`headersTimeoutMs`), the whole request with its body (`requestTimeoutMs`), an idle keep-alive
   * connection (`keepAliveTimeoutMs`), and a connection with no traffic at all
   * (`connectionTimeoutMs`: longer than the longest answer the emulator may hold back, a
   * `waitMs` of 120 s). `jsonBodyLimitBytes` bounds the body of every route that takes no upload.
   */
  http: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    connectionTimeoutMs: number;
    jsonBodyLimitBytes: number;
  };
  /**
   * Token buckets per caller (app token, access token, or IP when anonymous): `guess` for the
   * routes that answer whether a code in a link exists (`/s/`, `/websdk/p/`, `/embedded`),
   * `tokens` for those that mint credentials (access tokens, WebSDK links). 429 with Retry-After
   * past them.
   */
  rateLimits: { guess: RateLimit; tokens: RateLimit };
  /**
   * Submissions are refused with 503 and Retry-After while the review queue holds more than the
   * reviewer clears within `latencyBudgetMs` (its concurrency over its measured review time;
   * `initialReviewMs` until a review has been timed). Off without a reviewer: reviews then wait
   * in `queued` by design.
   */
  admission: { latencyBudgetMs: number; initialReviewMs: number };
  sandbox: { enabled: boolean };
  signatureSkewSecs: number;
  /**
   * `path/to/module.ts#exportName` of a FaceReviewer (factory); null = none, reviews wait in
   * `queued`. Relative to the config file when written there, to the cwd when given as a flag/env.
   */
  reviewer: string | null;
  /** Base URL used in links the emulator hands out; defaults to `http://localhost:<port>`. */
  publicUrl?: string | null;
}

/**
 * The retry schedule of a config file from before `webhookRetry.delaysMs`: waits doubling from
 * `initialDelayMs` up to `maxDelayMs`, for `maxAttempts` tries in all.
 */
interface ExponentialRetry {
  initialDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/** The waits of an exponential schedule, one per retry. */
export function exponentialDelays(r: ExponentialRetry): number[] {
  return Array.from({ length: Math.max(0, r.maxAttempts - 1) }, (_, i) =>
    Math.min(r.maxDelayMs, r.initialDelayMs * 2 ** i),
  );
}

/**
 * A config file as written: files from before `videos`, `maxAttemptsPerAction`,
 * `reviewRetry.timeoutMs`, `webhookRetry.concurrency`, `webhookRetry.delaysMs` and the load limits
 * (`images.maxPerAttempt`, `images.maxConcurrentDecodes`, `images.maxUploadsInFlight`, `http`,
 * `rateLimits`, `admission`) existed leave them out ({@link loadConfigFile} fills them in).
 */
type ImageLimitKeys = 'maxPerAttempt' | 'maxConcurrentDecodes' | 'maxUploadsInFlight';

type ProviderConfigFile = Omit<
  ProviderConfig,
  | 'videos'
  | 'maxAttemptsPerAction'
  | 'reviewRetry'
  | 'webhookRetry'
  | 'images'
  | 'http'
  | 'rateLimits'
  | 'admission'
> & {
  videos?: ProviderConfig['videos'];
  maxAttemptsPerAction?: number;
  reviewRetry: Omit<ProviderConfig['reviewRetry'], 'timeoutMs'> & { timeoutMs?: number };
  webhookRetry: Omit<ProviderConfig['webhookRetry'], 'concurrency' | 'delaysMs'> & {
    concurrency?: number;
  } & ({ delaysMs: number[] } | ExponentialRetry);
  images: Omit<ProviderConfig['images'], ImageLimitKeys> &
    Partial<Pick<ProviderConfig['images'], ImageLimitKeys>>;
  http?: Partial<ProviderConfig['http']>;
  rateLimits?: Partial<ProviderConfig['rateLimits']>;
  admission?: Partial<ProviderConfig['admission']>;
};

/** What a config file that leaves out a limit gets. */
const defaultLimits = {
  images: { maxPerAttempt: 5, maxConcurrentDecodes: null, maxUploadsInFlight: 16 },
  http: {
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
    keepAliveTimeoutMs: 5_000,
    connectionTimeoutMs: 130_000,
    jsonBodyLimitBytes: 64 * 1024,
  },
  rateLimits: {
    guess: { perSecond: 5, burst: 30 },
    tokens: { perSecond: 20, burst: 100 },
  },
  admission: { latencyBudgetMs: 30_000, initialReviewMs: 2_000 },
} satisfies Pick<ProviderConfig, 'http' | 'rateLimits' | 'admission'> & {
  images: Pick<ProviderConfig['images'], ImageLimitKeys>;
};

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

export const defaultConfigPath = fileURLToPath(
  new URL('../../provider.config.json', import.meta.url),
);

/** Reads a config file, with the defaults of the fields it may leave out filled in once, here. */
export function loadConfigFile(file: string = defaultConfigPath): ProviderConfig {
  const written = JSON.parse(readFileSync(path.resolve(file), 'utf8')) as ProviderConfigFile;
  return {
    ...written,
    videos: written.videos ?? { maxBytes: 4 * 1024 * 1024, mimeTypes: ['video/mp4', 'video/webm'] },
    maxAttemptsPerAction: written.maxAttemptsPerAction ?? 3,
    reviewRetry: { ...written.reviewRetry, timeoutMs: written.reviewRetry.timeoutMs ?? 120_000 },
    webhookRetry: {
      delaysMs:
        'delaysMs' in written.webhookRetry
          ? written.webhookRetry.delaysMs
          : exponentialDelays(written.webhookRetry),
      timeoutMs: written.webhookRetry.timeoutMs,
      concurrency: written.webhookRetry.concurrency ?? 8,
    },
    images: { ...defaultLimits.images, ...written.images },
    http: { ...defaultLimits.http, ...written.http },
    rateLimits: { ...defaultLimits.rateLimits, ...written.rateLimits },
    admission: { ...defaultLimits.admission, ...written.admission },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars replace. */
export function mergeConfig<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const cur = out[k];
    out[k] = isPlainObject(cur) && isPlainObject(v) ? mergeConfig(cur, v) : v;
  }
  return out as T;
}

/** The overrides the command line and the environment both offer, once parsed from either. */
export interface ConfigOverrides {
  /** `none` for no reviewer. */
  reviewer?: string;
  sandbox?: boolean;
  publicUrl?: string;
  corsOrigins?: string[];
  webhookUrl?: string;
  /** Used with webhookUrl; `webhook-secret` when absent. */
  webhookSecret?: string;
  /** A file whose content (less a trailing newline) is the webhook secret; wins over webhookSecret. */
  webhookSecretFile?: string;
}

/** A secret kept in a file (e.g. a mounted secret): its content without the trailing newline. */
export function readSecretFile(file: string): string {
  const secret = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!secret) throw new Error(`The secret file ${file} is empty`);
  return secret;
}

/** A short fingerprint of a secret, to tell which one is in use without showing it. */
export function fingerprint(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}

/** The config patch for some overrides: an absent (or empty) one leaves its field alone. */
export function configOverrides(o: ConfigOverrides): DeepPartial<ProviderConfig> {
  const patch: DeepPartial<ProviderConfig> = {};
  if (o.reviewer) patch.reviewer = o.reviewer === 'none' ? null : o.reviewer;
  if (o.sandbox !== undefined) patch.sandbox = { enabled: o.sandbox };
  if (o.publicUrl) patch.publicUrl = o.publicUrl;
  if (o.corsOrigins) patch.cors = { origins: o.corsOrigins };
  if (o.webhookUrl) {
    const secret = o.webhookSecretFile ? readSecretFile(o.webhookSecretFile) : o.webhookSecret;
    patch.webhooks = [{ url: o.webhookUrl, secret: secret ?? 'webhook-secret' }];
  }
  return patch;
}

/** Environment overrides (documented in the README). */
export function configFromEnv(env: NodeJS.ProcessEnv): DeepPartial<ProviderConfig> {
  const sandbox = env.PROVIDER_SANDBOX;
  return configOverrides({
    reviewer: env.PROVIDER_REVIEWER,
    sandbox: sandbox ? sandbox === 'true' || sandbox === '1' : undefined,
    publicUrl: env.PUBLIC_URL,
    corsOrigins: env.CORS_ORIGINS
      ? env.CORS_ORIGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    webhookUrl: env.WEBHOOK_URL,
    webhookSecret: env.WEBHOOK_SECRET,
    webhookSecretFile: env.WEBHOOK_SECRET_FILE,
  });
}
