/**
 * The emulator as the benchmarks run it: a free port, a temp data directory, no sandbox outcomes,
 * no webhooks and no enrolment liveness, and a ProviderClient signed with the config file's first
 * app token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeepPartial, ProviderConfig } from 'face-auth-emulator';
import type { FaceReviewer } from 'face-auth-emulator';
import { startProvider, type RunningProvider } from 'face-auth-emulator';
import { ProviderClient } from '../../src/server/index.js';

export interface BenchProvider {
  provider: RunningProvider;
  client: ProviderClient;
  /** The config's first level, the one the benches create actions for. */
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
  } = {},
): Promise<BenchProvider> {
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
