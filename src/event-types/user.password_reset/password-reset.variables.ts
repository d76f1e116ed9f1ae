import type { PasswordResetData } from './password-reset.schema';

/** `user.password_reset`: where to set a new password, and the code to confirm it. */
export function passwordResetVariables(data: PasswordResetData): Record<string, unknown> {
  return {
    passwordrenewalurl: data.passwordResetUrl,
    passwordverificationcode: data.verificationCode ?? '',
    expiresat: data.expiresAt ?? '',
  };
}
