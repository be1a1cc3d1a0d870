// The Angular recipe of docs/integration.md, type-checked with @angular/core's types: the
// component class (CUSTOM_ELEMENTS_SCHEMA, a typed ElementRef, the event handler). Its template
// is Angular's to compile (ngc), which this check does not run.
import {
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  type ElementRef,
  ViewChild,
  type AfterViewInit,
} from '@angular/core';
import type { FaceAuthActionResultEvent, FaceAuthElement } from 'face-auth-widget';
import 'face-auth-widget/define';

@Component({
  selector: 'app-face-check',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<face-auth
    #faceAuth
    token-url="/api/face-auth/token"
    (face-auth-action-result)="onResult($event)"
  ></face-auth>`,
})
export class FaceCheckComponent implements AfterViewInit {
  @ViewChild('faceAuth') faceAuth!: ElementRef<FaceAuthElement>;
  answer: string | null = null;

  onResult(event: Event): void {
    this.answer = (event as FaceAuthActionResultEvent).detail.answer;
  }

  ngAfterViewInit(): void {
    const el = this.faceAuth.nativeElement;
    el.captureMode = 'manual';
    el.actionResultHandler = (result) => (result.answer === 'GREEN' ? 'continue' : 'cancel');
    // @ts-expect-error captureMode is 'auto' | 'manual'
    el.captureMode = 'sometimes';
    void el.start();
  }
}
