export * from './face-auth-ready.js';
export * from './face-auth-status.js';
export * from './face-auth-capture.js';
export * from './face-auth-liveness-recorded.js';
export * from './face-auth-error.js';
export * from './face-auth-cancel.js';
export * from './face-auth-action-result.js';
export type * from './face-auth-event-map.js';
