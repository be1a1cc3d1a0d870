import type { ActionReviewResult, ReviewAnswer } from '../core/action-result.js';

export interface FaceAuthActionResultDetail {
  /** The provider's id of the action; the host backend re-reads it (`/one`) before it acts. */
  actionId: string;
  /** `null` when the review is `onHold` (a person decides later; see `reviewStatus`). */
  answer: ReviewAnswer | null;
  /** `completed`, or `onHold` when the provider handed the decision to a person. */
  reviewStatus: 'completed' | 'onHold';
  /** The action's `externalActionId`, as the provider reported it. */
  externalActionId: string;
  /** Why a RED (or ERROR) came out: the reject labels and whether a retry is allowed. */
  reviewResult: ActionReviewResult;
}

/**
 * The provider reviewed the selfie. Cancelable: `preventDefault()` closes the flow without the
 * result screen (the web form of the mobile SDKs' `Cancel` from an action-result handler).
 */
export class FaceAuthActionResultEvent extends Event {
  static readonly eventName = 'face-auth-action-result';
  constructor(readonly detail: FaceAuthActionResultDetail) {
    super(FaceAuthActionResultEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'face-auth-action-result': FaceAuthActionResultEvent;
  }
}
