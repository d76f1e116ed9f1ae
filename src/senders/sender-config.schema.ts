import { z } from 'zod';
import { emailSchema } from '../shared/validation';
import { templateIdSchema } from '../templates/template.record';

export const SENDER_KINDS = ['default-mandrill', 'custom-mandrill', 'custom-url', 'disabled'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];
export type SenderScope = 'organization' | 'global' | 'builtin';

const ccList = z.array(emailSchema).max(20).default([]);
const templateId = templateIdSchema;
const subject = z.string().min(1).max(998);
/**
 * Header names a configuration may not set: the signature and framing belong to Herald.
 * `Authorization` is allowed (bearer-token receivers), unless `basicAuth` is also given.
 */
export const RESERVED_HEADERS = [
  'webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-oc-hash',
  'content-type', 'content-length', 'host', 'transfer-encoding', 'connection',
];

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

export const defaultMandrillSchema = z.object({
  kind: z.literal('default-mandrill'),
  templateId: templateId.optional(),
  subject: subject.optional(),
  cc: ccList,
});

export const customMandrillSchema = z
  .object({
    kind: z.literal('custom-mandrill'),
    apiKey: z.string().min(1).max(200),
    fromEmail: emailSchema,
    fromName: z.string().max(200).optional(),
    mandrillTemplate: z.string().min(1).max(200).optional(),
    templateId: templateId.optional(),
    subject: subject.optional(),
    cc: ccList,
  })
  .refine((c) => !(c.mandrillTemplate && c.templateId), {
    message: 'give either mandrillTemplate (a template in your Mandrill account) or templateId (a Herald template), not both',
    path: ['templateId'],
  });

export const customUrlSchema = z
  .object({
    kind: z.literal('custom-url'),
    url: z.url({ message: 'must be an absolute URL' }).max(2048),
    sharedKey: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by base64 of at least 24 bytes')
      .optional(),
    method: z.enum(['POST', 'PUT']).default('POST'),
    headers: z
      .record(headerName, headerValue)
      .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.includes(k.toLowerCase())), {
        message: `cannot set ${RESERVED_HEADERS.join(', ')}`,
      })
      .default({}),
    basicAuth: z.object({ username: z.string().min(1).max(200).regex(/^[^:]*$/, 'must not contain ":"'), password: z.string().max(200) }).optional(),
    timeoutMs: z.number().int().min(100).max(60000).default(10000),
    cc: ccList,
  })
  .refine((c) => !(c.basicAuth && hasAuthorizationHeader(c.headers)), {
    message: 'give either basicAuth or an Authorization header, not both',
    path: ['headers'],
  });

export const disabledSchema = z.object({ kind: z.literal('disabled') });

/** Body of `PUT …/senders/{eventType}`. */
export const senderConfigInputSchema = z.discriminatedUnion('kind', [
  defaultMandrillSchema,
  customMandrillSchema,
  customUrlSchema,
  disabledSchema,
]);

export type SenderConfigInput = z.infer<typeof senderConfigInputSchema>;
export type CustomUrlConfig = z.infer<typeof customUrlSchema>;
export type CustomMandrillConfig = z.infer<typeof customMandrillSchema>;
export type DefaultMandrillConfig = z.infer<typeof defaultMandrillSchema>;

/**
 * A sender configuration as stored. Same shape as the input, but `apiKey`, `sharedKey`,
 * `basicAuth.password` and every header value are sealed with the SecretBox, and a
 * custom-url config always has its `sharedKey`.
 */
export type SealedSenderConfig = SenderConfigInput;

export interface SenderConfigRecord {
  eventType: string;
  scope: 'global' | 'organization';
  organizationId: string | null;
  config: SealedSenderConfig;
  createdAt: string;
  updatedAt: string;
}

/** Runtime state of a custom-url sender (SPEC §3.7). */
export interface SenderState {
  suspendedAt: string | null;
  consecutiveFailures: number;
}

/** `global:order.submitted` or `org:<orgId>:order.submitted`. */
export function senderKey(eventType: string, organizationId: string | null): string {
  return organizationId === null ? `global:${eventType}` : `org:${organizationId}:${eventType}`;
}
