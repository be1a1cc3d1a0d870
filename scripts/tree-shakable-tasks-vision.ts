/**
 * Lets the CDN build keep only the part of MediaPipe's `vision_bundle.mjs` that `FaceDetector`
 * uses (src/internal/tasks-vision.ts imports nothing else).
 *
 * The bundle is Closure Compiler output: every task class (`FaceLandmarker`, `HandLandmarker`,
 * `PoseLandmarker`, …) is a `var X=class…` followed by a top-level statement that assigns its
 * public method names and static factories (`X.prototype.detect=X.prototype.F,
 * X.createFromOptions=function…`), and the landmark connection tables are top-level calls of a
 * helper (`ic([61,146],[146,91],…)`). A bundler must assume an assignment to a property and a
 * call may have side effects, so it keeps all of it: 136 kB of which the face detector needs
 * under 60. Rewritten as below, the same code runs in the same order when it is used, and a
 * bundler drops what is not:
 *
 * - `var X=class{…};` + `X.a=…,X.prototype.b=…;` → `var X=/*#__PURE__*\/(()=>{const
 *   X=class{…};X.a=…,X.prototype.b=…;return X})();` when the assignments follow the class with
 *   only function declarations (hoisted anyway) between them, and assign to X alone;
 * - calls of the connection helper (`function ic(...t){return t.map(([t,e])=>({start:t,end:e}))}`,
 *   found by its shape) are marked `/*#__PURE__*\/`: it only builds new objects.
 *
 * The build fails when either finds nothing: a MediaPipe update that changes the bundle's shape
 * must not silently bring the whole bundle back.
 */
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/** The ESTree subset this reads (Rollup's `this.parse` gives nodes with `start`/`end`). */
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export interface Rewrite {
  code: string;
  map: ReturnType<MagicString['generateMap']>;
  /** Names of the classes whose member assignments were folded into them. */
  classes: string[];
  /** Calls of the connection helper marked pure. */
  pureCalls: number;
}

const BUNDLE = /[\\/]@mediapipe[\\/]tasks-vision[\\/]vision_bundle\.mjs$/;

/** `function ic(...t){return t.map((([t,e])=>({start:t,end:e})))}`, whatever the names. */
const CONNECTIONS_HELPER =
  /^function ([\w$]+)\(\.\.\.([\w$]+)\)\{return \2\.map\(\(\(\[([\w$]+),([\w$]+)\]\)=>\(\{start:\3,end:\4\}\)\)\)\}$/;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** The identifier a member expression chain starts from (`X` of `X.prototype.a`), if any. */
function rootName(node: Node): string | null {
  let n: Node = node;
  while (n.type === 'MemberExpression') n = n.object as Node;
  return n.type === 'Identifier' ? (n.name as string) : null;
}

/** `X.… = …` (plain `=`), for every expression of the statement. */
function assignsOnlyTo(statement: Node, name: string): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  const expression = statement.expression as Node;
  const parts =
    expression.type === 'SequenceExpression' ? (expression.expressions as Node[]) : [expression];
  return parts.every((e) => {
    if (e.type !== 'AssignmentExpression' || e.operator !== '=') return false;
    const left = e.left as Node;
    return left.type === 'MemberExpression' && rootName(left) === name;
  });
}

/** Calls anywhere in `node` outside function and class bodies (which do not run at load). */
function loadTimeCalls(node: Node, found: Node[]): void {
  if (/Function|Class/.test(node.type)) return;
  if (node.type === 'CallExpression') found.push(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const v of value) if (isNode(v)) loadTimeCalls(v, found);
    if (isNode(value)) loadTimeCalls(value, found);
  }
}

/** Rewrites `code` (vision_bundle.mjs) as the module comment says; `parse` gives its ESTree. */
export function makeTreeShakable(code: string, parse: (code: string) => Node): Rewrite {
  const body = parse(code).body as Node[];
  const s = new MagicString(code);
  const classes: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const declaration = body[i]!;
    if (declaration.type !== 'VariableDeclaration') continue;
    const declarators = declaration.declarations as Node[];
    if (declarators.length !== 1) continue;
    const id = declarators[0]!.id as Node;
    const init = declarators[0]!.init as Node | null;
    if (id.type !== 'Identifier' || init?.type !== 'ClassExpression') continue;
    const name = id.name as string;
    let j = i + 1;
    while (body[j]?.type === 'FunctionDeclaration') j++;
    const members = body[j];
    if (!members || !assignsOnlyTo(members, name)) continue;
    const assignments = members.expression as Node;
    s.overwrite(
      init.start,
      init.end,
      `/*#__PURE__*/(()=>{const ${name}=${code.slice(init.start, init.end)};` +
        `${code.slice(assignments.start, assignments.end)};return ${name}})()`,
    );
    s.remove(members.start, members.end);
    classes.push(name);
  }

  const helpers = new Set(
    body
      .filter((n) => n.type === 'FunctionDeclaration')
      .map((n) => CONNECTIONS_HELPER.exec(code.slice(n.start, n.end))?.[1])
      .filter((name): name is string => Boolean(name)),
  );
  let pureCalls = 0;
  for (const statement of body) {
    const calls: Node[] = [];
    loadTimeCalls(statement, calls);
    for (const call of calls) {
      const callee = call.callee as Node;
      if (callee.type !== 'Identifier' || !helpers.has(callee.name as string)) continue;
      s.appendLeft(call.start, '/*#__PURE__*/');
      pureCalls++;
    }
  }
  return { code: s.toString(), map: s.generateMap({ hires: true }), classes, pureCalls };
}

/** The Vite/Rollup plugin: applies makeTreeShakable to vision_bundle.mjs, fails if it finds nothing. */
export function treeShakableTasksVision(): Plugin {
  return {
    name: 'face-auth:tree-shakable-tasks-vision',
    transform(code, id) {
      if (!BUNDLE.test(id)) return null;
      const out = makeTreeShakable(code, (c) => this.parse(c) as unknown as Node);
      if (!out.classes.length || !out.pureCalls)
        this.error(
          `${id}: found ${out.classes.length} classes and ${out.pureCalls} connection tables to ` +
            'make tree-shakable; the bundle changed shape (see scripts/tree-shakable-tasks-vision.ts)',
        );
      return { code: out.code, map: out.map };
    },
  };
}
