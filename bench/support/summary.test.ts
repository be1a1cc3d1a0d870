import { describe, expect, it } from 'vitest';
import { summarise, summaryTable } from './summary.js';

// Lines as the benches print them (copied from a run of `npm run bench`, numbers changed).
const LINES = [
  '  per frame (detection + crop stats + scoring): median 7.1 ms, p95 9.4 ms (n=150)',
  '  per-frame p95 / floor p95: 2.35',
  '  unthrottled      cold cache (new profile): median 2812.4 ms, p95 3050.2 ms (n=5); medians: camera 300 ms, detector 2100 ms',
  '  unthrottled      warm cache (reload 5 s on): median 580.0 ms, p95 700.0 ms (n=5); medians: camera 200 ms, detector 400 ms',
  '  20 Mbps / 40 ms  cold cache (new profile): median 4000.0 ms, p95 4100.0 ms (n=3); medians: camera 1 ms, detector 2 ms',
  '  precompressed 2561.3 kB (2.56 MB): face-auth.js 20.1 kB br, vision_wasm_internal.wasm 2400.0 kB br',
  '  gzip          3600.0 kB (3.60 MB): face-auth.js 25.0 kB gzip',
  '  npm build, first-party (define.js and its static imports): 19.5 KiB gzip -9, 17.0 KiB brotli, 70.0 KiB raw [define.js]',
  '  CDN bundle (face-auth.js and its static imports): 30.1 KiB gzip -9, 26.6 KiB brotli, 101.8 KiB raw [face-auth.js]',
  '  CDN, what a first visit loads up to the first hint: 71.2 KiB gzip -9, 62.1 KiB brotli [face-auth.js, vision_bundle.js]',
  'review: 48 reviews from 8 concurrent submitters: 8.30 reviews/s; latency under load p50 900 ms',
  'review-http: 16 concurrent clients (one applicant each, polling as the widget does), 96 reviews in 9.2 s: 5.20 reviews/s (latency p50 1400 ms, p95 2000 ms; 2 cores); CPU per review: emulator 167 ms (its main thread 13 ms), clients 11 ms',
  // The comparison lines that follow it are not the row.
  'review-http: 8 clients polling as the widget does (at most ~10/s: each waits 0.7 s or more a review), 48 reviews in 9.9 s: 4.85 reviews/s (latency p50 1500 ms)',
  'review-http: 8 clients polling every 10 ms (the old bench; no real client polls so often), 48 reviews in 9.9 s: 4.80 reviews/s (latency p50 1500 ms)',
  'liveness: CPU per verification p50 1180 ms, p95 1430 ms of one core (target p95 ≤ 1500 ms; n=15)',
  'liveness: bytes uploaded per attempt 453012 (453 kB; target ≤ 600 kB): the reflection clip …',
  "liveness: bytes uploaded per attempt, the widget's real path: p50 386144 (386 kB), max 612000 (target ≤ 600 kB; n=4)",
  'liveness: time from the good frame to the result p50 27.8 s, p95 36.6 s (n=4; verdicts GREEN x3, RED/RETRY x1; GREEN expected)',
  'capture → face-auth-action-result: p50 2800 ms, p95 4000 ms (n=20)',
];
const ALL = ['action', 'faces', 'liveness', 'review', 'review-http', 'widget'];

const byWhat = (rows: ReturnType<typeof summarise>) => new Map(rows.map((r) => [r.what, r]));

describe('the bench summary', () => {
  it('reads each target row from the line its bench printed, and judges it', () => {
    const rows = byWhat(summarise(LINES, ALL));
    expect(rows.get('per frame (detection + crop stats + scoring), p95')).toMatchObject({
      value: 9.4,
      ok: true,
    });
    expect(rows.get('per-frame p95 / floor p95')).toMatchObject({ value: 2.35, ok: false });
    // The unthrottled row, not the emulated network's.
    expect(rows.get('start() → first hint, cold (median)')).toMatchObject({
      value: 2812.4,
      ok: false,
    });
    expect(rows.get('start() → first hint, warm (median)')).toMatchObject({
      value: 580,
      ok: true,
    });
    expect(rows.get('bytes a first visit downloads (br)')?.value).toBeCloseTo(2.5613, 6);
    expect(rows.get('bytes a first visit downloads (br)')?.ok).toBe(false);
    expect(rows.get('first-party JS (npm build, gzip)')).toMatchObject({ value: 19.5, ok: true });
    // What a first visit loads, not the entry file alone.
    expect(
      rows.get('CDN bundle (gzip -9), what a first visit loads up to the first hint'),
    ).toMatchObject({ value: 71.2, ok: false });
    // At least: a rate.
    expect(rows.get('review engine, 8 concurrent submitters')).toMatchObject({
      value: 8.3,
      ok: true,
    });
    expect(rows.get('emulator over HTTP, closed loop')).toMatchObject({ value: 5.2, ok: false });
    expect(rows.get('liveness: server CPU per verification, p95')).toMatchObject({
      value: 1430,
      ok: true,
    });
    expect(rows.get('liveness: bytes uploaded per attempt (widget, largest run)')).toMatchObject({
      value: 612,
      ok: false,
    });
    expect(rows.get('liveness: bytes uploaded per attempt (recorded clips)')?.value).toBeCloseTo(
      453.012,
      6,
    );
    // 27.8 s with liveness - 2.8 s without.
    const more = rows.get('liveness: time a cooperating person needs more')!;
    expect(more.value).toBeCloseTo(25, 6);
    expect(more.ok).toBe(false);
  });

  it('says "not printed" for a bench that ran without printing the row, and leaves out benches that did not run', () => {
    const rows = byWhat(summarise(LINES.slice(0, 1), ['widget', 'liveness']));
    expect(rows.get('per frame (detection + crop stats + scoring), p95')?.ok).toBe(true);
    expect(
      rows.get('CDN bundle (gzip -9), what a first visit loads up to the first hint'),
    ).toMatchObject({ value: null, ok: false });
    expect(rows.get('liveness: server CPU per verification, p95')?.value).toBeNull();
    expect(rows.has('review engine, 8 concurrent submitters')).toBe(false);
    // The difference needs the action bench too.
    expect(rows.has('liveness: time a cooperating person needs more')).toBe(false);
    const table = summaryTable([...rows.values()]);
    expect(table[0]).toBe('| what | value | target | |');
    expect(table).toContain(
      '| CDN bundle (gzip -9), what a first visit loads up to the first hint | not printed | ≤ 70 KiB | ✗ |',
    );
    expect(table).toContain(
      '| per frame (detection + crop stats + scoring), p95 | 9.40 ms | ≤ 10 ms | ✓ |',
    );
  });
});
