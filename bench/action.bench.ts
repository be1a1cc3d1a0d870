/**
 * The provider flow as a person waits for it: time from `face-auth-capture` to
 * `face-auth-action-result` against the local emulator with its real review engine, p50/p95
 * over 20 runs, split into the upload (capture → photo accepted, incl. token and action
 * resolve) and the review (submit → answer). Chromium with the obama-1-centred fake camera;
 * the applicant's profile face is obama-1, so every run should answer GREEN. A selfie alone
 * (`liveness="off"`, the rig's level without liveness): the time without a liveness phase, which
 * `npm run bench -- liveness` measures with one (a still photo could not pass it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { withBenchPage } from './support/browser.js';
import { ensureBuilt } from './support/build.js';
import { facesOrSkip } from './support/paths.js';
import { percentiles } from './support/percentiles.js';
import { startBenchProvider } from './support/provider.js';

const RUNS = 20;

interface RunTimes {
  answer: string | null;
  total: number;
  upload: number;
  review: number;
}

export async function run(): Promise<void> {
  const faces = facesOrSkip('action');
  if (!faces) return;
  ensureBuilt(); // the widget loads its detector from dist/assets
  // The page's origin is only known once Vite listens, so CORS allows any loopback origin the
  // bench uses by starting the emulator inside the page callback.
  await withBenchPage({ clip: 'obama-1-centred' }, async (page, origin) => {
    // The bench provider's level without liveness (support/provider.ts).
    const bench = await startBenchProvider('action', { config: { cors: { origins: [origin] } } });
    const { provider, client, levelName } = bench;
    try {
      const userId = `bench-${Date.now()}`;
      const { applicantId } = await client.applicants.create({
        firstName: 'Bench',
        referenceId: userId,
      });
      const t0 = performance.now();
      await client.applicants.enrol(
        applicantId,
        {
          content: readFileSync(path.join(faces, 'obama-1.jpg')),
          fileName: 'obama-1.jpg',
          mimeType: 'image/jpeg',
        },
        { waitMs: 120_000 },
      );
      const enrolled = await client.applicants.get(applicantId);
      console.log(
        `enrolment of obama-1 (incl. review engine load): ${Math.round(performance.now() - t0)} ms, status ${enrolled.status}`,
      );

      await page.exposeFunction('benchToken', async (externalActionId: string) => {
        const { token } = await client.createAccessToken({ userId, levelName, externalActionId });
        return token;
      });
      await page.evaluate(async () => {
        const url = '/src/define.ts';
        await import(/* @vite-ignore */ url);
      });

      const runs: RunTimes[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        const times = await page.evaluate(
          async ({ apiBaseUrl, externalActionId }) => {
            const el = document.createElement('face-auth') as HTMLElement & {
              start(): Promise<void>;
              accessTokenProvider?: () => Promise<unknown>;
            };
            el.setAttribute('assets-base-url', '/dist/assets/');
            el.setAttribute('liveness', 'off');
            el.setAttribute('api-base-url', apiBaseUrl);
            el.setAttribute('external-action-id', externalActionId);
            el.accessTokenProvider = () =>
              (window as unknown as { benchToken(id: string): Promise<string> }).benchToken(
                externalActionId,
              );
            const marks: Record<string, number> = {};
            el.addEventListener('face-auth-capture', () => (marks.capture = performance.now()));
            el.addEventListener('face-auth-status', (e) => {
              const d = (e as unknown as CustomEvent<{ status: string; state: { phase?: string } }>)
                .detail;
              if (d.status === 'processing' && d.state.phase === 'submitting')
                marks.submitting ??= performance.now();
            });
            const result = new Promise<{ answer: string | null }>((resolve, reject) => {
              el.addEventListener('face-auth-action-result', (e) => {
                marks.result = performance.now();
                resolve((e as unknown as CustomEvent<{ answer: string | null }>).detail);
              });
              el.addEventListener('face-auth-error', (e) =>
                reject(new Error((e as unknown as CustomEvent<{ code: string }>).detail.code)),
              );
            });
            document.body.append(el);
            try {
              await el.start();
              const { answer } = await result;
              const capture = marks.capture ?? 0;
              const result_ = marks.result ?? 0;
              const submitting = marks.submitting ?? result_;
              return {
                answer,
                total: result_ - capture,
                upload: submitting - capture,
                review: result_ - submitting,
              };
            } finally {
              el.remove();
            }
          },
          { apiBaseUrl: provider.url, externalActionId: `bench-act-${i}-${Date.now()}` },
        );
        // The first run warms the detector, the review models and the HTTP connections.
        if (i > 0) runs.push(times);
      }
      const fmt = (xs: number[]): string => {
        const p = percentiles(xs);
        return `p50 ${Math.round(p.p50)} ms, p95 ${Math.round(p.p95)} ms (n=${p.n})`;
      };
      const answers = runs.map((r) => r.answer);
      console.log(
        `answers: ${[...new Set(answers)].map((a) => `${a} x${answers.filter((x) => x === a).length}`).join(', ')}`,
      );
      console.log(`capture → face-auth-action-result: ${fmt(runs.map((r) => r.total))}`);
      console.log(
        `  capture → submitting (token, resolve, upload): ${fmt(runs.map((r) => r.upload))}`,
      );
      console.log(
        `  submitting → result (submit, review, polls):   ${fmt(runs.map((r) => r.review))}`,
      );
    } finally {
      await bench.close();
    }
  });
}
