import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FilePart } from './body.js';

/**
 * Fastify's type provider for the emulator's routes: a handler's `req.params`, `req.query` and
 * `req.body` are typed from the route's JSON Schemas (as validated: defaulted fields present),
 * and what it returns is checked against the response schemas. What JSON Schema spells as
 * something else is typed for what it is: a multipart file part in a request (`{isFile: true}`,
 * the emulator's own keyword) is a `FilePart`, a binary response (`format: 'binary'`) a
 * `Buffer`, and a response with no body (`noBody` in `schemas/common.ts`) `undefined`.
 *
 * Use: `const api = app.withTypeProvider<SchemaTypes>()`, then declare routes on `api`.
 */
export type SchemaTypes = JsonSchemaToTsProvider<{
  ValidatorSchemaOptions: { deserialize: [{ pattern: { isFile: true }; output: FilePart }] };
  SerializerSchemaOptions: {
    deserialize: [
      { pattern: { type: 'string'; format: 'binary' }; output: Buffer },
      { pattern: { type: 'null'; description: 'No body' }; output: undefined },
    ];
  };
}>;
