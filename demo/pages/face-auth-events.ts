/**
 * The `<face-auth>` provider-flow surface the pages rely on (widget part 2): the result event's
 * detail and the properties a host sets. Kept here so the examples read like integrator code.
 */
export type ReviewAnswer = 'GREEN' | 'RED' | 'ERROR';

export interface ActionResultDetail {
  actionId: string;
  answer: ReviewAnswer;
  reviewResult?: { rejectLabels?: string[]; reviewRejectType?: 'RETRY' | 'FINAL' };
}

export interface FaceAuthErrorDetail {
  code: string;
  message: string;
  fatal?: boolean;
}

export const detailOf = <T>(e: Event): T => (e as Event & { detail: T }).detail;

export const answerText: Record<ReviewAnswer, string> = {
  GREEN: "It's you: payout approved",
  RED: 'Not you: payout blocked',
  ERROR: 'The check could not be done: try again',
};
