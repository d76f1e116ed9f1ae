import { z } from 'zod';
import { directoryIdSchema, organizationInputSchema, userInputSchema } from '../directory/directory.schema';
import type { EventTypeCatalog } from '../event-types/event-type-catalog';
import { senderConfigInputSchema } from '../senders/kinds/registry';
import { templateInputSchema } from '../templates/template.record';
import { renderRequestSchema } from '../templates/template.service';
import { errorEnvelopeSchema } from './middleware/errors';
import { openApiPaths } from './openapi-paths';
import { directoryIdParam, type ComponentId } from './openapi-parts';
import { organizationSchema, userSchema } from './routes/directory.route';
import { eventTypeListSchema } from './routes/event-types.route';
import { eventAcceptedSchema, eventDuplicateSchema } from './routes/events.route';
import { healthSchema, readinessSchema } from './routes/health.route';
import { outboxListSchema, outboxSummarySchema } from './routes/outbox.route';
import { senderListSchema, senderResumedSchema, senderViewSchema } from './routes/senders.route';
import { renderedEmailSchema, storedTemplateSchema, templateListSchema, templateViewSchema } from './routes/templates.route';
import { attemptSchema, eventViewSchema, messageDetailSchema, messagePageSchema, messageSchema } from './views';

/** Request bodies and parameters: the schemas that validate them, as a client sends them. */
const requestSchemas = (eventTypes: EventTypeCatalog) =>
  ({
    EventInput: eventTypes.schema,
    OrganizationInput: organizationInputSchema,
    UserInput: userInputSchema,
    SenderConfigInput: senderConfigInputSchema,
    TemplateInput: templateInputSchema,
    RenderRequest: renderRequestSchema(eventTypes),
    [directoryIdParam]: directoryIdSchema,
  }) satisfies Partial<Record<ComponentId, z.ZodType>>;

/** Response bodies: the schemas the views are built to, as a client receives them. */
const responseSchemas = {
  EventAccepted: eventAcceptedSchema,
  EventDuplicate: eventDuplicateSchema,
  Event: eventViewSchema,
  EventTypeList: eventTypeListSchema,
  Message: messageSchema,
  Attempt: attemptSchema,
  MessageDetail: messageDetailSchema,
  MessagePage: messagePageSchema,
  Organization: organizationSchema,
  User: userSchema,
  SenderConfig: senderViewSchema,
  SenderList: senderListSchema,
  SenderResumed: senderResumedSchema,
  StoredTemplate: storedTemplateSchema,
  Template: templateViewSchema,
  TemplateList: templateListSchema,
  RenderedEmail: renderedEmailSchema,
  OutboxSummary: outboxSummarySchema,
  OutboxList: outboxListSchema,
  Health: healthSchema,
  Readiness: readinessSchema,
  Error: errorEnvelopeSchema,
} satisfies Partial<Record<ComponentId, z.ZodType>>;

/**
 * JSON Schema 2020-12 components, one per schema, referring to each other by
 * `#/components/schemas/<id>`. Inputs are converted as accepted (defaults optional), outputs
 * as sent (defaults filled in, no other properties).
 */
function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, object> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  // `$schema` and `$id` belong to standalone documents; OpenAPI's dialect and location say both.
  return Object.fromEntries(Object.entries(converted.schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
}

/**
 * OpenAPI 3.1, generated from the zod schemas that validate requests and type the responses
 * (event bodies and event-type names from the catalog).
 */
export function buildOpenApi(eventTypes: EventTypeCatalog): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Herald',
      version: '0.1.0',
      description:
        'Notification message sender for commerce platforms: post business events, and Herald tells the right user through ' +
        'the default Mandrill account, a customer Mandrill account or a signed custom URL.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The Herald serving this document' }],
    tags: [
      { name: 'events', description: 'Ingest business events and follow what became of them' },
      { name: 'messages', description: 'One notification per recipient: status, attempts, replay' },
      { name: 'directory', description: 'Organizations and users: who is told, and whether they are active' },
      { name: 'senders', description: 'Which sender delivers each event type, globally or per organization' },
      { name: 'templates', description: 'Stored MJML + Handlebars templates, built-ins, previews' },
      { name: 'outbox', description: 'The dev outbox: emails kept instead of sent when no Mandrill key is set (embedded mode)' },
      { name: 'ops', description: 'Health, readiness, metrics and this document (no API key needed)' },
    ],
    security: [{ bearer: [] }],
    paths: openApiPaths(eventTypes),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            '`ADMIN_API_KEY` may do everything; `INGEST_API_KEY` may only `POST /v1/events`. ' +
            'With neither set the API is open and listens on loopback only.',
        },
      },
      schemas: { ...components(requestSchemas(eventTypes), 'input'), ...components(responseSchemas, 'output') },
    },
  };
}
