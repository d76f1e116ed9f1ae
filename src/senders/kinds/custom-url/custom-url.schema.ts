import { z } from 'zod';
import { findForbiddenKeys } from '../../../event-types/shared/common.schema';
import { RESERVED_HEADERS } from '../../sender-config.schema';
import { MAX_RETRY_SCHEDULE_LENGTH } from '../../sender-policy';
import { ccList } from '../common.schema';
import { BODY_FORMATS } from './formats/body-format';
import { PLACEHOLDER_NAMES, placeholderProblems } from './url-placeholders';

/** A header name is an RFC 9110 token (SPEC §6). */
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "must be a header name: 1-100 letters, digits or !#$%&'*+-.^_`|~");
/**
 * What node:http sends in a header value: tab, visible ASCII and Latin-1. CR or LF (header
 * injection) and other control characters would make every delivery fail, so 400 at PUT.
 */
const headerValue = z
  .string()
  .max(4096)
  .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'must not contain CR, LF or other control characters, nor characters beyond Latin-1');

const hasAuthorizationHeader = (headers: Record<string, string>): boolean =>
  Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');

const CONFIG_DATA_MAX_BYTES = 16 * 1024;

const url = z
  .url({ message: 'must be an absolute URL' })
  .max(2048)
  .superRefine((value, ctx) => {
    for (const message of placeholderProblems(value)) ctx.addIssue({ code: 'custom', message });
  })
  .meta({ description: `Where each message goes. Placeholders, replaced per message and URL-encoded: ${PLACEHOLDER_NAMES.map((n) => `{${n}}`).join(', ')} (path and query only).` });

const configData = z
  .record(z.string(), z.unknown())
  .refine((v) => findForbiddenKeys(v).length === 0, { message: 'must not contain __proto__, constructor or prototype keys' })
  .refine((v) => Buffer.byteLength(JSON.stringify(v), 'utf8') <= CONFIG_DATA_MAX_BYTES, { message: `must be at most ${CONFIG_DATA_MAX_BYTES} bytes of JSON` })
  .meta({ description: "Free-form JSON sent as `ConfigData` in the ordercloud format (OrderCloud's xp) and as `configData` to body templates. Not for secrets: reads show it." });

const retry = z
  .object({
    schedule: z
      .array(z.number().finite().min(0).max(7 * 86_400))
      .max(MAX_RETRY_SCHEDULE_LENGTH)
      .meta({ description: 'Seconds before retry 1, 2, …; its length + 1 = max attempts. Default: RETRY_SCHEDULE.' }),
  })
  .meta({ description: "This sender's retry schedule, instead of RETRY_SCHEDULE" });

const suspend = z
  .object({
    failures: z.number().int().min(1).max(1000).meta({ description: 'Failed attempts that suspend the sender' }),
    withinMinutes: z
      .number().int().min(1).max(7 * 24 * 60)
      .optional()
      .meta({ description: 'Count failures within this sliding window; absent: failures in a row' }),
  })
  .meta({ description: 'When failures suspend this sender, instead of SUSPEND_AFTER_FAILURES in a row' });

export const customUrlSchema = z
  .object({
    kind: z.literal('custom-url'),
    url,
    sharedKey: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by base64 of at least 24 bytes')
      .optional(),
    method: z.enum(['POST', 'PUT', 'GET']).default('POST').meta({ description: 'GET sends no body (signed over the empty body)' }),
    format: z.enum(BODY_FORMATS).default('herald').meta({ description: 'Body shape: herald, ordercloud (MessageSenderPayload), standard ({type, timestamp, data}) or template (bodyTemplate). Ignored for GET.' }),
    bodyTemplate: z.string().min(1).max(64 * 1024).optional().meta({ description: 'Handlebars producing the JSON body (format template only); {{json value}} writes a value as JSON' }),
    configData: configData.optional(),
    headers: z
      .record(headerName, headerValue)
      .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.includes(k.toLowerCase())), {
        message: `cannot set ${RESERVED_HEADERS.join(', ')}`,
      })
      .default({}),
    basicAuth: z.object({ username: z.string().min(1).max(200).regex(/^[^:]*$/, 'must not contain ":"'), password: z.string().max(200) }).optional(),
    retry: retry.optional(),
    suspend: suspend.optional(),
    timeoutMs: z.number().int().min(100).max(60000).default(10000),
    cc: ccList,
  })
  .refine((c) => !(c.basicAuth && hasAuthorizationHeader(c.headers)), {
    message: 'give either basicAuth or an Authorization header, not both',
    path: ['headers'],
  })
  .refine((c) => (c.format === 'template') === (c.bodyTemplate !== undefined), {
    message: 'bodyTemplate is required with format "template", and only allowed with it',
    path: ['bodyTemplate'],
  });

/** Stored, a custom-url configuration always has its `sharedKey` (given, kept or generated). */
export type CustomUrlConfig = z.infer<typeof customUrlSchema>;
