import { z } from 'zod';
import { directoryIdSchema, organizationInputSchema, userInputSchema } from '../directory/directory.schema';
import { EVENT_TYPES, eventInputSchema } from '../events/event.schema';
import { senderConfigInputSchema } from '../senders/kinds/registry';
import { templateInputSchema } from '../templates/template.record';
import { renderRequestSchema } from '../templates/template.service';
import { messageQuerySchema } from './routes/messages.route';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const error = { description: 'Error', ...json('Error') };
const errors = { 400: error, 401: error, 403: error, 404: error, 503: error };
const ok = (description: string) => ({ description, content: { 'application/json': {} } });
const param = (name: string, extra: object = {}) => ({ name, in: 'path', required: true, schema: { type: 'string', ...extra } });
const eventTypeParam = param('eventType', { enum: [...EVENT_TYPES] });

function crud(tag: string, body: string | null, params: object[]) {
  return {
    put: { tags: [tag], parameters: params, ...(body ? { requestBody: { required: true, ...json(body) } } : {}), responses: { 200: ok('Replaced'), 201: ok('Created'), ...errors } },
    get: { tags: [tag], parameters: params, responses: { 200: ok('Found'), ...errors } },
    delete: { tags: [tag], parameters: params, responses: { 204: { description: 'Deleted' }, ...errors } },
  };
}

/** Templates add 422 (invalid template) to PUT and 409 (still used by a sender) to DELETE. */
function templatePaths() {
  const paths = crud('templates', 'Template', [param('id')]);
  return {
    put: { ...paths.put, responses: { ...paths.put.responses, 422: error } },
    get: paths.get,
    delete: { ...paths.delete, responses: { ...paths.delete.responses, 409: error } },
  };
}

/** OpenAPI 3.1 generated from the zod schemas that validate the requests. */
export function buildOpenApi(): object {
  const query = schema(messageQuerySchema) as { properties: Record<string, object> };
  return {
    openapi: '3.1.0',
    info: { title: 'Herald', version: '0.1.0', description: 'Notification message sender: default Mandrill, custom Mandrill, signed custom URLs.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Event: schema(eventInputSchema),
        Organization: schema(organizationInputSchema),
        User: schema(userInputSchema),
        SenderConfig: schema(senderConfigInputSchema),
        Template: schema(templateInputSchema),
        RenderRequest: schema(renderRequestSchema),
        DirectoryId: schema(directoryIdSchema),
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/events': {
        post: {
          tags: ['events'],
          requestBody: { required: true, ...json('Event') },
          responses: { 202: ok('Accepted'), 200: ok('Duplicate id: nothing new is sent'), 413: error, 415: error, ...errors },
        },
      },
      '/v1/events/{id}': { get: { tags: ['events'], parameters: [param('id')], responses: { 200: ok('The event and its messages'), ...errors } } },
      '/v1/messages': {
        get: {
          tags: ['messages'],
          parameters: Object.entries(query.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s })),
          responses: { 200: ok('Newest first: {data, nextCursor}'), ...errors },
        },
      },
      '/v1/messages/{id}': { get: { tags: ['messages'], parameters: [param('id')], responses: { 200: ok('The message and its attempts'), ...errors } } },
      '/v1/messages/{id}/retry': { post: { tags: ['messages'], parameters: [param('id')], responses: { 202: ok('Queued again'), 409: error, ...errors } } },
      '/v1/organizations/{id}': crud('directory', 'Organization', [param('id')]),
      '/v1/users/{id}': crud('directory', 'User', [param('id')]),
      '/v1/senders': { get: { tags: ['senders'], responses: { 200: ok('Every sender configuration'), ...errors } } },
      '/v1/senders/{eventType}': crud('senders', 'SenderConfig', [eventTypeParam]),
      '/v1/organizations/{orgId}/senders/{eventType}': crud('senders', 'SenderConfig', [param('orgId'), eventTypeParam]),
      '/v1/senders/{eventType}/resume': { post: { tags: ['senders'], parameters: [eventTypeParam], responses: { 200: ok('Resumed'), ...errors } } },
      '/v1/organizations/{orgId}/senders/{eventType}/resume': {
        post: { tags: ['senders'], parameters: [param('orgId'), eventTypeParam], responses: { 200: ok('Resumed'), ...errors } },
      },
      '/v1/templates': { get: { tags: ['templates'], responses: { 200: ok('Stored and built-in templates'), ...errors } } },
      '/v1/templates/{id}': templatePaths(),
      '/v1/templates/{id}/render': {
        post: {
          tags: ['templates'],
          parameters: [param('id')],
          description: '`type` may be left out for built-in templates (`builtin.<type>`); sample data is used when `data` is absent.',
          requestBody: { required: true, ...json('RenderRequest') },
          responses: { 200: ok('{subject, html, text}'), 422: error, ...errors },
        },
      },
      '/v1/templates/{id}/preview': {
        get: {
          tags: ['templates'],
          parameters: [param('id'), { name: 'type', in: 'query', required: false, schema: { enum: [...EVENT_TYPES] } }],
          responses: { 200: { description: 'The email rendered with sample data, for a browser', content: { 'text/html': {} } }, 422: error, ...errors },
        },
      },
      '/v1/outbox': { get: { tags: ['outbox'], responses: { 200: ok('Dev outbox, newest first') } } },
      '/v1/outbox/{file}': { get: { tags: ['outbox'], parameters: [param('file')], responses: { 200: { description: '{messageId}.html: the email as sent; {messageId}.txt: its text part; {messageId}: a summary with htmlUrl and textUrl' }, 404: error } } },
      '/healthz': { get: { tags: ['ops'], security: [], responses: { 200: ok('Alive') } } },
      '/readyz': { get: { tags: ['ops'], security: [], responses: { 200: ok('Ready'), 503: ok('Not ready') } } },
      '/metrics': { get: { tags: ['ops'], security: [], responses: { 200: { description: 'Prometheus text format' } } } },
    },
  };
}
