import { describe, expect, it } from 'vitest';
import { createChallenge } from '../../emulator/src/liveness/challenge.js';
import { seeded } from '../../emulator/testing/liveness/seeded.js';
import { MATRIX_CHALLENGE } from './liveness-rig.mjs';

describe('the browser rig’s fixed challenge', () => {
  it('is the Node matrix’s seeded one, so both matrices judge the same colours and turns', () => {
    const { colours, segmentMs, turns } = createChallenge(seeded('matrix'), new Date());
    expect(MATRIX_CHALLENGE).toEqual({ colours, segmentMs, turns });
  });
});
