// A browser app without Node's types (tsconfig `types: []`, library checking on): the widget's
// declarations must not need @types/node (no Buffer, no NodeJS namespace).
import 'face-auth-widget/define';
import { preload, type FaceAuthErrorDetail } from 'face-auth-widget';

const el = document.createElement('face-auth');
el.tokenUrl = '/api/face-auth/token';
el.addEventListener('face-auth-action-result', (e) => console.log(e.detail.answer));
el.addEventListener('face-auth-error', (e) => {
  const detail: FaceAuthErrorDetail = e.detail;
  console.log(detail.code);
});
void preload();
void el.start();
