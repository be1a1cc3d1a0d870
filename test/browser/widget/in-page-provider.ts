/**
 * A provider inside the test page, for the liveness tests until the emulator answers the liveness
 * routes: `fetch` (ky's JSON calls) and `XMLHttpRequest` (the uploads) are replaced while it is
 * installed, and answer the Actions API's paths under `BASE`. It keeps what was uploaded.
 */
export const BASE = 'https://provider.invalid';

export const CHALLENGE = {
  challengeId: 'ch-test-1',
  expiresAt: new Date(Date.now() + 120_000).toISOString(),
  colours: ['#ff0000', '#00ff00', '#0000ff'],
  segmentMs: 500,
  turns: ['left', 'right'],
};

export interface Upload {
  path: string;
  metadata: unknown;
  content: File;
}

export interface InPageProvider {
  uploads: Upload[];
  calls: string[];
  /** Set: the challenge is refused as the provider refuses a locked-out applicant (429). */
  lockedOut: boolean;
  restore(): void;
}

/** The provider's answer to a locked-out applicant (src/contract/liveness.ts). */
const lockedOutAnswer = () =>
  new Response(
    JSON.stringify({
      description: 'Liveness failed 5 times within 3 minutes; try again later',
      code: 429,
      errorCode: 1043,
      errorName: 'liveness-locked-out',
    }),
    { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '300' } },
  );

const action = (status: string) => ({
  id: 'act-1',
  externalActionId: 'ext-1',
  review:
    status === 'completed'
      ? { reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN', rejectLabels: [] } }
      : { reviewStatus: status },
});

export function installProvider(): InPageProvider {
  const uploads: Upload[] = [];
  const calls: string[] = [];
  let submitted = false;
  const answer = (method: string, path: string): unknown => {
    calls.push(`${method} ${path}`);
    if (path === '/resources/applicantActions/-/forApplicant/-') return action('init');
    if (path.endsWith('/liveness/challenge')) return CHALLENGE;
    if (path.endsWith('/review/status/pending')) {
      submitted = true;
      return action('pending');
    }
    if (path.endsWith('/one')) return action(submitted ? 'completed' : 'init');
    return undefined;
  };

  const originalFetch = window.fetch;
  const OriginalXhr = window.XMLHttpRequest;
  const provider: InPageProvider = {
    uploads,
    calls,
    lockedOut: false,
    restore() {
      window.fetch = originalFetch;
      window.XMLHttpRequest = OriginalXhr;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    if (!req.url.startsWith(BASE)) return originalFetch(input, init);
    if (provider.lockedOut && req.url.endsWith('/liveness/challenge')) {
      calls.push(`${req.method} ${new URL(req.url).pathname}`);
      return lockedOutAnswer();
    }
    const body = answer(req.method, new URL(req.url).pathname);
    return body === undefined
      ? new Response('{"description":"no route","code":404}', { status: 404 })
      : new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };

  class FakeXhr {
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    responseType = '';
    timeout = 0;
    withCredentials = false;
    private url = '';
    private aborted = false;
    open(_method: string, url: string): void {
      this.url = url;
    }
    setRequestHeader(): void {}
    getResponseHeader(): string | null {
      return null;
    }
    abort(): void {
      this.aborted = true;
      this.onabort?.();
    }
    send(form: FormData): void {
      const path = new URL(this.url).pathname;
      calls.push(`POST ${path}`);
      const content = form.get('content') as File;
      const total = content.size + 200;
      // Progress in two steps, then the answer, asynchronously like a network.
      setTimeout(() => {
        if (this.aborted) return;
        this.upload.onprogress?.({
          loaded: total / 2,
          total,
          lengthComputable: true,
        } as ProgressEvent);
        setTimeout(() => {
          if (this.aborted) return;
          uploads.push({ path, metadata: JSON.parse(String(form.get('metadata'))), content });
          this.upload.onprogress?.({
            loaded: total,
            total,
            lengthComputable: true,
          } as ProgressEvent);
          this.status = 200;
          this.responseText = JSON.stringify({ id: `up-${uploads.length}` });
          this.onload?.();
        }, 20);
      }, 20);
    }
  }
  window.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;

  return provider;
}
