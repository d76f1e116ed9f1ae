import { z } from 'zod';
import { entityId, isoDateTime } from '../shared/common.schema';

export const passwordResetDataSchema = z.looseObject({
  userId: entityId,
  passwordResetUrl: z.url({ protocol: /^https?$/ }),
  verificationCode: z.string().min(1).max(64).optional(),
  expiresAt: isoDateTime.optional(),
});

export type PasswordResetData = z.infer<typeof passwordResetDataSchema>;
