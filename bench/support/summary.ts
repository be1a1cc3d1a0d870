/**
 * The closing table of `npm run bench`: every row that has a target (issues 11 and 13), read back
 * from the lines the benches printed in this run, with its value, its target and ✓/✗, so a
 * closing note can quote one run. Pure: run.ts hands it the printed lines.
 *
 * A row is found by the label its bench prints. A bench that ran but printed no such line (it
 * skipped, failed, or its wording changed) shows "not printed" and ✗, never a silent gap.
 */

export interface Target {
  /** The row as the issue names it. */
  what: string;
  /** The bench that prints it (`npm run bench -- <bench>`). */
  bench: string;
  /** Matches the printed line; group 1 is the value. The first matching line counts. */
  line: RegExp;
  /** The printed value times this is the row's value (e.g. bytes → kB). */
  scale?: number;
  unit: string;
  /** At most (`max`) or at least (`min`) this, in `unit`. */
  max?: number;
  min?: number;
  /** Where the number comes from, when the issue's target is not a plain number. */
  note?: string;
}

/**
 * A row computed from two others of the same run: `of` minus `minus` (both rows' `what`).
 */
export interface Difference {
  what: string;
  of: string;
  minus: string;
  unit: string;
  max: number;
  note?: string;
}

const NUMBER = '([0-9]+(?:\\.[0-9]+)?)';
const re = (source: string): RegExp => new RegExp(source.replaceAll('#', NUMBER));

/** Rows without a target of their own, read so that a Difference can use them. */
export const MEASURES: Target[] = [
  {
    what: 'good frame → result, with liveness (p50)',
    bench: 'liveness',
    line: re('liveness: time from the good frame to the result p50 # s'),
    unit: 's',
  },
  {
    what: 'capture → result, without liveness (p50)',
    bench: 'action',
    line: re('capture → face-auth-action-result: p50 # ms'),
    scale: 1 / 1000,
    unit: 's',
  },
];

export const TARGETS: Array<Target | Difference> = [
  {
    what: 'per frame (detection + crop stats + scoring), p95',
    bench: 'widget',
    line: re('per frame \\(detection \\+ crop stats \\+ scoring\\)\\s*: median # ms, p95 # ms'),
    unit: 'ms',
    max: 10,
  },
  {
    what: 'per-frame p95 / floor p95',
    bench: 'widget',
    line: re('per-frame p95 / floor p95: #'),
    unit: 'x',
    max: 2,
  },
  {
    what: 'start() → first hint, cold (median)',
    bench: 'widget',
    line: re('unthrottled\\s+cold cache \\(new profile\\): median # ms'),
    unit: 'ms',
    max: 1500,
  },
  {
    what: 'start() → first hint, warm (median)',
    bench: 'widget',
    line: re('unthrottled\\s+warm cache \\(reload 5 s on\\): median # ms'),
    unit: 'ms',
    max: 600,
  },
  {
    what: 'bytes a first visit downloads (br)',
    bench: 'widget',
    line: re('^\\s*precompressed\\s+# kB'),
    scale: 1 / 1000,
    unit: 'MB',
    max: 2.5,
  },
  {
    what: 'first-party JS (npm build, gzip)',
    bench: 'widget',
    line: re('npm build, first-party [^:]*: # KiB gzip'),
    unit: 'KiB',
    max: 20,
  },
  {
    what: 'CDN bundle (gzip -9), what a first visit loads up to the first hint',
    bench: 'widget',
    // Not face-auth.js alone: since the bundle is split, the detector's chunks load at start()
    // too, and the issue's 76 KiB was all of that in one file.
    line: re('CDN, what a first visit loads up to the first hint: # KiB gzip -9'),
    unit: 'KiB',
    max: 70,
  },
  {
    what: 'review engine, 8 concurrent submitters',
    bench: 'review',
    line: re('from 8 concurrent submitters: # reviews/s'),
    unit: 'reviews/s',
    min: 7.75,
    note: "2.5x machine 2's 3.1/s",
  },
  {
    what: 'emulator over HTTP, closed loop',
    bench: 'review-http',
    line: re('concurrent clients [^:]*polling as the widget does[^:]*: # reviews/s'),
    unit: 'reviews/s',
    min: 8,
  },
  {
    what: 'liveness: server CPU per verification, p95',
    bench: 'liveness',
    line: re('liveness: CPU per verification p50 # ms, p95 # ms'),
    unit: 'ms',
    max: 1500,
  },
  {
    what: 'liveness: bytes uploaded per attempt (widget, largest run)',
    bench: 'liveness',
    line: re("bytes uploaded per attempt, the widget's real path: p50 # \\(# kB\\), max #"),
    scale: 1 / 1000,
    unit: 'kB',
    max: 600,
  },
  {
    what: 'liveness: bytes uploaded per attempt (recorded clips)',
    bench: 'liveness',
    line: re('liveness: bytes uploaded per attempt # \\('),
    scale: 1 / 1000,
    unit: 'kB',
    max: 600,
  },
  {
    what: 'liveness: time a cooperating person needs more',
    of: 'good frame → result, with liveness (p50)',
    minus: 'capture → result, without liveness (p50)',
    unit: 's',
    max: 10,
    note: 'liveness p50 − action p50',
  },
];

