import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  configFromEnv,
  configOverrides,
  defaultConfigPath,
  mergeConfig,
} from './platform/config.js';
import { startProvider } from './server.js';

/**
 * `npm run provider -- --port 8080 --data ./data [--config file] [--reviewer module#export|none]
 *   [--sandbox] [--public-url URL] [--webhook-url URL --webhook-secret S] [--host H]`
 * Env: PORT, HOST, DATA_DIR, PROVIDER_CONFIG, PROVIDER_REVIEWER, PROVIDER_SANDBOX, PUBLIC_URL,
 * CORS_ORIGINS, WEBHOOK_URL, WEBHOOK_SECRET. Flags win over env, env over the config file.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    config: { type: 'string' },
    reviewer: { type: 'string' },
    sandbox: { type: 'boolean' },
    'public-url': { type: 'string' },
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
  },
});

const env = process.env;
const port = Number(values.port ?? env.PORT ?? 8080);
const host = values.host ?? env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(values.data ?? env.DATA_DIR ?? './data');
const configFile = values.config ?? env.PROVIDER_CONFIG ?? defaultConfigPath;

// --sandbox can only turn the sandbox on (parseArgs gives true or nothing); the env can do both.
const flags = configOverrides({
  reviewer: values.reviewer,
  sandbox: values.sandbox,
  publicUrl: values['public-url'],
  corsOrigins: values['cors-origin'],
  webhookUrl: values['webhook-url'],
  webhookSecret: values['webhook-secret'],
});

const provider = await startProvider({
  port,
  host,
  dataDir,
  configFile,
  config: mergeConfig(configFromEnv(env), flags),
});

const c = provider.config;
console.log(
  [
    `face-auth provider emulator listening on ${provider.url}`,
    `  data dir      ${dataDir}`,
    `  config file   ${configFile}`,
    `  public URL    ${provider.ctx.publicUrl()}`,
    `  secret key    ${c.secretKeys[0] ?? '(none)'}   (the applicant API: Authorization: Bearer ...)`,
    `  app token     ${c.appTokens[0]?.token ?? '(none)'} / secret ${c.appTokens[0]?.secret ?? ''}`,
    `  levels        ${c.levels.map((l) => l.name).join(', ')}`,
    `  webhooks      ${c.webhooks.map((w) => w.url).join(', ') || '(none)'}`,
    `  CORS origins  ${c.cors.origins.join(', ') || '(none)'}`,
    `  reviewer      ${c.reviewer ? `${c.reviewer} (loading; reviews wait in "queued" until it is ready)` : '(none: reviews wait in "queued")'}`,
    `  sandbox       ${c.sandbox.enabled ? 'enabled' : 'disabled'}`,
    `  OpenAPI       ${provider.url}/openapi.json`,
  ].join('\n'),
);

provider.ctx.events.on('reviewer-ready', (spec: string) => console.log(`reviewer ready: ${spec}`));

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void provider.close().then(() => process.exit(0));
  });
}
