import { z } from 'zod';
import { defineEventType } from '../define-event-type';
import { entityId } from '../shared/common.schema';
import { toUser } from '../shared/recipients';
import { sampleUser } from '../shared/samples';

/** A user forgot their username: it is sent to them (the common `username` variable). */
export const usernameReminder = defineEventType({
  type: 'user.username_reminder',
  messageType: 'ForgottenUsername',
  data: z.looseObject({ userId: entityId }),
  ...toUser,
  variables: () => ({}),
  secrets: { data: [], variables: [] },
  carriesOrder: false,
  templatesDir: 'user.username_reminder',
  sample: { userId: sampleUser.id },
});
