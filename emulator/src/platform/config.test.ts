import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/support.js';
import { defaultConfigPath, exponentialDelays, loadConfigFile } from './config.js';

describe('loadConfigFile', () => {
  it('ships a webhook retry schedule of about a day: 5 min, 1 h, 5 h, 18 h', () => {
    const { webhookRetry } = loadConfigFile();
    expect(webhookRetry.delaysMs).toEqual([300_000, 3_600_000, 18_000_000, 64_800_000]);
    expect(webhookRetry.concurrency).toBe(8);
  });

  it('reads the exponential retry of a file from before delaysMs as the same waits', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'old.json');
      const { webhookRetry: _, ...rest } = loadConfigFile(defaultConfigPath);
      const old = { initialDelayMs: 1000, maxDelayMs: 300_000, maxAttempts: 15, timeoutMs: 10_000 };
      writeFileSync(file, JSON.stringify({ ...rest, webhookRetry: old }));
      const { webhookRetry } = loadConfigFile(file);
      expect(webhookRetry).toEqual({
        delaysMs: [
          1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
          300_000, 300_000, 300_000,
        ],
        timeoutMs: 10_000,
        concurrency: 8,
      });
      // 15 tries in about 33.5 minutes: what a delivery had before.
      expect(webhookRetry.delaysMs.reduce((a, b) => a + b, 0)).toBe(2_011_000);
    } finally {
      tmp.remove();
    }
  });

  it('expands no waits for a single try', () => {
    expect(exponentialDelays({ initialDelayMs: 5, maxDelayMs: 5, maxAttempts: 1 })).toEqual([]);
  });
});
