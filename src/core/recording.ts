/**
 * The liveness clips' encoding: WebM with VP8 (what the server's ffmpeg decodes, and what every
 * browser with MediaRecorder and WebM can write), at about 300 kbps: both clips of an attempt
 * (~13 s: the colours, then the turns) and the selfie stay under 600 kB. At 750 kbps a noisy
 * camera filled 1.05 MB; the server analyses ~5 frames a second at 480x360, which 300 kbps at
 * 640x480 still carries (the browser pass path and the attacks are measured at this rate).
 */
export const RECORDER_MIME_TYPES = ['video/webm;codecs=vp8', 'video/webm'] as const;
export const RECORDER_BITS_PER_SECOND = 300_000;

/** The first of our types the browser can record; null when none (no WebM: Safari before 18.4). */
export function pickRecorderMime(isTypeSupported: (type: string) => boolean): string | null {
  for (const type of RECORDER_MIME_TYPES) {
    try {
      if (isTypeSupported(type)) return type;
    } catch {
      // An old implementation that throws on codecs: try the next.
    }
  }
  return null;
}
