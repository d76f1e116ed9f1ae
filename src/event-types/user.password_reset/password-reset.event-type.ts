import { defineEventType } from '../define-event-type';
import { toUser } from '../shared/recipients';
import { sampleUser } from '../shared/samples';
import { passwordResetDataSchema } from './password-reset.schema';
import { passwordResetVariables } from './password-reset.variables';

/** A user asked to reset their password: the link and code go to them alone. */
export const passwordReset = defineEventType({
  type: 'user.password_reset',
  messageType: 'ForgottenPassword',
  data: passwordResetDataSchema,
  ...toUser,
  variables: passwordResetVariables,
  // Whoever holds the link or the code can take over the account. `passwordtoken` is
  // OrderCloud's merge-variable name for the same token.
  secrets: {
    data: ['passwordResetUrl', 'verificationCode'],
    variables: ['passwordrenewalurl', 'passwordverificationcode', 'passwordtoken'],
  },
  carriesOrder: false,
  templatesDir: 'user.password_reset',
  sample: {
    userId: sampleUser.id,
    passwordResetUrl: 'https://shop.acme.example/reset-password?token=sample-token-7f3a',
    verificationCode: '482913',
    expiresAt: '2026-11-20T11:00:00Z',
  },
});
