import { executeServerCommand } from '@web/test-runner-commands';

/** Skips the suite with a message when the fake-camera clip of this test group is missing. */
export async function skipWithoutClip(ctx: Mocha.Context, clip?: string): Promise<void> {
  const ok = await executeServerCommand<boolean, { clip: string } | undefined>(
    'clips-available',
    clip ? { clip } : undefined,
  );
  if (!ok) {
    console.warn(
      `SKIP: fake-camera clip ${clip ?? 'obama-1-centred'} is missing (../shared/faces absent?).`,
    );
    ctx.skip();
  }
}
