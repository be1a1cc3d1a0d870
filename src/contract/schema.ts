/**
 * The building blocks of the contract's JSON Schemas, and the helpers that turn a schema into
 * the types its two sides use. Every schema is written `as const`, so `FromSchema` reads it.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

export const nullableString = { type: ['string', 'null'] } as const;
export const nullableInteger = { type: ['integer', 'null'] } as const;
export const nullableBoolean = { type: ['boolean', 'null'] } as const;
/** A free-form object, kept verbatim in responses. */
export const freeObject = { type: 'object', additionalProperties: true } as const;

/**
 * An object schema for what the provider always sends: every property is required unless it is
 * named in `optional`, and no other property comes (`additionalProperties: false`, which is
 * also what the emulator's serializer does with a field its schema does not list).
 */
export function sentInFull<
  const P extends Readonly<Record<string, JSONSchema>>,
  const O extends keyof P & string = never,
>(properties: P, optional: readonly O[] = []) {
  const required = Object.keys(properties).filter((k) => !optional.some((o) => o === k));
  return {
    type: 'object',
    properties,
    required: required as Exclude<keyof P & string, O>[],
    additionalProperties: false,
  } as const;
}

/**
 * An object schema for an answer whose body the provider's documents do not describe (they show
 * only `200`): every property the emulator sends is an extra, so none is promised.
 */
export function extrasOnly<const P extends Readonly<Record<string, JSONSchema>>>(properties: P) {
  return { type: 'object', properties, additionalProperties: false } as const;
}

/**
 * What a schema promises to whoever receives it: a response, or a request the emulator has
 * validated (properties with a `default` are then always present).
 */
export type Received<S extends JSONSchema> = FromSchema<S>;

/**
 * What a caller sends: properties with a `default` may be left out, and no other property is
 * expected. (A request schema leaves `additionalProperties` open, because the emulator ignores
 * unknown fields rather than reject them; a caller's type names only the ones that mean
 * something, so a misspelt field is a compile error.)
 */
export type Sent<S extends JSONSchema> = Closed<
  FromSchema<S, { keepDefaultedPropertiesOptional: true }>
>;

/** `T` without the string index signature of an open object schema. */
type Closed<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
