import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  makeTreeShakable,
  treeShakableTasksVision,
  type Node,
} from './tree-shakable-tasks-vision.js';

const parse = (code: string): Node => parseAst(code) as unknown as Node;
// The ES module build (require.resolve finds the CommonJS one next to it).
const bundlePath = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@mediapipe/tasks-vision')),
  'vision_bundle.mjs',
);

describe('makeTreeShakable', () => {
  it('folds the member assignments that follow a class into a pure IIFE', () => {
    const code =
      'var A=class{f(){return 1}};function h(){return A}' +
      'A.prototype.run=A.prototype.f,A.create=function(){return new A};' +
      'var B=class{};B.x=1,other.y=2;export{A,B};';
    const out = makeTreeShakable(code, parse);
    expect(out.classes).toEqual(['A']);
    expect(out.code).toBe(
      'var A=/*#__PURE__*/(()=>{const A=class{f(){return 1}};' +
        'A.prototype.run=A.prototype.f,A.create=function(){return new A};return A})();' +
        'function h(){return A}' +
        // B's statement also assigns to another object: left as it is.
        'var B=class{};B.x=1,other.y=2;export{A,B};',
    );
  });

  it('marks load-time calls of the connection helper pure, and only those', () => {
    const code =
      'function ic(...t){return t.map((([t,e])=>({start:t,end:e})))}' +
      'function other(t){return t}' +
      'var a=ic([1,2],[2,3]),b=[...ic([0,1])],c=other([1]);' +
      'function later(){return ic([5,6])}';
    const out = makeTreeShakable(code, parse);
    expect(out.pureCalls).toBe(2);
    expect(out.code).toContain('var a=/*#__PURE__*/ic([1,2],[2,3]),b=[.../*#__PURE__*/ic([0,1])]');
    expect(out.code).toContain('c=other([1])');
    expect(out.code).toContain('function later(){return ic([5,6])}');
  });
});

describe('vision_bundle.mjs rewritten', () => {
  const original = readFileSync(bundlePath, 'utf8');
  const rewritten = makeTreeShakable(original, parse);

  it('still exports every class with the same members', async () => {
    expect(rewritten.classes.length).toBeGreaterThan(10);
    expect(rewritten.pureCalls).toBeGreaterThan(0);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tasks-vision-')), 'rewritten.mjs');
    // Without its source map comment: the map describes the original, not this.
    writeFileSync(file, rewritten.code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
    const before = (await import(pathToFileURL(bundlePath).href)) as Record<string, unknown>;
    const after = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const shape = (value: unknown) => {
      if (typeof value !== 'function') return typeof value;
      return {
        name: value.name,
        statics: Object.getOwnPropertyNames(value).sort(),
        members: Object.getOwnPropertyNames((value.prototype as object | undefined) ?? {}).sort(),
      };
    };
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before))
      expect(shape(after[name]), name).toEqual(shape(before[name]));
  });

  it('lets a bundle of FaceDetector alone drop the other tasks', async () => {
    const sizeOf = async (plugins: Parameters<typeof rollup>[0]['plugins']) => {
      const build = await rollup({
        input: 'entry',
        plugins: [
          {
            name: 'entry',
            resolveId: (id) =>
              id === 'entry' ? id : id === '@mediapipe/tasks-vision' ? bundlePath : null,
            load: (id) =>
              id === 'entry' ? "export { FaceDetector } from '@mediapipe/tasks-vision';" : null,
          },
          ...[plugins ?? []].flat(),
        ],
      });
      const { output } = await build.generate({ format: 'es' });
      return output[0].code;
    };
    const whole = await sizeOf([]);
    const shaken = await sizeOf([treeShakableTasksVision()]);
    // The face detector's graph stays; the hand, pose and face-mesh tasks go.
    expect(shaken).toContain('mediapipe.tasks.vision.face_detector.FaceDetectorGraph');
    expect(shaken).toMatch(/\.prototype\.detectForVideo=/);
    for (const graph of [
      'hand_landmarker',
      'pose_landmarker',
      'face_landmarker',
      'gesture_recognizer',
    ])
      expect(shaken).not.toContain(`mediapipe.tasks.vision.${graph}`);
    expect(whole).toContain('mediapipe.tasks.vision.hand_landmarker');
    expect(shaken.length).toBeLessThan(whole.length * 0.6);
  });
});
