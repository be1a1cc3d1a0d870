/**
 * The liveness clips' encoding: WebM with VP8 (what the server's ffmpeg decodes, and what every
 * browser with MediaRecorder and WebM can write), at about 750 kbps: a 6 s clip stays under 600 kB.
 */
export const RECORDER_MIME_TYPES = ['video/webm;codecs=vp8', 'video/webm'] as const;
export const RECORDER_BITS_PER_SECOND = 750_000;

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
