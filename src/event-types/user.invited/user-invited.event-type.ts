import { defineEventType } from '../define-event-type';
import { passwordLinkDataSchema, passwordLinkSecrets } from '../shared/password-link.schema';
import { passwordLinkVariables } from '../shared/password-link.variables';
import { toUser } from '../shared/recipients';
import { sampleUser } from '../shared/samples';

/** A new user was invited: they set their first password through the link, like a reset. */
export const userInvited = defineEventType({
  type: 'user.invited',
  messageType: 'NewUserInvitation',
  data: passwordLinkDataSchema,
  ...toUser,
  variables: passwordLinkVariables,
  secrets: passwordLinkSecrets,
  carriesOrder: false,
  templatesDir: 'user.invited',
  sample: {
    userId: sampleUser.id,
    passwordResetUrl: 'https://shop.acme.example/welcome?token=sample-invite-91c2',
    verificationCode: '730516',
    expiresAt: '2026-11-27T10:00:00Z',
  },
});
