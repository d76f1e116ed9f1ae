import type { PasswordLinkData } from './password-link.schema';

/** Where to set a password and the code to confirm it, OrderCloud's names. */
export function passwordLinkVariables(data: PasswordLinkData): Record<string, unknown> {
  return {
    passwordrenewalurl: data.passwordResetUrl,
    passwordverificationcode: data.verificationCode ?? '',
    expiresat: data.expiresAt ?? '',
  };
}
