import ky, { HTTPError, TimeoutError } from 'ky';
import type { KyInstance, Options as KyOptions } from 'ky';
import type { ActionFlowErrorDetails, ActionStep } from '../core/action-flow-errors.js';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { RetryPolicy } from '../core/retry.js';
import { mayRetry, retryDelay } from '../core/retry.js';
import type { Clock } from './clock.js';
import type { AccessTokenSource } from './token-source.js';
import { TransportError, httpFailure, networkFailure } from './transport-error.js';
import { LIVENESS_LOCKED_OUT } from '../contract/liveness.js';

/**
 * The only place that speaks ky. ky's own retry is off (`retry: 0`): one policy (src/core/retry.ts)
 * decides for every transport, with jitter (ky 1.9 has none), with the POST rules, and with the
 * access-token refresh in between — which ky's retry could not express.
 */

export const ACCESS_TOKEN_HEADER = 'X-Access-Token';

export function createKy(prefixUrl: string): KyInstance {
  return ky.create({
    prefixUrl,
    retry: 0,
    throwHttpErrors: true,
    // Cookies of the host page are not the provider's business; the access token is the credential.
    credentials: 'omit',
    headers: { Accept: 'application/json' },
  });
}

/** Runs one ky request and turns any failure into a TransportError (aborts pass through as-is). */
export async function kySend(
  client: KyInstance,
  path: string,
  options: KyOptions,
  clock: Clock,
): Promise<unknown> {
  let text: string;
  try {
    const response = await client(path, options);
    text = await response.text();
  } catch (e) {
    throw await toTransportError(e, options.signal ?? undefined, clock);
  }
  return parseJsonBody(text);
}

async function toTransportError(
  e: unknown,
  signal: AbortSignal | undefined,
  clock: Clock,
): Promise<unknown> {
  if (signal?.aborted) return signal.reason ?? e;
  if (e instanceof HTTPError) {
    let text = '';
    try {
      text = await e.response.text();
    } catch {
      // The body was cut off: the status is still known.
    }
    return httpFailure(e.response.status, text, e.response.headers.get('Retry-After'), clock.now());
  }
  if (e instanceof TimeoutError)
    return new TransportError({ kind: 'timeout' }, undefined, { cause: e });
  // fetch rejects with a TypeError for every failure without a response (offline, reset, CORS).
  if (e instanceof TypeError) return networkFailure(e);
  return e;
}

/** An empty 2xx body is `undefined`; a non-JSON 2xx body is the provider breaking its contract. */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ActionFlowError(
      'provider-response',
      'The provider answered with something that is not JSON',
      {
        cause,
      },
    );
  }
}

export interface ExecuteContext {
  tokens: AccessTokenSource;
  signal: AbortSignal;
  clock: Clock;
  random: () => number;
  retry: RetryPolicy;
}

export interface RequestSpec<T> {
  step: ActionStep;
  method: 'GET' | 'POST';
  /** Documented as safe to replay (see src/core/retry.ts). */
  idempotent: boolean;
  send(token: string, signal: AbortSignal): Promise<unknown>;
  parse(data: unknown): T;
}

/**
 * Sends a provider request with the access token: on a 401 it asks for a new token once and
 * replays (the WebSDK's `expirationHandler`: the provider refused the token before acting, so
 * any method may be replayed); a second 401 is `token-expired`. Transient failures are retried
 * as the policy allows, with jittered backoff.
 */
export async function execute<T>(spec: RequestSpec<T>, ctx: ExecuteContext): Promise<T> {
  const { signal } = ctx;
  let token = await ctx.tokens.get(signal);
  let refreshed = false;
  let retries = 0;
  for (;;) {
    throwIfAborted(signal, spec.step);
    let data: unknown;
    try {
      data = await spec.send(token, signal);
    } catch (e) {
      if (signal.aborted) throw abortedError(spec.step, e);
      if (!(e instanceof TransportError)) throw e;
      const f = e.failure;
      if (f.kind === 'http' && f.status === 401) {
        if (!refreshed) {
          refreshed = true;
          token = await ctx.tokens.refresh(signal);
          continue;
        }
        throw flowErrorOf(e, spec.step, 'token-expired');
      }
      if (
        mayRetry(
          { method: spec.method, idempotent: spec.idempotent, failure: f, retriesSoFar: retries },
          ctx.retry,
        )
      ) {
        const wait = retryDelay(retries, f, ctx.retry, ctx.random);
        retries += 1;
        try {
          await ctx.clock.sleep(wait, signal);
        } catch (abort) {
          throw abortedError(spec.step, abort);
        }
        continue;
      }
      throw flowErrorOf(e, spec.step);
    }
    return spec.parse(data);
  }
}

export function throwIfAborted(signal: AbortSignal, step: ActionStep): void {
  if (signal.aborted) throw abortedError(step, signal.reason);
}

export function abortedError(step: ActionStep, cause: unknown): ActionFlowError {
  return new ActionFlowError('aborted', 'The provider flow was cancelled', { step, cause });
}

/** Maps a final TransportError to the flow's stable code, keeping the provider's fields as data. */
function flowErrorOf(
  e: TransportError,
  step: ActionStep,
  override?: 'token-expired',
): ActionFlowError {
  const f = e.failure;
  const b = e.body;
  // Unset fields stay undefined: the error's `provider` lists only the ones the answer had.
  const details: ActionFlowErrorDetails = {
    step,
    cause: e,
    status: f.kind === 'http' ? f.status : undefined,
    errorCode: b?.errorCode,
    errorName: b?.errorName,
    description: b?.description,
    correlationId: b?.correlationId,
  };
  if (override === 'token-expired') {
    return new ActionFlowError(
      'token-expired',
      `The provider refused the access token after a refresh (${step})`,
      details,
    );
  }
  if (f.kind === 'http') {
    const code =
      f.status === LIVENESS_LOCKED_OUT.status && b?.errorName === LIVENESS_LOCKED_OUT.errorName
        ? 'liveness-locked'
        : f.status >= 500
          ? 'provider-unavailable'
          : 'provider-rejected';
    return new ActionFlowError(
      code,
      `The provider answered ${f.status} at ${step}: ${e.message}`,
      details,
    );
  }
  return new ActionFlowError(
    'network',
    `No answer from the provider at ${step}: ${e.message}`,
    details,
  );
}
