/**
 * The provider emulator as a library: start it in-process (tests, benches, the demo), read its
 * configuration, and the review engine behind it. The command line is `bin/face-auth-emulator.js`.
 */
export { startProvider, type RunningProvider, type StartProviderOptions } from './server.js';
export type { ProviderContext } from './platform/context.js';
export {
  configFromEnv,
  configOverrides,
  defaultConfigPath,
  loadConfigFile,
  mergeConfig,
  type DeepPartial,
  type ProviderConfig,
} from './platform/config.js';
export * from './reviews/engine/index.js';
