/**
 * Everything the guidance can ask of the person, most important first. The order is the
 * priority: nothing else can be judged without exactly one face; distance comes before
 * centring because the centring tolerance scales with the face; pose before light; light before
 * sharpness (a dark frame is a noisy frame); stillness is the last thing asked, while holding.
 */
export const HINT_PRIORITY = [
  'noFace',
  'multipleFaces',
  'faceUnclear',
  'moveCloser',
  'moveBack',
  'centreFace',
  'levelHead',
  'lookStraight',
  'moreLight',
  'lessLight',
  'evenLight',
  'blurry',
  'holdStill',
] as const;

export type HintCode = (typeof HINT_PRIORITY)[number];

export function sortHints(hints: Iterable<HintCode>): HintCode[] {
  return [...new Set(hints)].sort((a, b) => HINT_PRIORITY.indexOf(a) - HINT_PRIORITY.indexOf(b));
}
