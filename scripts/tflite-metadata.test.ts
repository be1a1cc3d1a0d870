import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  addModelMetadata,
  buildNormalizationMetadata,
  describeModel,
  readInputNormalization,
  readModelMetadata,
} from './tflite-metadata.js';

const require = createRequire(import.meta.url);
const modelPath = require
  .resolve('@mediapipe/face_detection')
  .replace(/face_detection\.js$/, 'face_detection_short_range.tflite');
const original = new Uint8Array(readFileSync(modelPath));
const metadata = buildNormalizationMetadata({ name: 'test', mean: [127.5], std: [127.5] });

describe('TFLite metadata derivation', () => {
  it('the source model has no metadata (why the build derives one)', () => {
    expect(readModelMetadata(original)).toBeUndefined();
  });

  it('builds an M001 ModelMetadata with input NormalizationOptions', () => {
    expect(new TextDecoder().decode(metadata.subarray(4, 8))).toBe('M001');
    expect(readInputNormalization(metadata)).toEqual({ mean: [127.5], std: [127.5] });
  });

  it('adds a TFLITE_METADATA entry whose buffer holds the metadata', () => {
    const derived = addModelMetadata(original, metadata);
    expect(new TextDecoder().decode(derived.subarray(4, 8))).toBe('TFL3');
    expect(readModelMetadata(derived)).toEqual(metadata);
  });

  it('keeps every operator, subgraph and buffer of the original byte for byte', () => {
    const before = describeModel(original);
    const after = describeModel(addModelMetadata(original, metadata));
    expect(after.version).toBe(before.version);
    expect(after.operatorCodes).toBe(before.operatorCodes);
    expect(after.subgraphs).toBe(before.subgraphs);
    expect(after.buffers).toHaveLength(before.buffers.length + 1);
    before.buffers.forEach((bytes, i) => expect(after.buffers[i]).toEqual(bytes));
  });

  it('keeps the original bytes untouched at a 16-byte aligned offset', () => {
    const derived = addModelMetadata(original, metadata);
    const prefix = derived.length - original.length;
    expect(prefix % 16).toBe(0);
    expect(derived.subarray(prefix)).toEqual(original);
  });

  it('keeps each buffer payload at its original alignment and 16-aligns the new one', () => {
    const derived = addModelMetadata(original, metadata);
    const misalignment = (bytes: Uint8Array, file: Uint8Array): number =>
      (bytes.byteOffset - file.byteOffset) % 16;
    const before = describeModel(original).buffers;
    const after = describeModel(derived).buffers;
    before.forEach((bytes, i) => {
      if (bytes.length)
        expect(misalignment(after[i]!, derived)).toBe(misalignment(bytes, original));
    });
    expect(misalignment(after.at(-1)!, derived)).toBe(0);
  });

  it('refuses to add the entry twice and refuses what is not a TFLite model', () => {
    const derived = addModelMetadata(original, metadata);
    expect(() => addModelMetadata(derived, metadata)).toThrow(/already has TFLITE_METADATA/);
    expect(() => addModelMetadata(new Uint8Array(64), metadata)).toThrow(/not a TFLite model/);
  });
});
