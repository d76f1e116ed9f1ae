import type { EventTypeCatalog } from '../event-types/event-type-catalog';
import { messageQuerySchema } from './routes/messages.route';
import { outboxQuerySchema } from './routes/outbox.route';
import { previewQuerySchema } from './routes/templates.route';
import {
  body, directoryIdParam, eventTypeParamOf, failures, json, pathParam, queryParams, ref, reply,
  type ComponentId, type ErrorStatus,
} from './openapi-parts';

type Tag = 'events' | 'messages' | 'directory' | 'senders' | 'templates' | 'outbox' | 'ops';

interface Operation {
  description?: string;
  parameters?: object[];
  requestBody?: object;
  responses: Record<string, object>;
  security?: [];
}

const op = (tag: Tag, operationId: string, summary: string, rest: Operation) => ({ tags: [tag], operationId, summary, ...rest });

/** Every authenticated call can fail these ways; ones naming a resource also 404; ones with a body, 413 and 415. */
const AUTHENTICATED: ErrorStatus[] = [400, 401, 403, 500, 503];
const ONE: ErrorStatus[] = [...AUTHENTICATED, 404];
const WRITE: ErrorStatus[] = [...ONE, 413, 415];

interface Resource {
  tag: Tag;
  /** `Organization`, `GlobalSender`: operation ids are put…, get…, delete…. */
  name: string;
  /** `an organization`: summaries read "Create or replace an organization". */
  noun: string;
  parameters: object[];
  input: ComponentId;
  /** What PUT answers, and GET unless `read` says otherwise. */
  view: ComponentId;
  read?: ComponentId;
  put?: { errors?: ErrorStatus[]; why?: Partial<Record<ErrorStatus, string>> };
  del?: { errors?: ErrorStatus[]; why?: Partial<Record<ErrorStatus, string>> };
}

/** PUT (200 replaced, 201 created: the stored resource either way), GET, DELETE (204). */
function resource(r: Resource) {
  const { tag, name, noun, parameters } = r;
  return {
    put: op(tag, `put${name}`, `Create or replace ${noun}`, {
      parameters,
      requestBody: body(r.input),
      responses: { 200: reply('Replaced', r.view), 201: reply('Created', r.view), ...failures([...WRITE, ...(r.put?.errors ?? [])], r.put?.why) },
    }),
    get: op(tag, `get${name}`, `Read ${noun}`, { parameters, responses: { 200: reply('Found', r.read ?? r.view), ...failures(ONE) } }),
    delete: op(tag, `delete${name}`, `Delete ${noun}`, {
      parameters,
      responses: { 204: { description: 'Deleted' }, ...failures([...ONE, ...(r.del?.errors ?? [])], r.del?.why) },
    }),
  };
}

const idParam = (what: string) => pathParam('id', `The ${what} id`);
const directoryId = (name: string, what: string) => pathParam(name, `The ${what} id`, ref(directoryIdParam));
const text = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });

const senderWhy = {
  404: 'not_found: no configuration for this event type (or no such organization, or event type)',
  422: "template_invalid: a custom-url bodyTemplate does not give JSON for the event type's sample",
};
const resumeOp = (operationId: string, parameters: object[]) =>
  op('senders', operationId, 'Lift a suspension and release held messages', {
    description: "Clears a custom-url sender's suspension and queues every message it held again.",
    parameters,
    responses: { 200: reply('Resumed', 'SenderResumed'), ...failures(ONE, { 404: 'not_found: no such configuration and nothing held' }) },
  });

function eventAndMessagePaths(eventTypes: EventTypeCatalog) {
  return {
    '/v1/events': {
      post: op('events', 'ingestEvent', 'Post a business event', {
        description: 'Validates, stores and queues the event (SPEC §3.1). The same `id` again answers 200 and sends nothing new.',
        requestBody: body('EventInput'),
        responses: {
          202: reply('Accepted: stored and queued', 'EventAccepted'),
          200: reply('An event with this id was accepted before: nothing new is sent', 'EventDuplicate'),
          ...failures([400, 401, 413, 415, 500, 503], { 503: 'unavailable: the event was not stored; post it again (same id) after Retry-After seconds' }),
        },
      }),
    },
    '/v1/events/{id}': {
      get: op('events', 'getEvent', 'Read an event, its status and its messages', {
        parameters: [idParam('event')],
        responses: { 200: reply('The event (sensitive data masked) and its messages', 'Event'), ...failures(ONE) },
      }),
    },
    '/v1/event-types': {
      get: op('events', 'listEventTypes', 'List the event types Herald speaks', {
        description: "Every type in the catalog with OrderCloud's MessageType, who is told, and sample data that can be posted as is.",
        responses: { 200: reply('Every event type, in catalog order', 'EventTypeList'), ...failures(AUTHENTICATED) },
      }),
    },
    '/v1/messages': {
      get: op('messages', 'listMessages', 'List messages, newest first', {
        description: 'Cursor-paginated: pass `nextCursor` as `cursor` until it is null. `status=failed` is the dead-letter view.',
        parameters: queryParams(messageQuerySchema(eventTypes)),
        responses: { 200: reply('A page of messages', 'MessagePage'), ...failures(AUTHENTICATED) },
      }),
    },
    '/v1/messages/{id}': {
      get: op('messages', 'getMessage', 'Read a message with every delivery attempt', {
        parameters: [idParam('message')],
        responses: { 200: reply('The message, its masked variables and its attempts', 'MessageDetail'), ...failures(ONE) },
      }),
    },
    '/v1/messages/{id}/retry': {
      post: op('messages', 'retryMessage', 'Send a failed or sent message again', {
        description: 'A new delivery cycle of the same message (same id, so receivers can deduplicate), with a full retry schedule.',
        parameters: [idParam('message')],
        responses: { 202: reply('Queued again', 'Message'), ...failures([...ONE, 409], { 409: 'conflict: the message is pending or held, or changed meanwhile' }) },
      }),
    },
  };
}

