import type { Received, sandboxOutcomeSchema } from '../contract.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import type { EnrolmentOutcome, ReviewOutcome } from '../reviews/engine/contract.js';

/**
 * What a test asked the next review of an applicant to say: the contract's `SandboxOutcome` as
 * the route validated it, so `target` is set (it defaults to `action`).
 */
export type SandboxOutcome = Received<typeof sandboxOutcomeSchema>;

/** 403 1030 unless the sandbox is on: every sandbox control starts here. */
export function assertSandbox(ctx: ProviderContext): void {
  if (!ctx.config.sandbox.enabled) {
    throw new ApiError(
      'sandboxDisabled',
      'Sandbox controls are disabled (set "sandbox": {"enabled": true})',
    );
  }
}

export function setSandboxOutcome(
  ctx: ProviderContext,
  applicantId: string,
  outcome: SandboxOutcome,
): void {
  assertSandbox(ctx);
  if (outcome.target === 'enrolment' && outcome.reviewAnswer === 'ON_HOLD') {
    throw new ApiError('validation', 'ON_HOLD applies to actions only');
  }
  ctx.db
    .prepare(
      `INSERT INTO sandbox_outcomes (applicant_id, target, outcome, created_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT (applicant_id, target) DO UPDATE SET outcome = excluded.outcome, created_ms = excluded.created_ms`,
    )
    .run(applicantId, outcome.target, JSON.stringify(outcome), ctx.now());
  ctx.wake.reviews();
}

export function peekSandboxOutcome(
  ctx: ProviderContext,
  applicantId: string,
  target: SandboxOutcome['target'],
): SandboxOutcome | undefined {
  const row = ctx.db
    .prepare('SELECT outcome FROM sandbox_outcomes WHERE applicant_id = ? AND target = ?')
    .get(applicantId, target) as { outcome: string } | undefined;
  return row ? (JSON.parse(row.outcome) as SandboxOutcome) : undefined;
}

export function consumeSandboxOutcome(
  ctx: ProviderContext,
  applicantId: string,
  target: SandboxOutcome['target'],
): void {
  ctx.db
    .prepare('DELETE FROM sandbox_outcomes WHERE applicant_id = ? AND target = ?')
    .run(applicantId, target);
}

function sandboxDecision(ctx: ProviderContext, answer: string) {
  return {
    engine: 'sandbox',
    models: {},
    thresholds: { faceValidationPercent: 0, qualityScore: 0 },
    scores: {},
    timingsMs: {},
    decidedAt: new Date(ctx.now()).toISOString(),
    forcedAnswer: answer,
  };
}

/** A review outcome that says plainly it came from a sandbox control, not from a face. */
export function sandboxReviewOutcome(
  ctx: ProviderContext,
  o: SandboxOutcome,
): ReviewOutcome | 'ON_HOLD' {
  if (o.reviewAnswer === 'ON_HOLD') return 'ON_HOLD';
  const answer = o.reviewAnswer;
  const rejectLabels =
    answer === 'GREEN' ? [] : (o.rejectLabels ?? (answer === 'RED' ? ['SANDBOX'] : []));
  return {
    reviewAnswer: answer,
    rejectLabels,
    ...(answer === 'RED' ? { reviewRejectType: o.reviewRejectType ?? 'RETRY' } : {}),
    imageAnswer: answer,
    checks: [{ checkType: 'SANDBOX', answer, details: { forced: true } }],
    decision: sandboxDecision(ctx, answer),
    ...(o.moderationComment ? { moderationComment: o.moderationComment } : {}),
  };
}

export function sandboxEnrolmentOutcome(ctx: ProviderContext, o: SandboxOutcome): EnrolmentOutcome {
  const accepted = o.reviewAnswer === 'GREEN';
  return {
    accepted,
    validationStatus: {
      faceIsValid: accepted,
      qualityIsValid: accepted,
      antiSpoofingIsValid: null,
      livenessReflectionIsValid: null,
    },
    rejectLabels: accepted ? [] : (o.rejectLabels ?? ['SANDBOX']),
    checks: [
      {
        checkType: 'SANDBOX',
        answer: o.reviewAnswer === 'ON_HOLD' ? 'ERROR' : o.reviewAnswer,
        details: { forced: true },
      },
    ],
    decision: sandboxDecision(ctx, o.reviewAnswer),
  };
}
