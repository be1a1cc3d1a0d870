/**
 * The emulator as the benchmarks run it: a free port, a temp data directory, no sandbox outcomes,
 * no webhooks and no enrolment liveness, and a ProviderClient signed with the config file's first
 * app token. Its one level is the shipped face-authorization level, which requires liveness, or
 * (by default) that level without liveness, for the benches that send a selfie alone (the browser
 * rig's test level).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeepPartial, ProviderConfig } from 'face-auth-emulator';
import type { FaceReviewer } from 'face-auth-emulator';
import { loadConfigFile, startProvider, type RunningProvider } from 'face-auth-emulator';
import { ProviderClient } from '../../src/server/index.js';
import { withoutLiveness } from '../../test/support/liveness-rig.mjs';

export interface BenchProvider {
  provider: RunningProvider;
  client: ProviderClient;
  /** The level the benches create actions for. */
  levelName: string;
  /** Stops the emulator and deletes its data directory. */
  close(): Promise<void>;
}

export async function startBenchProvider(
  bench: string,
  options: {
    /** The review engine; without one the config file's reviewer loads. */
    reviewer?: FaceReviewer;
    /** Merged over the bench defaults (e.g. CORS origins). */
    config?: DeepPartial<ProviderConfig>;
    /** The shipped level, which requires liveness, instead of the one without. */
    liveness?: boolean;
  } = {},
): Promise<BenchProvider> {
  const shipped = loadConfigFile().levels[0]!;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `bench-${bench}-`));
  const removeData = (): void => rmSync(dataDir, { recursive: true, force: true });
  let provider: RunningProvider;
  try {
    provider = await startProvider({
      port: 0,
      dataDir,
      reviewer: options.reviewer,
      config: {
        sandbox: { enabled: false },
        webhooks: [],
        // The benches enrol their profiles from a photo alone: enrolment liveness (required by
        // the shipped config) is not what they measure; the liveness bench measures the verifier.
        applicants: { liveness: { required: false, reflection: true } },
        levels: [options.liveness ? shipped : withoutLiveness(shipped)],
        ...options.config,
      },
    });
  } catch (error) {
    removeData();
    throw error;
  }
  const { appTokens, secretKeys, levels } = provider.config;
  return {
    provider,
    client: new ProviderClient({
      baseUrl: provider.url,
      appToken: appTokens[0]!.token,
      appSecret: appTokens[0]!.secret,
      secretKey: secretKeys[0]!,
    }),
    levelName: levels[0]!.name,
    close: async () => {
      await provider.close();
      removeData();
    },
  };
}
