import { z } from 'zod';
import type { EventTypeCatalog } from '../event-types/event-type-catalog';

/** Every schema under `#/components/schemas`. */
export type ComponentId =
  | 'EventInput' | 'OrganizationInput' | 'UserInput' | 'SenderConfigInput' | 'TemplateInput' | 'RenderRequest' | 'DirectoryId'
  | 'EventAccepted' | 'EventDuplicate' | 'Event' | 'EventTypeList' | 'Message' | 'Attempt' | 'MessageDetail' | 'MessagePage'
  | 'Organization' | 'User' | 'SenderConfig' | 'SenderList' | 'SenderResumed'
  | 'StoredTemplate' | 'Template' | 'TemplateList' | 'RenderedEmail' | 'OutboxSummary' | 'OutboxList'
  | 'Health' | 'Readiness' | 'Error';

export const directoryIdParam = 'DirectoryId' satisfies ComponentId;

export const ref = (id: ComponentId) => ({ $ref: `#/components/schemas/${id}` });
export const json = (schema: object) => ({ 'application/json': { schema } });
export const body = (id: ComponentId) => ({ required: true, content: json(ref(id)) });
/** A 2xx answer with a JSON body. */
export const reply = (description: string, id: ComponentId) => ({ description, content: json(ref(id)) });

const ERRORS = {
  400: 'validation_failed: the request is malformed or invalid; `details` says where',
  401: 'unauthorized: no API key, or not a valid one',
  403: 'forbidden: the ingest key may only post events',
  404: 'not_found: no such resource',
  409: 'conflict',
  413: 'payload_too_large: the body is larger than 1 MiB',
  415: 'unsupported_media_type: the body is not JSON (UTF-8)',
  422: 'template_invalid: the template does not compile; `details` carries line numbers',
  500: 'internal: an unexpected error; the request id is in the X-Request-Id header',
  503: 'unavailable: the store or the queue cannot be reached; retry after Retry-After seconds',
} as const;
export type ErrorStatus = keyof typeof ERRORS;

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

/** Error answers (the envelope) by status; `why` overrides a status's generic description. */
export function failures(statuses: ErrorStatus[], why: Partial<Record<ErrorStatus, string>> = {}) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: why[status] ?? ERRORS[status], ...(status === 503 ? { headers: retryAfter } : {}), content: json(ref('Error')) },
    ]),
  );
}

export const pathParam = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
export const eventTypeParamOf = (eventTypes: EventTypeCatalog) => pathParam('eventType', 'The event type', { type: 'string', enum: [...eventTypes.types] });

/** Query parameters from the zod schema that parses the query string. */
export function queryParams(schema: z.ZodObject): object[] {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(converted.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: converted.required?.includes(name) ?? false, schema: s }));
}
