import { z } from 'zod';
import { defineEventType } from '../define-event-type';
import { entityId, isoDateTime } from '../shared/common.schema';
import { toUser } from '../shared/recipients';
import { sampleUser } from '../shared/samples';

const oneTimePasswordDataSchema = z.looseObject({
  userId: entityId,
  oneTimePassword: z.string().min(1).max(64),
  expiresAt: isoDateTime.optional(),
});

/** A user signs in with a one-time password: the code goes to them alone. */
export const oneTimePassword = defineEventType({
  type: 'user.one_time_password',
  messageType: 'OneTimePassword',
  data: oneTimePasswordDataSchema,
  ...toUser,
  variables: (data) => ({ onetimepassword: data.oneTimePassword, expiresat: data.expiresAt ?? '' }),
  // Whoever holds the code can sign in as the user (SPEC §8): masked in reads, redacted from logs.
  secrets: { data: ['oneTimePassword'], variables: ['onetimepassword'] },
  carriesOrder: false,
  templatesDir: 'user.one_time_password',
  sample: { userId: sampleUser.id, oneTimePassword: '318604', expiresAt: '2026-11-20T10:10:00Z' },
});
