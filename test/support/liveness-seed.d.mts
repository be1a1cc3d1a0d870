/** Types of liveness-seed.mjs (plain JS so test/browser/action/rig.mjs can import it). */
export interface LivenessSeed {
  colours: string[];
  segmentMs: number;
  turns: ('left' | 'right' | 'up')[];
}

export declare const MATRIX_CHALLENGE: LivenessSeed;

export declare function challengedAction(method: string, pathname: string): string | undefined;

export declare function seedChallenge(
  client: { request(method: string, path: string, init: { json: unknown }): Promise<unknown> },
  actionId: string,
  seed: LivenessSeed,
): Promise<unknown>;
