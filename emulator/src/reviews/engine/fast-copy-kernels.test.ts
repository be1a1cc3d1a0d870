/**
 * The replacement copy kernels give exactly what the stock wasm kernels give: the pure copies
 * against a naive reference, then the installed kernels against the stock ones on one backend.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Tfjs from '@tensorflow/tfjs';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { concatInner, installFastCopyKernels, sliceInto } from './fast-copy-kernels.js';

const require = createRequire(import.meta.url);

/** Deterministic pseudo-random integers (the test must not depend on Math.random). */
function sequence(length: number, seed: number): Int32Array {
  const out = new Int32Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out[i] = s % 1000;
  }
  return out;
}

function naiveSlice(src: Int32Array, shape: number[], begin: number[], size: number[]): number[] {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const out: number[] = [];
  const walk = (d: number, offset: number): void => {
    if (d === shape.length) {
      out.push(src[offset] as number);
      return;
    }
    for (let i = 0; i < (size[d] as number); i++) {
      walk(d + 1, offset + ((begin[d] as number) + i) * (strides[d] as number));
    }
  };
  walk(0, 0);
  return out;
}

describe('sliceInto', () => {
  const cases: [number[], number[], number[]][] = [
    [
      [7, 9, 3],
      [2, 1, 0],
      [4, 5, 3],
    ], // a face crop: whole pixels, rows of 15
    [
      [7, 9, 3],
      [0, 0, 1],
      [7, 9, 1],
    ], // one channel
    [
      [1, 13, 13, 125],
      [0, 0, 0, 25],
      [1, 13, 13, 4],
    ], // a detector output slice
    [
      [5, 40],
      [0, 0],
      [5, 40],
    ], // everything (one block)
    [
      [5, 40],
      [1, 3],
      [3, 30],
    ],
    [[100], [17], [60]],
    [
      [2, 3, 4, 5, 6],
      [1, 0, 2, 1, 0],
      [1, 3, 2, 3, 6],
    ],
  ];
  for (const [shape, begin, size] of cases) {
    it(`copies ${JSON.stringify(size)} at ${JSON.stringify(begin)} of ${JSON.stringify(shape)}`, () => {
      const src = sequence(
        shape.reduce((a, b) => a * b, 1),
        7,
      );
      const out = new Int32Array(size.reduce((a, b) => a * b, 1));
      sliceInto(src, shape, begin, size, out);
      expect(Array.from(out)).toEqual(naiveSlice(src, shape, begin, size));
    });
  }
});

describe('concatInner', () => {
  it('interleaves one-element, small and large blocks like a concat along that axis', () => {
    const outer = 11;
    const inner = [1, 3, 70];
    const inputs = inner.map((n, i) => sequence(outer * n, i + 1));
    const out = new Int32Array(outer * 74);
    concatInner(inputs, inner, outer, out);
    const expected: number[] = [];
    for (let b = 0; b < outer; b++) {
      inputs.forEach((input, i) => {
        const n = inner[i] as number;
        expected.push(...Array.from(input.subarray(b * n, (b + 1) * n)));
      });
    }
    expect(Array.from(out)).toEqual(expected);
  });
});

describe('installed in the tfjs wasm backend', () => {
  it('gives the stock kernels’ results, bit for bit', async () => {
    const tf = require('@tensorflow/tfjs') as typeof Tfjs;
    const tfWasm = require('@tensorflow/tfjs-backend-wasm') as typeof TfWasm;
    tfWasm.setWasmPaths(
      path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) +
        path.sep,
    );
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    const image = tf.tensor3d(sequence(40 * 30 * 3, 3), [40, 30, 3], 'int32');
    const floats = tf.tensor4d(
      Float32Array.from(sequence(2 * 9 * 9 * 5, 5), (v) => v / 7),
      [2, 9, 9, 5],
    );
    const planes = [1, 2, 3].map((seed) => tf.tensor4d(sequence(64, seed), [1, 8, 8, 1], 'int32'));
    const run = () => [
      tf.slice(image, [3, 4, 0], [20, 17, 3]),
      tf.slice(image, [0, 0, 1], [-1, -1, 2]),
      tf.slice(floats, [1, 2, 0, 1], [1, 5, 9, 3]),
      tf.concat(planes, 3),
      tf.concat([floats, floats], 0),
      tf.concat([image, image], 1),
    ];
    const stock = await Promise.all(run().map((t) => t.array()));
    installFastCopyKernels(tf);
    const fast = await Promise.all(run().map((t) => t.array()));
    expect(fast).toEqual(stock);
  });
});
