/**
 * The outcome of a face-authorization action, named as in the provider's API and mobile SDKs.
 * The provider flow (part 2) fills it; the capture flow only carries it through the reducer.
 */
export type ReviewAnswer = 'GREEN' | 'RED' | 'ERROR';

export interface ActionResult {
  actionId: string;
  answer: ReviewAnswer;
}
