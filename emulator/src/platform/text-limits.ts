/**
 * How long the free text a caller sends may be where the emulator stores it: an image's
 * `idDocType` and file name, an applicant's `metadata`. Checked where it is parsed for storage,
 * so nothing arrives in the database as sent whatever its size (a 1 MB idDocType, a 100 KB file
 * name); a longer value is refused with 400 1001 naming the field and its limit.
 */

import { ApiError } from './errors.js';

export const TEXT_LIMITS = {
  /** The provider's values are short names (SELFIE, PASSPORT, ID_CARD). */
  idDocType: 64,
  /** What a file system takes as one name. */
  fileName: 255,
  metadataEntries: 50,
  metadataKey: 64,
  metadataValue: 1024,
} as const;

/** Refuses `value` when it is longer than `max` characters; `what` names it in the error. */
export function checkLength(what: string, value: string, max: number): string {
  if (value.length > max) {
    throw new ApiError(
      'validation',
      `${what} is ${value.length} characters long; at most ${max} are accepted`,
    );
  }
  return value;
}

/** An applicant's `metadata`: at most 50 entries, keys of 64 and values of 1024 characters. */
export function checkMetadata(
  metadata: Record<string, string> | null | undefined,
): Record<string, string> {
  const entries = Object.entries(metadata ?? {});
  if (entries.length > TEXT_LIMITS.metadataEntries) {
    throw new ApiError(
      'validation',
      `metadata has ${entries.length} entries; at most ${TEXT_LIMITS.metadataEntries} entries are accepted`,
    );
  }
  for (const [key, value] of entries) {
    checkLength('A metadata key', key, TEXT_LIMITS.metadataKey);
    checkLength(`The metadata value of ${key}`, value, TEXT_LIMITS.metadataValue);
  }
  return Object.fromEntries(entries);
}
