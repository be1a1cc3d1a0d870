import { afterEach, describe, expect, it } from 'vitest';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { LivenessChallenge } from '../core/liveness.js';
import type { ActionClientConfig, ActionPhase } from './run-action.js';
import { runAction } from './run-action.js';
import type { UploadProgress } from './upload.js';
import { FakeProvider } from '../../test/support/fake-provider.js';

// The liveness part of a run against the fake provider: challenge after the resolve, the clips
// after the selfie with their metadata, one progress over every byte, then the submit.

let provider: FakeProvider | undefined;
afterEach(async () => {
  await provider?.stop();
  provider = undefined;
});

async function config(): Promise<ActionClientConfig> {
  provider = await new FakeProvider().start();
  return {
    apiBaseUrl: provider.baseUrl,
    tokenUrl: provider.tokenUrl,
    country: 'RUS',
    externalActionId: 'ext-1',
    poll: { initialDelayMs: 5, factor: 1.5, maxDelayMs: 20, jitter: 0.2, timeoutMs: 2_000 },
  };
}

const bytes = (n: number, type: string) => new Blob([new Uint8Array(n).fill(1)], { type });

describe('runAction with liveness', () => {
  it('challenge → record → selfie and clips with their metadata → submit', async () => {
    const c = await config();
    const phases: ActionPhase[] = [];
    const progress: UploadProgress[] = [];
    let seen: LivenessChallenge | undefined;
    const outcome = await runAction(c, {
      image: bytes(100_000, 'image/jpeg'),
      onState: (p) => phases.push(p),
      onProgress: (p) => progress.push(p),
      liveness: {
        record: (challenge) => {
          seen = challenge;
          return Promise.resolve([
            { kind: 'reflection', blob: bytes(200_000, 'video/webm') },
            { kind: 'turns', blob: bytes(100_000, 'video/webm') },
          ]);
        },
      },
    });
    expect(outcome.answer).toBe('GREEN');
    expect(phases).toEqual([
      'authorizing',
      'resolving',
      'liveness',
      'uploading',
      'submitting',
      'reviewing',
    ]);
    expect(seen).toMatchObject({ challengeId: 'ch1', turns: ['left', 'right'], segmentMs: 500 });
    const action = provider!.actions.get('act1')!;
    expect(action.images).toHaveLength(1);
    expect(action.videos).toEqual([
      {
        fileName: 'reflection.webm',
        type: 'video/webm',
        size: 200_000,
        metadata: { challengeId: 'ch1', kind: 'reflection' },
      },
      {
        fileName: 'turns.webm',
        type: 'video/webm',
        size: 100_000,
        metadata: { challengeId: 'ch1', kind: 'turns' },
      },
    ]);
    // One progress over the 400 kB: monotonic, ending at all of it.
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      transferredBytes: 400_000,
      totalBytes: 400_000,
      fraction: 1,
    });
    expect(progress.some((p) => p.fraction > 0.25 && p.fraction < 1)).toBe(true);
  });

  it("the provider's liveness lockout ends the run as liveness-locked, not retryable", async () => {
    const c = await config();
    provider!.fail('challenge', {
      kind: 'status',
      status: 429,
      errorCode: 1043,
      errorName: 'liveness-locked-out',
      description: 'Liveness failed 5 times within 3 minutes; try again after …',
      retryAfter: '300',
    });
    const error = await runAction(c, {
      image: bytes(1000, 'image/jpeg'),
      liveness: { record: () => Promise.resolve([]) },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'liveness-locked',
      status: 429,
      errorCode: 1043,
      retryable: false,
      step: 'liveness',
    });
    // Retry-After is minutes away: not retried in the background.
    expect(provider!.hits).toMatchObject({ challenge: 1, upload: 0, video: 0, submit: 0 });
  });

  it('another 429 stays provider-rejected (a rate limit, retryable)', async () => {
    const c = await config();
    provider!.fail('challenge', {
      kind: 'status',
      status: 429,
      errorCode: 1429,
      errorName: 'too-many-requests',
      retryAfter: '300',
    });
    const error = await runAction(c, {
      image: bytes(1000, 'image/jpeg'),
      liveness: { record: () => Promise.resolve([]) },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'provider-rejected', status: 429, retryable: true });
  });

  it('a clip handed over during the phase goes up at once, and only once', async () => {
    const c = await config();
    const progress: UploadProgress[] = [];
    let videosWhileRecording = -1;
    await runAction(c, {
      image: bytes(100_000, 'image/jpeg'),
      onProgress: (p) => progress.push(p),
      liveness: {
        record: async (_challenge, _signal, onClip) => {
          const reflection = { kind: 'reflection' as const, blob: bytes(200_000, 'video/webm') };
          onClip?.(reflection);
          // The person turns meanwhile: the colours' clip reaches the provider before the end.
          for (let i = 0; i < 100 && provider!.hits.video < 1; i++) {
            await new Promise((r) => setTimeout(r, 10));
          }
          videosWhileRecording = provider!.hits.video;
          return [reflection, { kind: 'turns', blob: bytes(100_000, 'video/webm') }];
        },
      },
    });
    expect(videosWhileRecording).toBe(1);
    const action = provider!.actions.get('act1')!;
    expect(action.videos.map((v) => v.metadata)).toEqual([
      { challengeId: 'ch1', kind: 'reflection' },
      { challengeId: 'ch1', kind: 'turns' },
    ]);
    expect(provider!.hits.video).toBe(2);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ transferredBytes: 400_000, fraction: 1 });
  });

  it('a clip sent early that failed fails the run at the upload step', async () => {
    const c = await config();
    provider!.fail('video', { kind: 'status', status: 400 });
    const reflection = { kind: 'reflection' as const, blob: bytes(1000, 'video/webm') };
    const error = await runAction(c, {
      image: bytes(1000, 'image/jpeg'),
      liveness: {
        record: (_challenge, _signal, onClip) => {
          onClip?.(reflection);
          return Promise.resolve([reflection, { kind: 'turns', blob: bytes(1000, 'video/webm') }]);
        },
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFlowError);
    expect(error).toMatchObject({ code: 'provider-rejected' });
    // Refused once, not sent again, and nothing submitted.
    expect(provider!.hits).toMatchObject({ video: 1, submit: 0 });
  });

  it('a recording that fails ends the run with its error, before any upload', async () => {
    const c = await config();
    const error = await runAction(c, {
      image: bytes(1000, 'image/jpeg'),
      liveness: {
        record: () =>
          Promise.reject(
            new ActionFlowError('liveness-unsupported', 'no recorder', { step: 'liveness' }),
          ),
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFlowError);
    expect(error).toMatchObject({ code: 'liveness-unsupported', retryable: false });
    expect(provider!.hits).toMatchObject({ challenge: 1, upload: 0, video: 0, submit: 0 });
  });

  it('an abort during the recording ends the run as aborted', async () => {
    const c = await config();
    const aborter = new AbortController();
    const error = await runAction(c, {
      image: bytes(1000, 'image/jpeg'),
      signal: aborter.signal,
      liveness: {
        record: (_, signal) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason));
            aborter.abort();
          }),
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(provider!.hits).toMatchObject({ upload: 0, video: 0, submit: 0 });
  });
});
