/** Types of liveness-rig.mjs (plain JS so test/browser/action/rig.mjs can import it). */
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

export declare const NO_LIVENESS_LEVEL: 'face-auth-no-liveness';

export declare function withoutLiveness<L extends object>(
  level: L,
): Omit<L, 'name' | 'description' | 'liveness'> & {
  name: typeof NO_LIVENESS_LEVEL;
  description: string;
  liveness: { required: false; reflection: true };
};