function directoryAndSenderPaths(eventTypes: EventTypeCatalog) {
  const eventTypeParam = eventTypeParamOf(eventTypes);
  const org = directoryId('orgId', 'organization');
  return {
    '/v1/organizations/{id}': resource({ tag: 'directory', name: 'Organization', noun: 'an organization', parameters: [directoryId('id', 'organization')], input: 'OrganizationInput', view: 'Organization' }),
    '/v1/users/{id}': resource({ tag: 'directory', name: 'User', noun: 'a user', parameters: [directoryId('id', 'user')], input: 'UserInput', view: 'User' }),
    '/v1/senders': {
      get: op('senders', 'listSenders', 'List every global and organization sender configuration', {
        responses: { 200: reply('Every configuration, secrets masked', 'SenderList'), ...failures(AUTHENTICATED) },
      }),
    },
    '/v1/senders/{eventType}': resource({
      tag: 'senders', name: 'GlobalSender', noun: 'the global sender of an event type', parameters: [eventTypeParam],
      input: 'SenderConfigInput', view: 'SenderConfig', put: { errors: [422], why: senderWhy },
    }),
    '/v1/organizations/{orgId}/senders/{eventType}': resource({
      tag: 'senders', name: 'OrganizationSender', noun: "an organization's sender of an event type", parameters: [org, eventTypeParam],
      input: 'SenderConfigInput', view: 'SenderConfig', put: { errors: [422], why: senderWhy },
    }),
    '/v1/senders/{eventType}/resume': { post: resumeOp('resumeGlobalSender', [eventTypeParam]) },
    '/v1/organizations/{orgId}/senders/{eventType}/resume': { post: resumeOp('resumeOrganizationSender', [org, eventTypeParam]) },
  };
}

function templatePaths(eventTypes: EventTypeCatalog) {
  const id = pathParam('id', 'A stored template id, or `builtin.<event type>`');
  return {
    '/v1/templates': {
      get: op('templates', 'listTemplates', 'List built-in and stored templates', { responses: { 200: reply('Every template', 'TemplateList'), ...failures(AUTHENTICATED) } }),
    },
    '/v1/templates/{id}': resource({
      tag: 'templates', name: 'Template', noun: 'a stored template', parameters: [id], input: 'TemplateInput', view: 'StoredTemplate', read: 'Template',
      put: { errors: [422] },
      del: { errors: [409], why: { 409: 'conflict: a sender configuration still uses the template' } },
    }),
    '/v1/templates/{id}/render': {
      post: op('templates', 'renderTemplate', 'Render a template to subject, HTML and text', {
        description: '`type` may be left out for built-in templates (`builtin.<type>`); sample data is used when `data` is absent.',
        parameters: [id],
        requestBody: body('RenderRequest'),
        responses: { 200: reply('The rendered email', 'RenderedEmail'), ...failures([...WRITE, 422]) },
      }),
    },
    '/v1/templates/{id}/preview': {
      get: op('templates', 'previewTemplate', 'Preview a template with sample data in a browser', {
        parameters: [id, ...queryParams(previewQuerySchema(eventTypes))],
        responses: { 200: text('The email rendered with sample data', 'text/html'), ...failures([...ONE, 422]) },
      }),
    },
  };
}

function outboxAndOpsPaths() {
  const open = { security: [] as [] };
  return {
    '/v1/outbox': {
      get: op('outbox', 'listOutbox', 'List the emails kept by the dev outbox, newest first', {
        parameters: queryParams(outboxQuerySchema),
        responses: { 200: reply('The kept emails (bodies by link)', 'OutboxList'), ...failures(AUTHENTICATED) },
      }),
    },
    '/v1/outbox/{file}': {
      get: op('outbox', 'getOutboxMessage', 'Read one kept email: summary, HTML or text', {
        parameters: [pathParam('file', '`{messageId}` for the JSON summary, `{messageId}.html` for the email as sent, `{messageId}.txt` for its text part')],
        responses: {
          200: { description: 'The summary, the HTML or the text', content: { ...json(ref('OutboxSummary')), 'text/html': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } } },
          ...failures(ONE),
        },
      }),
    },
    '/healthz': { get: op('ops', 'getHealth', 'Liveness: the process is up', { ...open, responses: { 200: reply('Alive', 'Health') } }) },
    '/readyz': {
      get: op('ops', 'getReadiness', 'Readiness: the store and the queue are reachable', {
        ...open,
        responses: { 200: reply('Ready', 'Readiness'), 503: reply('Not ready: `checks` says which dependency is unavailable', 'Readiness') },
      }),
    },
    '/metrics': { get: op('ops', 'getMetrics', 'Prometheus metrics', { ...open, responses: { 200: text('Prometheus text exposition format', 'text/plain') } }) },
    '/openapi.json': {
      get: op('ops', 'getOpenApi', 'This OpenAPI document', {
        ...open,
        responses: {
          200: {
            description: 'OpenAPI 3.1, generated from the schemas that validate requests and build responses',
            content: json({ type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } } }),
          },
        },
      }),
    },
  };
}

/** Every path of SPEC §4, each operation with an operationId, a summary and its answers. */
export function openApiPaths(eventTypes: EventTypeCatalog) {
  return { ...eventAndMessagePaths(eventTypes), ...directoryAndSenderPaths(eventTypes), ...templatePaths(eventTypes), ...outboxAndOpsPaths() };
}
