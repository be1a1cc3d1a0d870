import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { DeepPartial, ProviderConfig } from './platform/config.js';
import { defaultConfigPath, loadConfigFile, mergeConfig } from './platform/config.js';
import type { ProviderContext } from './platform/context.js';
import { openDb } from './platform/db.js';
import { RetentionSweeper } from './platform/retention.js';
import { DecodedImages } from './platform/decoded-images.js';
import { configureImageDecoding } from './platform/images.js';
import type { FaceReviewer } from './reviews/engine/contract.js';
import { ReviewDispatcher } from './reviews/dispatcher.js';
import { WebhookSender } from './webhooks/webhooks.js';

export interface StartProviderOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Where the SQLite database lives; the same directory after a restart continues where it left off. */
  dataDir: string;
  /** Config file to start from (default: emulator/provider.config.json). */
  configFile?: string;
  /** Overrides merged over the file (objects key by key, arrays replaced). */
  config?: DeepPartial<ProviderConfig>;
  /**
   * The review engine; takes precedence over `config.reviewer` (pass `null` for none). Without
   * one, reviews wait in `queued` (sandbox outcomes still apply).
   */
  reviewer?: FaceReviewer | null;
  /** Clock in ms; tests pass a controllable one. */
  now?: () => number;
  logger?: boolean;
}

export interface RunningProvider {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  config: ProviderConfig;
  app: FastifyInstance;
  ctx: ProviderContext;
  /** Settles when a reviewer named in the config has loaded (or failed to: then reviews wait in `queued`). */
  reviewerReady: Promise<void>;
  /** Plugs in (or removes) the review engine; queued reviews start at once. */
  setReviewer(reviewer: FaceReviewer | null): void;
  /** Stops HTTP, the review dispatcher and the webhook sender, then closes the database. */
  close(): Promise<void>;
}

/**
 * Loads a FaceReviewer from `path/to/module.ts#exportName` (default export name
 * `createFaceReviewer`, then `default`). The export may be a reviewer or a (possibly async)
 * factory of one.
 */
async function loadReviewer(spec: string, baseDir = process.cwd()): Promise<FaceReviewer> {
  const [file, exportName] = spec.split('#') as [string, string | undefined];
  const mod = (await import(pathToFileURL(path.resolve(baseDir, file)).href)) as Record<
    string,
    unknown
  >;
  const exported = exportName ? mod[exportName] : (mod.createFaceReviewer ?? mod.default);
  if (!exported)
    throw new Error(
      `Reviewer module ${file} has no export ${exportName ?? 'createFaceReviewer/default'}`,
    );
  const value = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  const r = value as Partial<FaceReviewer>;
  if (typeof r.review !== 'function' || typeof r.enrol !== 'function') {
    throw new Error(`Reviewer from ${spec} does not implement FaceReviewer (enrol, review, close)`);
  }
  return value as FaceReviewer;
}

export async function startProvider(opts: StartProviderOptions): Promise<RunningProvider> {
  const configFile = opts.configFile ?? defaultConfigPath;
  const config = mergeConfig(loadConfigFile(configFile), opts.config);
  // A reviewer named in the config file is relative to that file; one given as an override, to the cwd.
  const reviewerBase =
    opts.config?.reviewer !== undefined ? process.cwd() : path.dirname(configFile);
  configureImageDecoding(config.images);
  const db = openDb(opts.dataDir);
  let port = opts.port ?? 0;
  const host = opts.host ?? '127.0.0.1';
  const ctx: ProviderContext = {
    db,
    config,
    now: opts.now ?? Date.now,
    publicUrl: () =>
      config.publicUrl ??
      `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`,
    wake: {
      reviews: () => dispatcher.wake(),
      webhooks: () => sender.wake(),
      retention: () => sweeper.wake(),
    },
    admitReview: () => dispatcher.admit(),
    decodedImages: new DecodedImages(),
    events: new EventEmitter(),
  };
  ctx.events.setMaxListeners(0);
  const dispatcher = new ReviewDispatcher(ctx);
  const sender = new WebhookSender(ctx);
  const sweeper = new RetentionSweeper(ctx);
  let closed = false;
  let ownedReviewer: FaceReviewer | null = null;
  let reviewerReady: Promise<void> = Promise.resolve();
  if (opts.reviewer !== undefined) dispatcher.setReviewer(opts.reviewer);
  else if (config.reviewer) {
    // Loaded off the start-up path (models take seconds): reviews wait in `queued` meanwhile.
    const spec = config.reviewer;
    reviewerReady = loadReviewer(spec, reviewerBase).then(
      async (r) => {
        if (closed) return r.close();
        ownedReviewer = r;
        dispatcher.setReviewer(r);
        ctx.events.emit('reviewer-ready', spec);
      },
      (err: unknown) => {
        console.error(`[provider] reviewer ${spec} failed to load; reviews wait in "queued":`, err);
      },
    );
  }
  const app = await buildApp(ctx, { logger: opts.logger ?? false });
  await app.listen({ port, host });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : port;
  // Work left over from a previous run (queued reviews, undelivered webhooks) resumes now.
  dispatcher.wake();
  sender.wake();
  sweeper.wake();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    config,
    app,
    ctx,
    reviewerReady,
    setReviewer: (r) => dispatcher.setReviewer(r),
    close: async () => {
      if (closed) return;
      closed = true;
      await dispatcher.stop();
      await sender.stop();
      await sweeper.stop();
      await app.close();
      await reviewerReady;
      await (ownedReviewer as FaceReviewer | null)?.close().catch(() => undefined);
      db.close();
    },
  };
}
