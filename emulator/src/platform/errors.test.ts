/** The README tells the documented codes from the emulator's own, and misses none. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_ERROR_CODES, ErrorCodes } from './errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The codes in the first column of the markdown table that follows `heading`. */
function tableCodes(heading: string): number[] {
  const at = readme.indexOf(heading);
  expect(at, `README has "${heading}"`).toBeGreaterThanOrEqual(0);
  const rows = readme.slice(at).split('\n\n')[1]!.split('\n').slice(2);
  return rows.flatMap((row) => (row.split('|')[1] ?? '').match(/\d+/g)?.map(Number) ?? []);
}

describe('error codes in the README', () => {
  const all = Object.values(ErrorCodes).map((e) => e.errorCode);
  const own = all.filter((c) => !DOCUMENTED_ERROR_CODES.has(c));

  it("lists every code the documents do not give in one table, as the emulator's own", () => {
    expect(own).toEqual(expect.arrayContaining([120031, 1001, 1030, 4000, 4030]));
    expect(tableCodes("The emulator's own codes.").sort()).toEqual([...own].sort());
  });

  it('lists the documented codes apart', () => {
    expect(tableCodes('The applicant API documents these codes').sort()).toEqual(
      [...DOCUMENTED_ERROR_CODES].sort(),
    );
  });
});
