import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKy } from './http.js';
import { realClock } from './clock.js';
import type { UploadProgress } from './upload.js';
import { pickTransport, upload } from './upload.js';
import { TransportError } from './transport-error.js';

/**
 * The browser's upload path (XMLHttpRequest) with a scripted stand-in: Node has no XHR, and the
 * real-browser run against the emulator belongs to the element's browser tests.
 */

type Script = (xhr: FakeXhr) => void;
let script: Script = () => {};
const created: FakeXhr[] = [];

class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  status = 0;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = true;
  aborted = false;
  sent: unknown;
  responseHeaders: Record<string, string> = {};
  upload: {
    onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null;
  } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    created.push(this);
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name] ?? null;
  }
  send(body: unknown): void {
    this.sent = body;
    queueMicrotask(() => script(this));
  }
  abort(): void {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, body: unknown): void {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  created.length = 0;
});

function request(signal = new AbortController().signal, progress: UploadProgress[] = []) {
  const form = new FormData();
  form.append('metadata', JSON.stringify({ idDocType: 'SELFIE', country: 'RUS' }));
  form.append('content', new Blob([new Uint8Array(1000)]), 'selfie.jpg');
  return upload(
    {
      client: createKy('http://provider.test/api/'),
      prefixUrl: 'http://provider.test/api/',
      path: 'resources/applicantActions/a1/images',
      form,
      token: 'tok',
      signal,
      timeoutMs: 1_000,
      clock: realClock,
      onProgress: (p) => progress.push(p),
    },
    'xhr',
  );
}

describe('XHR upload', () => {
  it('is what auto picks where XMLHttpRequest exists', () => {
    expect(pickTransport('auto')).toBe('fetch');
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    expect(pickTransport('auto')).toBe('xhr');
    expect(pickTransport('fetch')).toBe('fetch');
  });

  it('posts the form with the access token, reports progress, parses the answer', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    script = (x) => {
      x.upload.onprogress?.({ loaded: 400, total: 1200, lengthComputable: true });
      x.upload.onprogress?.({ loaded: 1200, total: 1200, lengthComputable: true });
      x.respond(200, { id: 'img1' });
    };
    const progress: UploadProgress[] = [];
    await expect(request(undefined, progress)).resolves.toEqual({ id: 'img1' });
    const x = created[0]!;
    expect(x.method).toBe('POST');
    expect(x.url).toBe('http://provider.test/api/resources/applicantActions/a1/images');
    expect(x.headers['X-Access-Token']).toBe('tok');
    expect(x.withCredentials).toBe(false);
    expect(x.sent).toBeInstanceOf(FormData);
    expect(progress.map((p) => p.fraction)).toEqual([1 / 3, 1]);
  });

  it('an error answer becomes an http TransportError with the provider body and Retry-After', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    script = (x) => {
      x.responseHeaders['Retry-After'] = '2';
      x.respond(503, { description: 'busy', code: 503, errorCode: 1503, errorName: 'unavailable' });
    };
    const e = await request().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransportError);
    expect(e).toMatchObject({
      failure: { kind: 'http', status: 503, retryAfterMs: 2_000 },
      body: { errorCode: 1503, description: 'busy' },
    });
  });

  it('status 0 is a network failure of unknown reach; a timeout is a timeout', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    script = (x) => x.onerror?.();
    expect(await request().catch((e: unknown) => e)).toMatchObject({
      failure: { kind: 'network', reachedServer: 'unknown' },
    });
    script = (x) => x.ontimeout?.();
    expect(await request().catch((e: unknown) => e)).toMatchObject({
      failure: { kind: 'timeout' },
    });
  });

  it('the signal aborts the XHR and rejects with its reason', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    script = () => {};
    const ac = new AbortController();
    const pending = request(ac.signal);
    const reason = new DOMException('cancelled', 'AbortError');
    ac.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(created[0]!.aborted).toBe(true);
  });
});
