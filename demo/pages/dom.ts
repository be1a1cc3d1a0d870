/** A few DOM helpers for the demo pages. Server strings only ever become text nodes. */

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
  return el;
}

export const $ = <T extends Element = HTMLElement>(sel: string): T => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`missing ${sel}`);
  return el;
};

/** A refused backend call: the HTTP status and the provider's/backend's `description`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A backend call with the session cookie (the browser adds `Origin`, which the backend checks
 * on every call that changes something): no body or a photo, a JSON answer; throws an
 * `ApiError`.
 */
export async function api<T>(method: string, url: string, photo?: Blob | FormData): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  // A multipart form (a photo with its liveness clips) gets its content type from the browser.
  if (photo instanceof FormData) init.body = photo;
  else if (photo) {
    init.body = photo;
    init.headers = { 'content-type': photo.type || 'image/jpeg' };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const d = data as { description?: string } | undefined;
    throw new ApiError(res.status, d?.description ?? `${res.status} ${res.statusText}`);
  }
  return data as T;
}
