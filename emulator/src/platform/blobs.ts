import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import type { CheckedImage } from './images.js';

export interface BlobRow {
  id: string;
  mime: string;
  data: Buffer;
  sha256: string;
  width: number | null;
  height: number | null;
  created_ms: number;
}

export function insertBlob(
  db: Db,
  img: Pick<CheckedImage, 'data' | 'mime' | 'sha256'> & { width?: number; height?: number },
  nowMs: number,
): string {
  const id = randomUUID().replaceAll('-', '');
  db.prepare(
    'INSERT INTO blobs (id, mime, data, sha256, width, height, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, img.mime, img.data, img.sha256, img.width ?? null, img.height ?? null, nowMs);
  return id;
}

/** A stored blob with its bytes; undefined when there is none or it was erased (retention). */
export function getBlob(db: Db, id: string): BlobRow | undefined {
  return db.prepare('SELECT * FROM blobs WHERE id = ? AND purged_ms IS NULL').get(id) as
    BlobRow | undefined;
}
