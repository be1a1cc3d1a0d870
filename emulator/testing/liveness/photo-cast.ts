/**
 * The matrix's cast from ../shared/faces, as the clip script and the liveness bench render it:
 * obama-1 is the account owner (the prints, and the 3D head of the pass path), obama-2 the owner
 * again (the alternating photos), and biden-2's 3D head another person.
 */
import { buildHeadMesh, type MatrixCast } from './clips.js';
import { loadFaceTexture } from './photos.js';

export async function photoCast(
  options: Pick<MatrixCast, 'challenge' | 'fps' | 'durationMs'>,
): Promise<MatrixCast> {
  const owner = await loadFaceTexture('obama-1.jpg');
  return {
    ...options,
    owner,
    ownerAgain: await loadFaceTexture('obama-2.jpg'),
    ownerHead: buildHeadMesh(owner),
    otherHead: buildHeadMesh(await loadFaceTexture('biden-2.jpg')),
  };
}
