import { describe, expect, it } from 'vitest';
import { DecodedImages } from './decoded-images.js';

const pixels = (bytes: number, fill = 0) => ({ data: new Uint8Array(bytes).fill(fill) });

describe('DecodedImages', () => {
  it('hands the pixels of a key to one taker only', () => {
    const kept = new DecodedImages(100, 1000, () => 0);
    const p = pixels(10, 7);
    kept.put('a', p);
    expect(kept.bytes).toBe(10);
    expect(kept.take('a')).toBe(p);
    expect(kept.take('a')).toBeUndefined();
    expect(kept.bytes).toBe(0);
    expect(kept.take('never')).toBeUndefined();
  });

  it('leaves out a new entry that does not fit, keeping the older ones (reviewed first)', () => {
    const kept = new DecodedImages(25, 1000, () => 0);
    kept.put('a', pixels(10));
    kept.put('b', pixels(10));
    kept.put('c', pixels(10));
    expect(kept.take('c')).toBeUndefined();
    expect(kept.size).toBe(2);
    expect(kept.bytes).toBe(20);
    expect(kept.take('a')).toBeDefined();
    // Room again once one is taken.
    kept.put('d', pixels(10));
    expect(kept.take('b')).toBeDefined();
    expect(kept.take('d')).toBeDefined();
  });

  it('makes room by forgetting expired entries first', () => {
    let now = 0;
    const kept = new DecodedImages(25, 1000, () => now);
    kept.put('old', pixels(20));
    now = 1000;
    kept.put('new', pixels(20));
    expect(kept.take('old')).toBeUndefined();
    expect(kept.take('new')).toBeDefined();
  });

  it('does not keep an entry larger than the whole bound, nor drop the others for it', () => {
    const kept = new DecodedImages(25, 1000, () => 0);
    kept.put('a', pixels(10));
    kept.put('huge', pixels(26));
    expect(kept.take('huge')).toBeUndefined();
    expect(kept.take('a')).toBeDefined();
  });

  it('forgets entries older than the age bound', () => {
    let now = 0;
    const kept = new DecodedImages(100, 1000, () => now);
    kept.put('old', pixels(10));
    now = 600;
    kept.put('new', pixels(10));
    now = 1000;
    expect(kept.take('old')).toBeUndefined();
    expect(kept.bytes).toBe(10);
    expect(kept.take('new')).toBeDefined();
  });

  it('replaces the entry of a key put twice, counting its bytes once', () => {
    const kept = new DecodedImages(100, 1000, () => 0);
    kept.put('a', pixels(10, 1));
    const second = pixels(20, 2);
    kept.put('a', second);
    expect(kept.bytes).toBe(20);
    expect(kept.take('a')).toBe(second);
  });
});