export interface SummaryRow {
  what: string;
  /** null: its bench ran but the line was not printed (or an input row of a difference). */
  value: number | null;
  unit: string;
  target: string;
  ok: boolean;
}

const isDifference = (t: Target | Difference): t is Difference => 'of' in t;

/** The row's value: the last capture group of its first matching line, scaled. */
function read(target: Target, lines: readonly string[]): number | null {
  for (const line of lines) {
    const m = target.line.exec(line);
    if (!m) continue;
    const value = Number(m[m.length - 1]) * (target.scale ?? 1);
    return Number.isFinite(value) ? value : null;
  }
  return null;
}

function targetText(t: { max?: number; min?: number; unit: string; note?: string }): string {
  const bound = t.max !== undefined ? `≤ ${t.max} ${t.unit}` : `≥ ${t.min} ${t.unit}`;
  return t.note ? `${bound} (${t.note})` : bound;
}

/**
 * The target rows of the benches in `ran`, from the lines printed in the same run. The value is
 * the last number the row's pattern captures (the p95 of a "median X, p95 Y" line).
 */
export function summarise(lines: readonly string[], ran: readonly string[]): SummaryRow[] {
  const measures = new Map<string, Target>(MEASURES.map((m) => [m.what, m]));
  const rows: SummaryRow[] = [];
  for (const t of TARGETS) {
    if (isDifference(t)) {
      const of = measures.get(t.of)!;
      const minus = measures.get(t.minus)!;
      if (!ran.includes(of.bench) || !ran.includes(minus.bench)) continue;
      const a = read(of, lines);
      const b = read(minus, lines);
      const value = a === null || b === null ? null : a - b;
      rows.push({
        what: t.what,
        value,
        unit: t.unit,
        target: targetText(t),
        ok: value !== null && value <= t.max,
      });
      continue;
    }
    if (!ran.includes(t.bench)) continue;
    const value = read(t, lines);
    const ok =
      value !== null &&
      (t.max === undefined || value <= t.max) &&
      (t.min === undefined || value >= t.min);
    rows.push({ what: t.what, value, unit: t.unit, target: targetText(t), ok });
  }
  return rows;
}

const shown = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/** The rows as a Markdown table. */
export function summaryTable(rows: readonly SummaryRow[]): string[] {
  return [
    '| what | value | target | |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.value === null ? 'not printed' : `${shown(r.value)} ${r.unit}`} | ${r.target} | ${r.ok ? '✓' : '✗'} |`,
    ),
  ];
}
