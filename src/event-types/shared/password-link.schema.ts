import { z } from 'zod';
import { entityId, isoDateTime } from './common.schema';

/**
 * A link to set a password, and maybe a code to confirm it: a password reset, and the
 * invitation of a new user (who sets a first password the same way).
 */
export const passwordLinkDataSchema = z.looseObject({
  userId: entityId,
  passwordResetUrl: z.url({ protocol: /^https?$/ }),
  verificationCode: z.string().min(1).max(64).optional(),
  expiresAt: isoDateTime.optional(),
});

export type PasswordLinkData = z.infer<typeof passwordLinkDataSchema>;

/**
 * Whoever holds the link or the code can take over the account (SPEC §8). `passwordtoken` is
 * OrderCloud's merge-variable name for the same token.
 */
export const passwordLinkSecrets = {
  data: ['passwordResetUrl', 'verificationCode'],
  variables: ['passwordrenewalurl', 'passwordverificationcode', 'passwordtoken'],
} as const;
