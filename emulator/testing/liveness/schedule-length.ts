/**
 * What the colour schedule's length costs: the reflection rule (the verdict's own
 * `reflectionRule` over `measureReflection`) on simulated colour samples, for random challenges of
 * several lengths. Per length it prints how often the rule passes
 *
 * - a live face tinted by the challenge's colours (strength k of the screen's colour, the wall 10
 *   times less, camera noise ±n per channel, a camera delay drawn in 0..400 ms, frames about
 *   every 200 ms with ±40 ms jitter, as the analysis samples a clip), for several k: the power;
 * - a face tinted by another random challenge's colours (a replayed clip): the false accepts;
 * - the challenge's own colours 410-500 and 500-1000 ms late (a relay): passes as valid, and how
 *   often the rule calls it late;
 *
 * each with a sample every ~200 ms (the analysed frames) and every ~33 ms (every frame of a 30 fps
 * clip).
 *
 *   npx tsx emulator/testing/liveness/schedule-length.ts [lengths=8,12] [every=200,33] [trials=150] [nulls=500]
 */
import { randomBytes } from 'node:crypto';
import { createChallenge, type LivenessChallenge } from '../../src/liveness/challenge.js';
import { measureReflection, mulberry32, type ColourSample } from '../../src/liveness/reflection.js';
import {
  DEFAULT_LIVENESS_CALIBRATION,
  DEFAULT_LIVENESS_THRESHOLDS,
  reflectionRule,
} from '../../src/liveness/verdict.js';
import { tintedSamples } from './tinted-samples.js';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? fallback;
const lengths = arg('lengths', '8,12').split(',').map(Number);
const trials = Number(arg('trials', '150'));
const nulls = Number(arg('nulls', '500'));
/** Mean times between colour samples, ms: 200 (the analysed frames), 33 (every frame at 30 fps). */
const spacings = arg('every', '200,33').split(',').map(Number);
const strengths = [0.01, 0.015, 0.02, 0.03, 0.05];
const NOISE = 3;
const TAIL_MS = 400;

function samples(
  everyMs: number,
  lit: readonly string[],
  segmentMs: number,
  delayMs: number,
  k: number,
  random: () => number,
): ColourSample[] {
  return tintedSamples({
    colours: lit,
    segmentMs,
    delayMs,
    k,
    noise: NOISE,
    durationMs: lit.length * segmentMs + TAIL_MS,
    random,
    firstMs: random() * everyMs * 0.2,
    next: (t) => t + everyMs * (0.8 + random() * 0.4),
  });
}

function judge(challenge: LivenessChallenge, s: ColourSample[], seed: number) {
  const reflection = measureReflection(s, challenge, {
    windowMs: DEFAULT_LIVENESS_CALIBRATION.reflectionWindowMs,
    seed,
  });
  return reflectionRule(
    reflection,
    challenge.colours.length,
    DEFAULT_LIVENESS_THRESHOLDS,
    DEFAULT_LIVENESS_CALIBRATION,
  );
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
const random = mulberry32(20261130);
const draw = (colourCount: number) => createChallenge(randomBytes, new Date(), { colourCount });

for (const everyMs of spacings)
  for (const length of lengths) {
    const row: string[] = [];
    for (const k of strengths) {
      let pass = 0;
      for (let i = 0; i < trials; i++) {
        const c = draw(length);
        if (judge(c, samples(everyMs, c.colours, c.segmentMs, random() * 400, k, random), i).valid)
          pass++;
      }
      row.push(`k ${k}: ${pct(pass, trials)}`);
    }
    let falseAccepts = 0;
    for (let i = 0; i < nulls; i++) {
      const c = draw(length);
      const other = draw(length);
      if (
        judge(c, samples(everyMs, other.colours, c.segmentMs, random() * 400, 0.05, random), i)
          .valid
      ) {
        falseAccepts++;
      }
    }
    /** Colours `fromMs`..`toMs` late (a relay): how often valid, how often called late. */
    const late = (fromMs: number, toMs: number) => {
      let valid = 0;
      let called = 0;
      for (let i = 0; i < trials; i++) {
        const c = draw(length);
        const delay = fromMs + random() * (toMs - fromMs);
        const verdict = judge(c, samples(everyMs, c.colours, c.segmentMs, delay, 0.05, random), i);
        if (verdict.valid) valid++;
        if (verdict.late) called++;
      }
      return `${fromMs}-${toMs} ms late pass ${pct(valid, trials)}, called late ${pct(called, trials)}`;
    };
    console.log(
      `${length} colours (${(length * 500) / 1000} s), a sample every ~${everyMs} ms: live passes ${row.join(', ')} (n=${trials} each); ` +
        `another challenge's colours pass ${pct(falseAccepts, nulls)} (n=${nulls}); ` +
        `${late(410, 500)}; ${late(500, 1000)} (n=${trials})`,
    );
  }
