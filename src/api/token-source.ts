import ky, { HTTPError, TimeoutError } from 'ky';
import type { AccessTokenGrant } from '../core/api-types.js';
import { ActionFlowError } from '../core/action-flow-errors.js';
import { abortedError } from './http.js';

/**
 * The page's way to get a provider access token: the host backend mints it (it holds the app
 * secret), the widget only asks. `string` or a grant that also names the `externalActionId` the
 * token was issued for.
 */
export type AccessTokenProvider = () => Promise<string | AccessTokenGrant>;

export interface TokenSourceOptions {
  /** Host-backend endpoint: POSTed with same-origin credentials, answers `{token, externalActionId?}`. */
  tokenUrl?: string | undefined;
  /** Used instead of `tokenUrl` when set. */
  accessTokenProvider?: AccessTokenProvider | undefined;
}

/** Per request to `tokenUrl`. */
const TOKEN_TIMEOUT_MS = 15_000;

/**
 * Holds the current access token. `get()` fetches once and caches; `refresh()` always asks again
 * (after the provider answered 401). Concurrent callers share one pending request.
 */
export class AccessTokenSource {
  private token: string | undefined;
  private pending: Promise<string> | undefined;
  /** The action the last grant named, if the backend said. */
  externalActionId: string | undefined;

  constructor(private readonly options: TokenSourceOptions) {}

  get configured(): boolean {
    return Boolean(this.options.accessTokenProvider ?? this.options.tokenUrl);
  }

  get(signal: AbortSignal): Promise<string> {
    if (this.token !== undefined) return Promise.resolve(this.token);
    return this.fetchToken(signal);
  }

  refresh(signal: AbortSignal): Promise<string> {
    this.token = undefined;
    return this.fetchToken(signal);
  }

  private fetchToken(signal: AbortSignal): Promise<string> {
    this.pending ??= this.request(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async request(signal: AbortSignal): Promise<string> {
    let grant: string | AccessTokenGrant;
    try {
      grant = await this.ask(signal);
    } catch (e) {
      if (signal.aborted) throw abortedError('token', e);
      if (e instanceof ActionFlowError) throw e;
      const status = e instanceof HTTPError ? e.response.status : undefined;
      const what =
        e instanceof HTTPError
          ? `answered ${e.response.status}`
          : e instanceof TimeoutError
            ? 'timed out'
            : 'failed';
      throw new ActionFlowError('token', `The access token endpoint ${what}`, {
        step: 'token',
        cause: e,
        status,
      });
    }
    const { token, externalActionId } =
      typeof grant === 'string' ? { token: grant, externalActionId: undefined } : grant;
    if (typeof token !== 'string' || token === '') {
      throw new ActionFlowError('token', 'The access token endpoint answered without a token', {
        step: 'token',
      });
    }
    if (typeof externalActionId === 'string' && externalActionId !== '')
      this.externalActionId = externalActionId;
    this.token = token;
    return token;
  }

  private async ask(signal: AbortSignal): Promise<string | AccessTokenGrant> {
    const { accessTokenProvider, tokenUrl } = this.options;
    if (accessTokenProvider) return raceAbort(accessTokenProvider(), signal);
    if (!tokenUrl) {
      throw new ActionFlowError('config', 'Set token-url or accessTokenProvider', {
        step: 'token',
      });
    }
    // Not retried: minting a token is the host's business, and a failing endpoint is a fact the
    // page must see (code `token`), not something to hammer.
    const body: unknown = await ky
      .post(tokenUrl, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        retry: 0,
        timeout: TOKEN_TIMEOUT_MS,
        signal,
      })
      .json();
    if (typeof body !== 'object' || body === null) return '';
    const b = body as Partial<AccessTokenGrant>;
    return {
      token: typeof b.token === 'string' ? b.token : '',
      ...(typeof b.externalActionId === 'string' ? { externalActionId: b.externalActionId } : {}),
    };
  }
}

/** A host callback cannot be aborted; stop waiting for it instead. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
