/**
 * Faster `Concat` and `Slice` kernels for tfjs's wasm backend. Both stock kernels are JavaScript
 * that copies one `subarray().set()` per innermost block, however small:
 * - face-api normalises every detector input by concatenating three [1, 416, 416, 1] mean planes
 *   along the channel axis: 519,168 one-element copies, 35-64 ms of a 90-120 ms
 *   TinyFaceDetector run here (tf.profile);
 * - cropping a face out of an [h, w, 3] image copies 3 bytes at a time (slice3d), 30-70 ms per
 *   review for the landmark and descriptor crops.
 * The same copies as plain loops over small blocks, and as one block per row where the slice
 * keeps whole trailing dimensions, take ~1 ms. Results are bit-identical (unit-tested).
 */
import type * as Tfjs from '@tensorflow/tfjs';

type Numeric = Float32Array | Int32Array | Uint8Array;

/** Below this many elements per block a plain loop beats `subarray().set()` (measured: 64). */
const BLOCK_COPY_MIN = 64;

/**
 * Concatenates `inputs` (each viewed as `[outer, innerSizes[i]]`) along their inner dimension
 * into `out` (`[outer, sum(innerSizes)]`). Pure: the kernel below feeds it the wasm heap views.
 */
export function concatInner(
  inputs: readonly Numeric[],
  innerSizes: readonly number[],
  outer: number,
  out: Numeric,
): void {
  const total = innerSizes.reduce((a, b) => a + b, 0);
  let start = 0;
  for (let i = 0; i < inputs.length; i++) {
    const source = inputs[i] as Numeric;
    const inner = innerSizes[i] as number;
    if (inner >= BLOCK_COPY_MIN) {
      for (let b = 0; b < outer; b++) {
        out.set(source.subarray(b * inner, (b + 1) * inner), b * total + start);
      }
    } else if (inner === 1) {
      for (let b = 0, o = start; b < outer; b++, o += total) out[o] = source[b] as number;
    } else {
      for (let b = 0; b < outer; b++) {
        const from = b * inner;
        const to = b * total + start;
        for (let k = 0; k < inner; k++) out[to + k] = source[from + k] as number;
      }
    }
    start += inner;
  }
}

/**
 * Copies the box `begin`..`begin + size` of a row-major tensor of `shape` into `out`. Trailing
 * dimensions the slice keeps whole are merged into one contiguous block per outer index.
 */
export function sliceInto(
  source: Numeric,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Numeric,
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = source[0] as number;
    return;
  }
  const strides: number[] = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--)
    strides[d] = (strides[d + 1] as number) * (shape[d + 1] as number);
  // Innermost dimension the copy iterates over: every dimension after it is taken whole.
  let last = rank - 1;
  while (last > 0 && begin[last] === 0 && size[last] === shape[last]) last--;
  const block = (size[last] as number) * (strides[last] as number);
  const index: number[] = new Array<number>(last).fill(0);
  let outOffset = 0;
  for (;;) {
    let from = (begin[last] as number) * (strides[last] as number);
    for (let d = 0; d < last; d++) {
      from += ((begin[d] as number) + (index[d] as number)) * (strides[d] as number);
    }
    if (block >= BLOCK_COPY_MIN) {
      out.set(source.subarray(from, from + block), outOffset);
    } else {
      for (let k = 0; k < block; k++) out[outOffset + k] = source[from + k] as number;
    }
    outOffset += block;
    // Odometer over the outer dimensions 0..last-1.
    let d = last - 1;
    while (d >= 0) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (size[d] as number)) break;
      index[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

/** The part of tfjs-backend-wasm's `BackendWasm` the kernel uses. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: string): Tfjs.TensorInfo;
  typedArrayFromHeap(tensor: Tfjs.TensorInfo): Numeric;
}

let installed = false;

/** Swaps a registered wasm kernel for `make(stock)`. */
function replaceKernel(
  tf: typeof Tfjs,
  name: string,
  make: (stock: Tfjs.KernelFunc) => Tfjs.KernelFunc,
): void {
  const stock = tf.getKernel(name, 'wasm');
  if (!stock) throw new Error(`tfjs wasm backend has no ${name} kernel to replace`);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: make(stock.kernelFunc) });
}

/**
 * Replaces the wasm backend's `Concat` and `Slice` with {@link concatInner} and
 * {@link sliceInto} for numeric tensors; strings, empty tensors and anything unusual go to the
 * stock kernels. Idempotent; call once the backend is ready, before the first inference.
 */
export function installFastCopyKernels(tf: typeof Tfjs): void {
  if (installed) return;
  installed = true;
  replaceKernel(tf, 'Slice', (stock) => (args) => {
    const x = (args.inputs as unknown as { x: Tfjs.TensorInfo }).x;
    const attrs = args.attrs as { begin: number | number[]; size?: number | number[] };
    if (x.dtype === 'string' || !Array.isArray(attrs.begin)) return stock(args);
    const rank = x.shape.length;
    const begin = attrs.begin;
    const rawSize = Array.isArray(attrs.size) ? attrs.size : undefined;
    if (begin.length !== rank || (rawSize && rawSize.length !== rank)) return stock(args);
    // tfjs allows -1 for "to the end".
    const size = x.shape.map((extent, d) => {
      const wanted = rawSize?.[d] ?? -1;
      return wanted === -1 ? extent - (begin[d] as number) : wanted;
    });
    const inside = size.every(
      (s, d) =>
        s > 0 && (begin[d] as number) >= 0 && (begin[d] as number) + s <= (x.shape[d] as number),
    );
    if (!inside) return stock(args);
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput(size, x.dtype);
    sliceInto(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
    return out;
  });
  replaceKernel(tf, 'Concat', (stockFunc) => (args) => {
    const inputs = args.inputs as unknown as Tfjs.TensorInfo[];
    const first = inputs[0];
    const sizes = inputs.map((t) => t.shape.reduce((a, b) => a * b, 1));
    if (!first || first.dtype === 'string' || sizes.some((s) => s === 0) || inputs.length < 2) {
      return stockFunc(args);
    }
    const rank = first.shape.length;
    const rawAxis = (args.attrs as { axis: number | number[] }).axis;
    const axisValue = Array.isArray(rawAxis) ? (rawAxis[0] as number) : rawAxis;
    const axis = axisValue < 0 ? axisValue + rank : axisValue;
    const outer = first.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const innerSizes = inputs.map((t) => t.shape.slice(axis).reduce((a, b) => a * b, 1));
    const outShape = [...first.shape];
    outShape[axis] = inputs.reduce((sum, t) => sum + (t.shape[axis] as number), 0);
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput(outShape, first.dtype);
    concatInner(
      inputs.map((t) => backend.typedArrayFromHeap(t)),
      innerSizes,
      outer,
      backend.typedArrayFromHeap(out),
    );
    return out;
  });
}
