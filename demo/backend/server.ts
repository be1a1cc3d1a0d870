/**
 * The example host backend: what an integrator writes next to their app. It holds the provider
 * credentials (never sent to the browser), keeps a server-side session per visitor, knows which
 * applicant is the signed-in user's profile, starts actions for that user and mints access tokens
 * for them only, and receives the provider's webhooks. Every state-changing API call must come
 * from the app's own pages (same-origin.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import type {
  ApplicantAction,
  EnrolmentLivenessParts,
  MultipartFile,
} from '../../src/server/index.js';
import { ProviderApiError, ProviderClient, verifyWebhook } from '../../src/server/index.js';
import { sameOriginOnly } from './same-origin.js';
import { Sessions } from './session.js';
import type { DemoUser, OwnAction, Profile, ReceivedWebhook } from './store.js';
import { DemoStore } from './store.js';

export interface BackendOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  appToken: string;
  appSecret: string;
  /** The secret key (`sk_...`) of the applicant API. */
  secretKey: string;
  webhookSecret: string;
  /** Where `demo-backend.json` (sessions, users and their profiles, last webhooks) lives. */
  dataDir: string;
}

export interface RunningBackend {
  url: string;
  port: number;
  /** The provider's base URL (the demo starts the provider after the backend). */
  setProviderUrl(url: string): void;
  /**
   * Where the pages are served: the page the provider's enrolment page returns to (the
   * applicant's `callbackUrl`), and the only origins state-changing API calls are taken from
   * (`url`'s own plus `aliases`). Until then every such call is refused.
   */
  setPages(url: string, aliases?: string[]): void;
  close(): Promise<void>;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

const CLIP_KINDS = ['combined', 'turns', 'reflection'] as const;

/** A file part as the provider client sends it. */
async function filePart(value: FormDataEntryValue | null, fallbackName: string) {
  if (!value || typeof value === 'string') return undefined;
  return {
    content: Buffer.from(await value.arrayBuffer()),
    fileName: value.name || fallbackName,
    mimeType: value.type.split(';')[0]!,
  };
}

/** The enrolment's photo, and its liveness parts when the page recorded them. */
async function enrolmentUpload(
  body: unknown,
  contentType: string,
): Promise<{ image: MultipartFile; liveness?: EnrolmentLivenessParts } | undefined> {
  if (!(body instanceof FormData)) {
    if (!Buffer.isBuffer(body)) return undefined;
    return {
      image: { content: body, fileName: 'selfie.jpg', mimeType: contentType.split(';')[0]! },
    };
  }
  const image = await filePart(body.get('image'), 'selfie.jpg');
  if (!image) return undefined;
  const challengeId = body.get('challengeId');
  if (typeof challengeId !== 'string' || !challengeId) return { image };
  const clips: EnrolmentLivenessParts['clips'] = {};
  for (const kind of CLIP_KINDS) {
    const clip = await filePart(body.get(kind), `${kind}.webm`);
    if (clip) clips[kind] = clip;
  }
  return { image, liveness: { challengeId, clips } };
}

/** How the page sees the profile: the stored link plus the provider's live status. */
export interface ProfileView extends Profile {
  status: number;
  statusName: string;
  completed: boolean;
  approved: boolean;
}

/** What a user sees of a webhook: the body only when it is verified and about their action. */
export type WebhookView = Pick<ReceivedWebhook, 'receivedAt' | 'verified' | 'payload'>;

export async function startBackend(opts: BackendOptions): Promise<RunningBackend> {
  let providerUrl: string | undefined;
  let pageUrl: string | undefined;
  let appOrigins: ReadonlySet<string> = new Set();
  /** The level actions are created at. */
  const levelName = 'face-auth';
  const store = new DemoStore(path.join(opts.dataDir, 'demo-backend.json'));
  const sessions = new Sessions(store);
  let client: ProviderClient | undefined;
  const provider = (): ProviderClient => {
    if (!providerUrl) throw new Error('The provider is not started yet');
    client ??= new ProviderClient({
      baseUrl: providerUrl,
      appToken: opts.appToken,
      appSecret: opts.appSecret,
      secretKey: opts.secretKey,
    });
    return client;
  };

  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  await app.register(fastifyCookie);

  // Provider errors reach the page with their status and body, so the demo shows what went wrong.
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof ProviderApiError) return reply.code(err.status).send(err.body);
    const e = err as Error & { statusCode?: number };
    return reply.code(e.statusCode ?? 500).send({ description: e.message });
  });

  // Photos for "enrol from a file" and "try a photo file" arrive as the raw image body; an
  // enrolment with liveness as multipart (the photo, the challenge id and the clips).
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    new Response(new Uint8Array(body as Buffer), {
      headers: { 'content-type': req.headers['content-type']! },
    })
      .formData()
      .then(
        (form) => done(null, form),
        () => done(Object.assign(new Error('Malformed multipart body'), { statusCode: 400 })),
      );
  });

  async function profileView(profile: Profile): Promise<ProfileView | null> {
    try {
      const a = await provider().applicants.get(profile.applicantId);
      return {
        ...profile,
        status: a.status,
        statusName: a.statusName,
        completed: a.completed,
        approved: a.status === 1,
      };
    } catch (err) {
      // Deleted at the provider (or a different data directory): the link is stale.
      if (err instanceof ProviderApiError && (err.status === 404 || err.status === 400))
        return null;
      throw err;
    }
  }

  async function approvedProfile(user: DemoUser): Promise<Profile> {
    const profile = store.profile(user.id);
    const view = profile && (await profileView(profile));
    if (!profile || !view?.approved) {
      throw Object.assign(new Error('Create your profile and enrol your face first'), {
        statusCode: 409,
      });
    }
    return profile;
  }

  /** A new action of the user's applicant, remembered as theirs and as their current one. */
  async function startAction(user: DemoUser, profile: Profile): Promise<OwnAction> {
    // A fresh id per attempt: the provider refuses to reuse one (it identifies the operation).
    const externalActionId = `confirm-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const action = await provider().createAction(profile.applicantId, levelName, {
      externalActionId,
    });
    const own = { actionId: action.id, externalActionId };
    store.addAction(user.id, own);
    return own;
  }

  // The API, for the app's own pages only: a state-changing call from any other origin is a 403
  // before its body is read. (The webhook receiver below is the provider's, checked by signature.)
  await app.register(async (api) => {
    api.addHook(
      'onRequest',
      sameOriginOnly(() => appOrigins),
    );

    /** What the page needs to configure `<face-auth>`: never a secret. */
    api.get('/api/config', async () => ({ apiBaseUrl: providerUrl ?? null, levelName }));

    /** "Sign in": a new demo user in a new session (a real app checks a password here). */
    api.post('/api/session', async (req, reply) => ({ user: sessions.signIn(req, reply).user }));

    api.delete('/api/session', async (req, reply) => {
      sessions.signOut(req, reply);
      return { user: null };
    });

    api.get('/api/me', async (req) => {
      const { user } = sessions.require(req);
      const profile = store.profile(user.id);
      return {
        user,
        profile: profile ? await profileView(profile) : null,
        currentAction: store.currentAction(user.id) ?? null,
      };
    });

    api.post('/api/profile', async (req) => {
      const { user } = sessions.require(req);
      const existing = store.profile(user.id);
      const view = existing && (await profileView(existing));
      // Keep a profile that is approved or still takes a photo (Pending, or FailedAttempt with
      // attempts left, which the applicant API reports as completed); replace a closed one.
      const takesPhotos = !view?.completed || view.status === 5;
      if (existing && view && (view.approved || takesPhotos)) return { profile: view };
      const externalUserId = `${user.id}-${randomBytes(3).toString('hex')}`;
      const [firstName, lastName] = user.name.split(' ');
      const created = await provider().applicants.create({
        firstName,
        lastName,
        referenceId: externalUserId,
        ...(pageUrl ? { callbackUrl: pageUrl } : {}),
      });
      const profile: Profile = {
        applicantId: created.applicantId,
        externalUserId,
        validationLink: created.validationLink,
        createdAt: new Date().toISOString(),
      };
      store.setProfile(user.id, profile);
      return { profile: await profileView(profile) };
    });

    api.delete('/api/profile', async (req) => {
      const { user } = sessions.require(req);
      const profile = store.profile(user.id);
      if (profile) {
        await provider()
          .applicants.delete(profile.applicantId)
          .catch(() => undefined);
        store.setProfile(user.id, undefined);
      }
      return { profile: null };
    });

    /**
     * A liveness challenge for the user's next enrolment attempt, asked with the backend's key:
     * the page shows its colours and turns while recording, and sends the clips with the photo.
     */
    api.post('/api/profile/liveness/challenge', async (req, reply) => {
      const { user } = sessions.require(req);
      const profile = store.profile(user.id);
      if (!profile) return reply.code(409).send({ description: 'Create your profile first' });
      return provider().applicants.livenessChallenge(profile.applicantId);
    });

    /**
     * Enrolment from an image the page captured or picked: the same attempt the provider's
     * validationLink page makes (the emulator's scripted enrolment endpoint). A raw image body,
     * or multipart: `image`, and with liveness `challengeId` and the clip(s) (`combined`, or
     * `turns` and `reflection`), passed on as they came: the provider judges them.
     */
    api.post('/api/profile/enrol', async (req, reply) => {
      const { user } = sessions.require(req);
      const profile = store.profile(user.id);
      if (!profile) return reply.code(409).send({ description: 'Create your profile first' });
      const upload = await enrolmentUpload(req.body, String(req.headers['content-type']));
      if (!upload) return reply.code(400).send({ description: 'Send an image' });
      // With liveness the review judges two clips too: wait for it longer (the provider's most).
      const attempt = await provider().applicants.enrol(
        profile.applicantId,
        upload.image,
        upload.liveness ? { liveness: upload.liveness, waitMs: 120_000 } : {},
      );
      // A refused attempt says why (its labels: the liveness ones, or the photo's).
      const rejectLabels =
        attempt.status === 2
          ? (await provider().applicants.attempt(profile.applicantId, attempt.attemptId))
              .faceFailStatusReasons
          : [];
      return { attempt, rejectLabels, profile: await profileView(profile) };
    });

    /** "Confirm it's me": a fresh action for the signed-in user's applicant. */
    api.post('/api/actions', async (req) => {
      const { user } = sessions.require(req);
      return startAction(user, await approvedProfile(user));
    });

    /**
     * `token-url` of `<face-auth>`: an access token for the signed-in user's applicant and their
     * current action; nothing in the request names either. Asked again when a token expires, so
     * it keeps naming the same action while that runs, and starts a new one after.
     */
    api.post('/api/face-auth/token', async (req) => {
      const { user } = sessions.require(req);
      const profile = await approvedProfile(user);
      let current = store.currentAction(user.id);
      if (current) {
        const action = await provider().getAction(current.actionId);
        if (action.review.reviewStatus === 'completed') current = undefined;
      }
      current ??= await startAction(user, profile);
      const { token } = await provider().createAccessToken({
        userId: profile.externalUserId,
        levelName,
        externalActionId: current.externalActionId,
        ttlInSecs: 600,
      });
      return { token, externalActionId: current.externalActionId };
    });

    /**
     * "Try a photo file": the backend runs the same action with an uploaded photo (what the
     * element does with a camera capture), so a different face can be tried without a camera.
     */
    api.post('/api/actions/photo', async (req) => {
      const { user } = sessions.require(req);
      const profile = await approvedProfile(user);
      const { actionId } = await startAction(user, profile);
      const mimeType = String(req.headers['content-type']).split(';')[0]!;
      await provider().addActionImage(actionId, {
        content: req.body as Buffer,
        fileName: `photo.${mimeType.split('/')[1]}`,
        mimeType,
      });
      await provider().submitAction(actionId);
      const action = await waitForReview(provider(), actionId, 90_000);
      return {
        actionId,
        answer: action.review.reviewResult?.reviewAnswer ?? null,
        reviewResult: action.review.reviewResult ?? null,
      };
    });

    /**
     * The provider's view of one of the user's actions (`/one`), as the backend reads it. The
     * browser's answer is only a hint: this is the one to trust before a payout. Someone else's
     * action is a 404, the same as one that does not exist.
     */
    api.get('/api/actions/:actionId', async (req, reply) => {
      const { user } = sessions.require(req);
      const { actionId } = req.params as { actionId: string };
      if (!store.ownsAction(user.id, actionId))
        return reply.code(404).send({ description: 'No such action' });
      return provider().getAction(actionId);
    });

    /**
     * The last webhooks: the user's own with their body; a forged or unverifiable one only as a
     * flagged line (its body could be about anyone).
     */
    api.get('/api/webhooks', async (req) => {
      const { user } = sessions.require(req);
      const items: WebhookView[] = [];
      for (const { receivedAt, verified, payload } of store.webhooks()) {
        if (!verified) items.push({ receivedAt, verified, payload: null });
        else if (payload && store.ownsAction(user.id, payload.applicantActionId))
          items.push({ receivedAt, verified, payload });
      }
      return { items };
    });
  });

  // The webhook receiver needs the exact bytes the digest covers, so JSON is not parsed here.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/webhooks/provider', async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.from(String(req.body ?? ''));
      const verified = verifyWebhook(raw, req.headers, opts.webhookSecret);
      const text = raw.toString('utf8');
      let payload = null;
      try {
        payload = verified ? JSON.parse(text) : null;
      } catch {
        payload = null;
      }
      const header = (name: string): string | null => {
        const v = req.headers[name];
        return (Array.isArray(v) ? v[0] : v) ?? null;
      };
      store.addWebhook({
        receivedAt: new Date().toISOString(),
        verified,
        digest: header('x-payload-digest'),
        digestAlg: header('x-payload-digest-alg'),
        payload,
        raw: text,
      });
      // A 401 makes the provider retry: right for a secret mix-up, which an operator fixes.
      return reply.code(verified ? 200 : 401).send({ ok: verified });
    });
  });

  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  // Listening on TCP, so the address is an AddressInfo.
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    setProviderUrl: (url) => {
      providerUrl = url;
      client = undefined;
    },
    setPages: (url, aliases = []) => {
      pageUrl = url;
      appOrigins = new Set([url, ...aliases].map((u) => new URL(u).origin));
    },
    close: () => app.close(),
  };
}

async function waitForReview(
  provider: ProviderClient,
  actionId: string,
  timeoutMs: number,
): Promise<ApplicantAction> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 1.5, 2000)) {
    const action = await provider.getAction(actionId);
    const status = action.review.reviewStatus;
    if (status === 'completed' || status === 'onHold' || Date.now() > deadline) return action;
    await new Promise((r) => setTimeout(r, delay));
  }
}
