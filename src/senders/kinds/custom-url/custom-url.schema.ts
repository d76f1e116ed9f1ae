import { z } from 'zod';
import { RESERVED_HEADERS } from '../../sender-config.schema';
import { ccList } from '../common.schema';

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

/** Stored, a custom-url configuration always has its `sharedKey` (given, kept or generated). */
export type CustomUrlConfig = z.infer<typeof customUrlSchema>;
