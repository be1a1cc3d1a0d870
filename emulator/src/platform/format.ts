/** Date formats the provider's API docs show; each endpoint family keeps its own. */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The applicant API's style: `2023-02-06T00:32:22.926` (UTC, no zone suffix). */
export function bafDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '');
}

/** Actions style: `2021-06-17 11:05:19` (UTC). */
export function actionDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Webhook `createdAtMs`: `2020-02-21 13:23:19.111` (UTC). */
export function webhookDate(ms: number): string {
  return `${actionDate(ms)}.${pad(ms % 1000, 3)}`;
}

/** Parses the applicant API's `dd-mm-yyyy` into the UTC midnight of that day, or null when malformed. */
export function parseDdMmYyyy(value: string): number | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return ms;
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null) return fallback;
  return JSON.parse(text) as T;
}
