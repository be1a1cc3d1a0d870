/**
 * The presentation times (ms) of a WebM's video blocks, as MediaRecorder wrote them: enough of
 * EBML to walk Segment > Cluster > Timecode / SimpleBlock (Chromium writes clusters of unknown
 * size and a 1 ms timecode scale). For the virtual camera's test: what a server decoding the clip
 * by pts would see.
 */
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;

/** A variable-length integer at `at`: its value (marker bit removed unless `keepMarker`) and length. */
function vint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = b[at]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i]!;
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

export function webmBlockTimes(bytes: Uint8Array): number[] {
  const times: number[] = [];
  let cluster = 0;
  let at = 0;
  while (at < bytes.length) {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length, false);
    const body = at + id.length + size.length;
    if (id.value === SEGMENT || id.value === CLUSTER) {
      at = body; // descend (their size is often unknown in a live recording)
      continue;
    }
    if (size.value < 0) break;
    if (id.value === TIMECODE) {
      let t = 0;
      for (let i = 0; i < size.value; i++) t = t * 256 + bytes[body + i]!;
      cluster = t;
    } else if (id.value === SIMPLE_BLOCK) {
      const track = vint(bytes, body, false);
      const rel = new DataView(bytes.buffer, bytes.byteOffset + body + track.length, 2).getInt16(0);
      times.push(cluster + rel);
    }
    at = body + size.value;
  }
  return times;
}
