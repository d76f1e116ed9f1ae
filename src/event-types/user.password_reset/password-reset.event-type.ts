import { defineEventType } from '../define-event-type';
import { passwordLinkDataSchema, passwordLinkSecrets } from '../shared/password-link.schema';
import { passwordLinkVariables } from '../shared/password-link.variables';
import { toUser } from '../shared/recipients';
import { sampleUser } from '../shared/samples';

/** A user asked to reset their password: the link and code go to them alone. */
export const passwordReset = defineEventType({
  type: 'user.password_reset',
  messageType: 'ForgottenPassword',
  data: passwordLinkDataSchema,
  ...toUser,
  variables: passwordLinkVariables,
  secrets: passwordLinkSecrets,
  carriesOrder: false,
  templatesDir: 'user.password_reset',
  sample: {
    userId: sampleUser.id,
    passwordResetUrl: 'https://shop.acme.example/reset-password?token=sample-token-7f3a',
    verificationCode: '482913',
    expiresAt: '2026-11-20T11:00:00Z',
  },
});
