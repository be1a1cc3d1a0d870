/**
 * The `review-http` bench's clients, in a process of their own (forked by the bench): a real
 * client (the widget in a browser, a host backend) does not run on the provider's event loop,
 * and here its requests, multipart encoding and JSON parsing would otherwise share the
 * emulator's main thread and heap. The clients' CPU is still measured and printed; they still
 * run on the same cores as the emulator.
 *
 * The parent sends one phase at a time ({@link ClientPhase}); each review is what the widget
 * does with `liveness="off"`: create the action, upload the selfie, submit, then read `/one`
 * until `completed`, either on the widget's own schedule (src/core/polling.ts) or every 10 ms.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLL_POLICY, PollSchedule } from '../../src/core/polling.js';
import { ProviderApiError, ProviderClient } from '../../src/server/index.js';
import type { ApplicantAction } from '../../src/server/index.js';
import { cpuMeter } from './cpu-time.js';

/** How a client reads `/one` after its submit. */
export type Polling = 'widget' | 'every-10-ms';

export interface ClientSetup {
  baseUrl: string;
  appToken: string;
  appSecret: string;
  secretKey: string;
  levelName: string;
  faces: string;
  /** One per client (at least as many as a phase's clients); each reviews its own applicant. */
  applicants: string[];
}

export type ClientPhase =
  | { kind: 'sequential'; reviews: number; polling: Polling }
  | { kind: 'concurrent'; clients: number; perClient: number; polling: Polling };

export interface PhaseResult {
  /** Upload → completed, per review, in ms. */
  latencies: number[];
  seconds: number;
  polls: number;
  /** Submits answered 503 (a full review queue) and sent again after 1 s. */
  refused: number;
  /** CPU of this process (all its threads) during the phase. */
  cpuMs: number;
}

type Message = { setup: ClientSetup } | { phase: ClientPhase } | { close: true };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function clients(setup: ClientSetup) {
  const client = new ProviderClient({
    baseUrl: setup.baseUrl,
    appToken: setup.appToken,
    appSecret: setup.appSecret,
    secretKey: setup.secretKey,
  });
  const photo = (name: string) => ({
    content: readFileSync(path.join(setup.faces, name)),
    fileName: name,
    mimeType: 'image/jpeg',
  });
  const selfies = [photo('obama-2.jpg'), photo('biden-2.jpg')];
  let n = 0;
  let polls = 0;
  let refused = 0;

  // A full review queue answers 503 (admission control, on a loaded box): a client waits and
  // submits again, as a real one would; the wait counts in that review's latency.
  const submit = async (actionId: string): Promise<ApplicantAction> => {
    for (;;) {
      try {
        return await client.submitAction(actionId);
      } catch (error) {
        if (!(error instanceof ProviderApiError) || error.status !== 503) throw error;
        refused++;
        await sleep(1000);
      }
    }
  };

  /** The widget's loop (src/api/run-action.ts): the submit's answer first, then its schedule. */
  const pollLikeTheWidget = async (first: ApplicantAction): Promise<void> => {
    const schedule = new PollSchedule(Date.now(), DEFAULT_POLL_POLICY);
    let action = first;
    while (action.review.reviewStatus !== 'completed') {
      const wait = schedule.next(Date.now());
      if (wait === null) throw new Error(`review of ${action.id} not completed in time`);
      await sleep(wait);
      polls++;
      action = await client.getAction(action.id);
    }
  };

  /** The bench's old loop: far tighter than any real client, kept to compare. */
  const pollEvery10Ms = async (actionId: string): Promise<void> => {
    for (;;) {
      polls++;
      const one = await client.getAction(actionId);
      if (one.review.reviewStatus === 'completed') return;
      await sleep(10);
    }
  };

  const review = async (applicantId: string, polling: Polling): Promise<number> => {
    const selfie = selfies[n++ % selfies.length]!;
    const action = await client.createAction(applicantId, setup.levelName, {
      externalActionId: `bench-${n}-${Date.now()}`,
    });
    const start = performance.now();
    await client.addActionImage(action.id, {
      ...selfie,
      metadata: { idDocType: 'SELFIE', country: 'USA' },
    });
    const submitted = await submit(action.id);
    if (polling === 'widget') await pollLikeTheWidget(submitted);
    else await pollEvery10Ms(action.id);
    return performance.now() - start;
  };

  return async (phase: ClientPhase): Promise<PhaseResult> => {
    const before = { polls, refused };
    const cpu = cpuMeter();
    const started = performance.now();
    let latencies: number[];
    if (phase.kind === 'sequential') {
      latencies = [];
      for (let i = 0; i < phase.reviews; i++)
        latencies.push(await review(setup.applicants[0]!, phase.polling));
    } else {
      latencies = (
        await Promise.all(
          setup.applicants.slice(0, phase.clients).map(async (applicantId) => {
            const mine: number[] = [];
            for (let i = 0; i < phase.perClient; i++)
              mine.push(await review(applicantId, phase.polling));
            return mine;
          }),
        )
      ).flat();
    }
    return {
      latencies,
      seconds: (performance.now() - started) / 1000,
      polls: polls - before.polls,
      refused: refused - before.refused,
      cpuMs: cpu().cpuMs,
    };
  };
}

let run: ReturnType<typeof clients> | undefined;
process.on('message', (message: Message) => {
  if ('close' in message) return process.disconnect();
  if ('setup' in message) {
    run = clients(message.setup);
    return process.send!({ ready: true });
  }
  run!(message.phase).then(
    (result) => process.send!({ result }),
    (error: unknown) =>
      process.send!({ error: error instanceof Error ? error.stack : String(error) }),
  );
});
