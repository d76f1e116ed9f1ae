import type { SenderStore } from './sender.store';
import { senderKey, type SealedSenderConfig, type SenderScope } from './sender-config.schema';

/** The sender chosen for one message, with its (still sealed) configuration. */
export interface ResolvedSender {
  kind: SealedSenderConfig['kind'];
  scope: SenderScope;
  organizationId: string | null;
  /** `senderKey()` of the configuration; the built-in default has `builtin:<type>`. */
  key: string;
  config: SealedSenderConfig;
}

/**
 * SPEC §3.3: the organization's override for the event type, else the global configuration
 * for the type, else the built-in default (default-mandrill, built-in template).
 */
export async function routeMessage(store: { senders: Pick<SenderStore, 'getConfig'> }, eventType: string, organizationId: string | null): Promise<ResolvedSender> {
  // Both read at once (one round trip when pipelined); the override wins.
  const [override, global] = await Promise.all([
    organizationId === null ? null : store.senders.getConfig(eventType, organizationId),
    store.senders.getConfig(eventType, null),
  ]);
  if (override && organizationId !== null) {
    return { kind: override.config.kind, scope: 'organization', organizationId, key: senderKey(eventType, organizationId), config: override.config };
  }
  if (global) {
    return { kind: global.config.kind, scope: 'global', organizationId: null, key: senderKey(eventType, null), config: global.config };
  }
  return {
    kind: 'default-mandrill',
    scope: 'builtin',
    organizationId: null,
    key: `builtin:${eventType}`,
    config: { kind: 'default-mandrill', cc: [] },
  };
}
