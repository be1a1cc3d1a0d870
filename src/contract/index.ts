/**
 * The provider's wire contract, written once: every request body, query and response the
 * widget, the host-backend helper (`face-auth-widget/server`) and the emulator exchange, as
 * JSON Schema, with the types derived from the schemas (`json-schema-to-ts`).
 *
 * - The emulator validates and serialises with these schemas and documents them (OpenAPI).
 * - `src/server` re-exports the types as they are: strict, every field the provider sends.
 * - `src/core/api-types.ts` takes a lenient view of them (type-only, so no schema reaches the
 *   browser bundle): the browser needs a few fields and tolerates the rest being absent.
 *
 * Request types are what a caller sends (`Sent`: defaulted fields optional, no unknown ones);
 * response types are what it receives (`Received`).
 */
export * from './schema.js';
export * from './errors.js';
export * from './actions.js';
export * from './applicants.js';
export * from './webhooks.js';
export * from './liveness.js';
