import { describe, expect, it } from 'vitest';
import { BACKGROUND_FACE_RATIO, countedFaces, sameFace } from './face-count.js';
import { face } from '../../test/support/synthetic.js';

describe('countedFaces', () => {
  it('counts one face as one', () => {
    expect(countedFaces([face()])).toHaveLength(1);
    expect(countedFaces([])).toEqual([]);
  });

  it('counts two people of similar size as two, most confident first', () => {
    const left = face({ cx: 160, score: 0.8 });
    const right = face({ cx: 480, score: 0.9 });
    expect(countedFaces([left, right])).toEqual([right, left]);
  });

  it('drops a face much smaller than the largest one: an emblem or a poster behind the person', () => {
    const person = face({ size: 200 });
    const emblem = face({ cx: 560, cy: 80, size: 40, score: 0.97 });
    expect(countedFaces([emblem, person])).toEqual([person]);
  });

  it('keeps a smaller face at the review’s background ratio or above', () => {
    const person = face({ cx: 200, size: 200 });
    const second = face({ cx: 520, size: 200 * BACKGROUND_FACE_RATIO });
    expect(countedFaces([person, second])).toHaveLength(2);
    const smaller = face({ cx: 520, size: 200 * BACKGROUND_FACE_RATIO - 1 });
    expect(countedFaces([person, smaller])).toEqual([person]);
  });

  it('counts overlapping boxes as one face, keeping the most confident box', () => {
    const a = face({ cx: 320, score: 0.8 });
    const b = face({ cx: 340, score: 0.9 }); // shifted by a tenth of its width
    expect(countedFaces([a, b])).toEqual([b]);
  });

  it('counts a box lying inside a larger one as the same face', () => {
    const whole = face({ size: 200, score: 0.7 });
    const part = face({ cx: 340, cy: 260, size: 90, score: 0.95 });
    expect(countedFaces([whole, part])).toEqual([part]);
  });

  it('does not merge large faces that only touch or barely overlap', () => {
    const a = face({ cx: 200, size: 200 });
    const b = face({ cx: 380, size: 200 }); // 20 px of 200 shared: IoU about 0.05
    expect(countedFaces([a, b])).toHaveLength(2);
  });
});

describe('sameFace', () => {
  const box = { x: 0, y: 0, width: 100, height: 100 };
  it('is true above the review’s IoU and for a box mostly inside another', () => {
    expect(sameFace(box, { x: 20, y: 0, width: 100, height: 100 })).toBe(true); // IoU 0.67
    expect(sameFace(box, { x: 50, y: 50, width: 40, height: 40 })).toBe(true); // inside
    expect(sameFace(box, { x: 80, y: 80, width: 40, height: 40 })).toBe(false); // a quarter inside
    expect(sameFace(box, { x: 100, y: 0, width: 100, height: 100 })).toBe(false); // touching
  });
});
