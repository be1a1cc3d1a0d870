import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { AuthMode } from './auth/auth.js';
import { authenticate } from './auth/auth.js';
import type { ProviderContext } from './platform/context.js';
import { ApiError, newCorrelationId } from './platform/errors.js';
import type { ErrorKind } from './platform/errors.js';
import {
  ajvFilePlugin,
  fileToBinary,
  parseDeferredMultipart,
  registerBodyParsers,
} from './platform/body.js';
import { actionRoutes } from './actions/routes.js';
import { applicantRoutes } from './applicants/routes.js';
import { pageRoutes } from './pages/routes.js';
import { livenessRoutes } from './liveness/routes.js';
import { pageSecurity } from './pages/security.js';
import { webhookRoutes } from './webhooks/routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthMode;
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
    // Room for a maximal image plus multipart framing; bigger bodies are refused with 413.
    bodyLimit: ctx.config.images.maxBytes + 1024 * 1024,
    ajv: { plugins: [ajvFilePlugin] },
  });

  registerBodyParsers(app);

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

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-correlation-id', req.id);
  });

  app.addHook('preValidation', async (req) => {
    const mode = req.routeOptions.config.auth ?? 'app';
    req.caller = authenticate(ctx, req, mode);
    // Only now, with the caller known, is an upload worth parsing.
    await parseDeferredMultipart(req);
  });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    let api: ApiError;
    if (err instanceof ApiError) api = err;
    else if ((err as FastifyError).validation) api = new ApiError('validation', err.message);
    else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      api = new ApiError(
        'payloadTooLarge',
        `Body is larger than ${ctx.config.images.maxBytes + 1024 * 1024} bytes`,
      );
    } else if ((err as FastifyError).statusCode && statusKinds[(err as FastifyError).statusCode!]) {
      api = new ApiError(statusKinds[(err as FastifyError).statusCode!]!, err.message);
    } else {
      req.log.error(err);
      console.error('[provider] unexpected error', err);
      api = new ApiError('internal', 'Internal error');
    }
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
