import { ApiError } from './api-error.js';

// GitHub checks request bodies against its JSON schema and answers 422 "Invalid request." with the
// first problem; these helpers reproduce that wording for the fields the fake reads.

export type JsonObject = Record<string, unknown>;

export function objectBody(body: unknown): JsonObject {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'Problems parsing JSON');
  }
  return body as JsonObject;
}

const missing = (name: string) => new ApiError(422, `Invalid request.\n\n"${name}" wasn't supplied.`);
const wrongType = (name: string, value: unknown, type: string) =>
  new ApiError(422, `Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not ${type}.`);

export function requiredString(body: JsonObject, name: string): string {
  const value = body[name];
  if (value === undefined) throw missing(name);
  if (typeof value !== 'string') throw wrongType(name, value, 'a string');
  return value;
}

export function optionalString(body: JsonObject, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw wrongType(name, value, 'a string');
  return value;
}

/** A string field that may be sent as JSON null (e.g. an issue body). */
export function nullableString(body: JsonObject, name: string): string | null | undefined {
  return body[name] === null ? null : optionalString(body, name);
}

export function optionalBoolean(body: JsonObject, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw wrongType(name, value, 'a boolean');
  return value;
}

export function optionalArray(body: JsonObject, name: string): unknown[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw wrongType(name, value, 'an array');
  return value;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw wrongType(name, value, `one of ${allowed.join(', ')}`);
  return value as T;
}

/** Label names from `["a"]`, `[{name:"a"}]`, or `{labels: …}` (all accepted by the labels endpoints). */
export function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : optionalArray(objectBody(body), 'labels');
  if (list === undefined) throw missing('labels');
  return list.map((entry) => {
    if (typeof entry === 'string') return entry;
    if (typeof entry === 'object' && entry !== null && typeof (entry as JsonObject).name === 'string') {
      return (entry as { name: string }).name;
    }
    throw wrongType('labels', entry, 'a string');
  });
}

/** `page`/`per_page` as GitHub applies them: 30 per page by default, at most 100. */
export function paging(query: URLSearchParams): { page: number; perPage: number } {
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? '30') || 30));
  return { page, perPage };
}

export function routeNumber(value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new ApiError(404, 'Not Found');
  return number;
}
