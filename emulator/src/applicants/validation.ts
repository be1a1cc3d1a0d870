/** Checks of what a caller sends about an applicant: phone numbers and the callback URL. */

import { ApiError } from '../platform/errors.js';

export function isValidPhone(phone: string): boolean {
  if (!/^\+?[\d\s().-]+$/.test(phone)) return false;
  const digits = phone.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

export const blank = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === '' ? null : v;

/**
 * The enrolment page sends the browser to `callbackUrl` when the applicant is done, so only an
 * absolute http(s) URL is accepted: a `javascript:` or `data:` one would run in the page.
 */
export function checkCallbackUrl(value: string | null | undefined): string | null {
  const v = blank(value);
  if (v === null) return null;
  let url: URL | undefined;
  try {
    url = new URL(v);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.host) {
    throw new ApiError('validation', 'callbackUrl must be an absolute http(s) URL');
  }
  return v;
}
