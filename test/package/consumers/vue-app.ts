// The Vue 3 recipe of docs/integration.md, type-checked with Vue's types (no SFC compiler): the
// GlobalComponents declaration that types `<face-auth>` in templates, read back the way Volar /
// vue-tsc reads it (the component instance's `$props`).
import type { DefineComponent, GlobalComponents } from 'vue';
import { createApp } from 'vue';
import type {
  FaceAuthAttributes,
  FaceAuthElement,
  FaceAuthEventMap,
  FaceAuthProperties,
} from 'face-auth-widget';
import 'face-auth-widget/define';

/** Vue binds `@face-auth-action-result` as the prop `onFaceAuthActionResult`. */
type Camel<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
type FaceAuthVueEvents = {
  [K in keyof FaceAuthEventMap as `on${Capitalize<Camel<K>>}`]?: (e: FaceAuthEventMap[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'face-auth': DefineComponent<FaceAuthAttributes & FaceAuthProperties & FaceAuthVueEvents>;
  }
}

// Vue must leave the tag to the browser (with Vite: vue({ template: { compilerOptions } })).
const app = createApp({ template: '<face-auth token-url="/api/face-auth/token" />' });
app.config.compilerOptions.isCustomElement = (tag) => tag === 'face-auth';

type TemplateProps = InstanceType<GlobalComponents['face-auth']>['$props'];
export const ok: TemplateProps = {
  'token-url': '/api/face-auth/token',
  'capture-mode': 'manual',
  onFaceAuthActionResult: (e) => console.log(e.detail.answer),
  onFaceAuthCancel: (e) => console.log(e.detail.from),
};
// @ts-expect-error capture-mode is 'auto' | 'manual'
export const bad: TemplateProps = { 'capture-mode': 'sometimes' };
// @ts-expect-error the error event's detail has no `answer`
export const badHandler: TemplateProps = { onFaceAuthError: (e) => e.detail.answer };

// A template ref is the element itself.
export function start(el: FaceAuthElement | null): void {
  void el?.start();
}
