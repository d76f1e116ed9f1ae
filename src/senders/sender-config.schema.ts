import type { SenderConfigInput } from './kinds/registry';

export type { SenderConfigInput, SenderKind } from './kinds/registry';
export type SenderScope = 'organization' | 'global' | 'builtin';

/**
 * Header names a configuration may not set: the signature and framing belong to Herald.
 * `Authorization` is allowed (bearer-token receivers), unless `basicAuth` is also given.
 */
export const RESERVED_HEADERS = [
  'webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-oc-hash',
  'content-type', 'content-length', 'host', 'transfer-encoding', 'connection',
];

/**
 * A sender configuration as stored. Same shape as the input, but the secrets its kind names
 * (`mapSecrets`: an API key, a shared key, header values…) are sealed with the SecretBox.
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

/** Runtime state of a suspendable sender (custom-url), SPEC §3.7. */
export interface SenderState {
  suspendedAt: string | null;
  consecutiveFailures: number;
}

/** `global:order.submitted` or `org:<orgId>:order.submitted`. */
export function senderKey(eventType: string, organizationId: string | null): string {
  return organizationId === null ? `global:${eventType}` : `org:${organizationId}:${eventType}`;
}
