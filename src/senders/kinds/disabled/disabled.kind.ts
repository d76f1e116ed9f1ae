import { z } from 'zod';
import { defineSenderKind } from '../sender-kind.port';

export const disabledSchema = z.object({ kind: z.literal('disabled') });

export type DisabledConfig = z.infer<typeof disabledSchema>;

/** Sends nothing: its messages are skipped with reason `sender_disabled` (SPEC §3.3). */
export const disabled = defineSenderKind({
  kind: 'disabled',
  schema: disabledSchema,
  mapSecrets: (config) => config,
  check: async (input) => ({ config: input }),
  delivers: false,
  transport: () => null,
  sendTimeoutMs: () => 0,
  suspendable: false,
  usesVariables: false,
  storedTemplate: () => undefined,
  // Not reached (its messages are skipped before any attempt); a failure if it ever is.
  send: async () => ({ transport: null, result: { outcome: 'permanent', statusCode: null, error: 'the sender is disabled', response: null } }),
});
