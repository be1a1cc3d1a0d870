import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthMode, Caller } from './auth/auth.js';
import { authenticateHeaders, verifyBodySignature } from './auth/auth.js';
import type { ProviderContext } from './platform/context.js';
import { ApiError, newCorrelationId } from './platform/errors.js';
import type { ErrorKind } from './platform/errors.js';
import {
  ajvFilePlugin,
  fileToBinary,
  parseDeferredMultipart,
  registerBodyParsers,
} from './platform/body.js';
import {
  UploadsInFlight,
  isUploadRoute,
  routeBodyLimit,
  serverTimeouts,
} from './platform/http-limits.js';
import { RateLimiter } from './platform/rate-limit.js';
import {
  parseQuery,
  refuseDuplicatedQueryKeys,
  refuseHeadWithBody,
  refuseNonFiniteNumbers,
  routeGetWithBodyAsUpdate,
} from './platform/request-guards.js';
import { actionRoutes } from './actions/routes.js';
import { applicantRoutes } from './applicants/routes.js';
import { pageRoutes } from './pages/routes.js';
import { livenessRoutes } from './liveness/routes.js';
import { pageSecurity } from './pages/security.js';
import { webhookRoutes } from './webhooks/routes.js';

type RateClass = keyof ProviderContext['config']['rateLimits'];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthMode;
    /** Set from {@link rateLimitedRoutes} as the route is added. */
    rateLimit?: RateClass;
    /** Set for routes that take files, as the route is added: counted in {@link UploadsInFlight}. */
    upload?: boolean;
  }
}

/**
 * Routes a caller could hammer: those that tell whether a code in a link exists (`guess`) and
 * those that mint credentials (`tokens`). Anonymous callers are counted per IP as soon as the
 * request arrives; signed ones per app token once the signature is checked.
 */
const rateLimitedRoutes: Record<string, RateClass> = {
  '/s/:code': 'guess',
  '/websdk/p/:code': 'guess',
  '/embedded': 'guess',
  '/embedded/attempts': 'guess',
  '/resources/accessTokens': 'tokens',
  '/resources/sdkIntegrations/levels/:levelName/websdkLink': 'tokens',
};

/** Whose bucket a request takes from. */
function rateKey(caller: Caller, req: FastifyRequest): string {
  switch (caller.kind) {
    case 'app':
      return `app:${caller.token}`;
    case 'access':
      return `access:${caller.access.token}`;
    case 'secret':
      return 'secret';
    case 'none':
      return `ip:${req.ip}`;
  }
}

const statusKinds: Record<number, ErrorKind> = {
  400: 'validation',
  404: 'notFound',
  409: 'conflict',
  413: 'payloadTooLarge',
  415: 'unsupportedMediaType',
};

