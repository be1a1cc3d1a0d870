/** Types of scripts/chromium.mjs (plain JS so web-test-runner.config.mjs can import it). */
export declare function findChromium(): string | undefined;
export declare const NO_CHROMIUM_MESSAGE: string;
export declare const CHROMIUM_ARGS: string[];
export declare function clipFile(clip: string | undefined): string | undefined;
export declare function fakeCameraArgs(clip: string | undefined): string[];
export declare function launchOptions(
  clip?: string,
  extraArgs?: string[],
): { executablePath: string; headless: true; args: string[] };
