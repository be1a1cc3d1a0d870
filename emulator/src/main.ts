import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  configFromEnv,
  configOverrides,
  defaultConfigPath,
  fingerprint,
  mergeConfig,
} from './platform/config.js';
import { startProvider } from './server.js';

/**
 * `npm run provider -- --port 8080 --data ./data [--config file] [--reviewer module#export|none]
 *   [--sandbox] [--public-url URL] [--webhook-url URL [--webhook-secret-file F]] [--host H]`
 * Env: PORT, HOST, DATA_DIR, PROVIDER_CONFIG, PROVIDER_REVIEWER, PROVIDER_SANDBOX, PUBLIC_URL,
 * CORS_ORIGINS, WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_SECRET_FILE. Flags win over env, env over
 * the config file. The webhook secret comes from the env or a file: `--webhook-secret S` still
 * works but shows S to anyone who can list processes.
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
    'webhook-secret-file': { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
  },
});

const env = process.env;
const port = Number(values.port ?? env.PORT ?? 8080);
const host = values.host ?? env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(values.data ?? env.DATA_DIR ?? './data');
const configFile = values.config ?? env.PROVIDER_CONFIG ?? defaultConfigPath;

if (values['webhook-secret'] !== undefined && values['webhook-secret-file'] !== undefined) {
  console.error('Give the webhook secret once: --webhook-secret or --webhook-secret-file');
  process.exit(2);
}
if (values['webhook-secret'] !== undefined) {
  console.warn(
    'warning: --webhook-secret shows the secret in the process list; use WEBHOOK_SECRET or --webhook-secret-file',
  );
}
// The secret goes with the URL of the same patch: a secret flag wins over the env's, and a URL
// flag alone takes the env's secret.
const secretFlag = values['webhook-secret'] ?? values['webhook-secret-file'];

// --sandbox can only turn the sandbox on (parseArgs gives true or nothing); the env can do both.
const flags = configOverrides({
  reviewer: values.reviewer,
  sandbox: values.sandbox,
  publicUrl: values['public-url'],
  corsOrigins: values['cors-origin'],
  webhookUrl: values['webhook-url'],
  webhookSecret: secretFlag !== undefined ? values['webhook-secret'] : env.WEBHOOK_SECRET,
  webhookSecretFile:
    secretFlag !== undefined ? values['webhook-secret-file'] : env.WEBHOOK_SECRET_FILE,
});

const provider = await startProvider({
  port,
  host,
  dataDir,
  configFile,
  config: mergeConfig(configFromEnv(env), flags),
});

const c = provider.config;
// Secrets are shown by fingerprint only: a start-up log is copied to places secrets must not go.
const secretKey = c.secretKeys[0];
const appToken = c.appTokens[0];
console.log(
  [
    `face-auth provider emulator listening on ${provider.url}`,
    `  data dir      ${dataDir}`,
    `  config file   ${configFile}`,
    `  public URL    ${provider.ctx.publicUrl()}`,
    `  secret keys   ${secretKey ? `${c.secretKeys.length}, the first ${fingerprint(secretKey)}` : '(none)'}   (the applicant API: Authorization: Bearer ...; in the config file)`,
    `  app token     ${appToken ? `${appToken.token}, secret ${fingerprint(appToken.secret)}` : '(none)'}`,
    `  levels        ${c.levels.map((l) => l.name).join(', ')}`,
    `  webhooks      ${c.webhooks.map((w) => `${w.url} (secret ${fingerprint(w.secret)})`).join(', ') || '(none)'}`,
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