export async function buildApp(
  ctx: ProviderContext,
  opts: { logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => newCorrelationId(),
    ...serverTimeouts(ctx.config.http),
    // Each route gets its own limit as it is added (onRoute below); this is for the rest.
    bodyLimit: ctx.config.http.jsonBodyLimitBytes,
    rewriteUrl: routeGetWithBodyAsUpdate,
    routerOptions: { querystringParser: parseQuery },
    // A path the router cannot read (bad percent-encoding, a parameter past 100 characters):
    // answered in the provider's error shape, not Fastify's.
    frameworkErrors: (err, req, reply) => {
      const api =
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new ApiError('uriTooLong', 'A path parameter is longer than 100 characters')
          : new ApiError('validation', err.message);
      // The router's reply is typed for no route in particular.
      return (reply as FastifyReply)
        .code(api.status)
        .type('application/json')
        .send(api.toBody(req.id));
    },
    ajv: { plugins: [ajvFilePlugin] },
  });

  registerBodyParsers(app);

  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= routeBodyLimit(route, ctx.config);
    const rateLimit = rateLimitedRoutes[route.url];
    if (rateLimit) route.config = { ...route.config, rateLimit };
    if (isUploadRoute(route)) route.config = { ...route.config, upload: true };
  });
  const uploads = new UploadsInFlight(() => ctx.config.images.maxUploadsInFlight);

  const limiters = Object.fromEntries(
    (Object.keys(ctx.config.rateLimits) as RateClass[]).map((c) => [
      c,
      // Real time, not the emulator's clock (which tests move): a rate is requests per real second.
      new RateLimiter(ctx.config.rateLimits[c], () => performance.now()),
    ]),
  ) as Record<RateClass, RateLimiter>;
  const limitRate = (req: FastifyRequest) => {
    const rateClass = req.routeOptions.config.rateLimit;
    if (!rateClass) return;
    const what = rateClass === 'guess' ? 'link lookups' : 'credentials minted';
    limiters[rateClass].takeOrRefuse(rateKey(req.caller, req), what);
  };

  await app.register(cors, {
    origin: (origin, cb) =>
      cb(null, origin !== undefined && ctx.config.cors.origins.includes(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'X-Access-Token'],
    exposedHeaders: ['X-Correlation-Id'],
    maxAge: 600,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'face-auth provider emulator',
        description:
          'The applicant API, the Actions API (applicant actions), access tokens and webhooks, emulated. ' +
          'Every error has the shape {description, code, correlationId, errorCode, errorName}.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          appToken: { type: 'apiKey', in: 'header', name: 'X-App-Token' },
          appTokenTs: { type: 'apiKey', in: 'header', name: 'X-App-Access-Ts' },
          appTokenSig: {
            type: 'apiKey',
            in: 'header',
            name: 'X-App-Access-Sig',
            description: 'hex HMAC-SHA256(secret, ts + METHOD + path-with-query + raw body bytes)',
          },
          accessToken: { type: 'apiKey', in: 'header', name: 'X-Access-Token' },
          secretKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'The applicant API secret key (sk_...)',
          },
        },
      },
    },
    transform: ({ schema, url }) => ({ schema: fileToBinary(schema), url }),
  });

  // The caller is known from the headers before a byte of the body is read: an anonymous or
  // unknown caller is refused without its body being buffered (the error handler closes the
  // connection rather than read the rest).
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-correlation-id', req.id);
    refuseHeadWithBody(req);
    req.caller = authenticateHeaders(ctx, req, req.routeOptions.config.auth ?? 'app');
    if (req.caller.kind === 'none') limitRate(req);
    if (req.routeOptions.config.upload) {
      // A backend (app token, secret key) uploads for all its users; a browser for one.
      const { kind } = req.caller;
      const browser = kind === 'access' || kind === 'none' ? rateKey(req.caller, req) : undefined;
      uploads.enter(reply.raw, browser);
    }
  });

  app.addHook('preValidation', async (req) => {
    verifyBodySignature(ctx, req, req.caller);
    if (req.caller.kind !== 'none') limitRate(req);
    refuseDuplicatedQueryKeys(req);
    // Only now, with the caller known, is an upload worth parsing.
    await parseDeferredMultipart(req);
  });

  // After validation: what ajv coerced, as the handler will see it.
  app.addHook('preHandler', async (req) => refuseNonFiniteNumbers(req));

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    let api: ApiError;
    if (err instanceof ApiError) api = err;
    else if ((err as FastifyError).validation) api = new ApiError('validation', err.message);
    else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      api = new ApiError(
        'payloadTooLarge',
        `Body is larger than ${req.routeOptions.bodyLimit} bytes, this route's limit`,
      );
    } else if ((err as FastifyError).statusCode && statusKinds[(err as FastifyError).statusCode!]) {
      api = new ApiError(statusKinds[(err as FastifyError).statusCode!]!, err.message);
    } else {
      req.log.error(err);
      console.error('[provider] unexpected error', err);
      api = new ApiError('internal', 'Internal error');
    }
    if (api.retryAfterSecs !== undefined) reply.header('retry-after', String(api.retryAfterSecs));
    // Refused before the body was read: close instead of reading (and discarding) the rest.
    if (!req.raw.complete) reply.header('connection', 'close');
    return reply.code(api.status).type('application/json').send(api.toBody(req.id));
  });

  app.setNotFoundHandler((req, reply) => {
    const api = new ApiError('notFound', `No route ${req.method} ${req.url.split('?')[0]}`);
    return reply.code(404).send(api.toBody(req.id));
  });

  app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'none' } }, async () =>
    app.swagger(),
  );
  app.get('/healthz', { schema: { hide: true }, config: { auth: 'none' } }, async () => ({
    ok: true,
  }));

  pageSecurity(app, ctx);
  applicantRoutes(app, ctx);
  actionRoutes(app, ctx);
  pageRoutes(app, ctx);
  livenessRoutes(app, ctx);
  webhookRoutes(app, ctx);
  return app;
}
