import type { SenderKinds } from './kinds/registry';
import type { SenderKindModule } from './kinds/sender-kind.port';
import type { SenderStore } from './sender.store';
import { senderKey, type SealedSenderConfig, type SenderScope } from './sender-config.schema';

/** The sender chosen for one message, with its (still sealed) configuration. */
export interface ResolvedSender {
  kind: SealedSenderConfig['kind'];
  /** What the kind does: everything the delivery asks of a sender goes through it. */
  kindModule: SenderKindModule<SealedSenderConfig['kind'], SealedSenderConfig>;
  scope: SenderScope;
  organizationId: string | null;
  /** `senderKey()` of the configuration; the built-in default has `builtin:<type>`. */
  key: string;
  config: SealedSenderConfig;
}

/** Herald's own sender for a type nobody configured: its templates, the operator's Mandrill account. */
const builtinDefault = (): SealedSenderConfig => ({ kind: 'default-mandrill', cc: [] });

/**
 * SPEC §3.3: the organization's override for the event type, else the global configuration
 * for the type, else the built-in default (default-mandrill, built-in template).
 */
export async function routeMessage(store: { senders: Pick<SenderStore, 'getConfig'> }, eventType: string, organizationId: string | null, kinds: SenderKinds): Promise<ResolvedSender> {
  // Both read at once (one round trip when pipelined); the override wins.
  const [override, global] = await Promise.all([
    organizationId === null ? null : store.senders.getConfig(eventType, organizationId),
    store.senders.getConfig(eventType, null),
  ]);
  const resolved = (config: SealedSenderConfig, scope: SenderScope, orgId: string | null, key: string): ResolvedSender =>
    ({ kind: config.kind, kindModule: kinds.of(config), scope, organizationId: orgId, key, config });
  if (override && organizationId !== null) return resolved(override.config, 'organization', organizationId, senderKey(eventType, organizationId));
  if (global) return resolved(global.config, 'global', null, senderKey(eventType, null));
  return resolved(builtinDefault(), 'builtin', null, `builtin:${eventType}`);
}
