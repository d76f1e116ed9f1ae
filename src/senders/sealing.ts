import { MASK, maskSecret, type SecretBox } from '../shared/crypto';
import { headerSecrets } from './scrub';
import type { SealedSenderConfig, SenderConfigInput } from './sender-config.schema';
import { basicCredential } from './signing';

/** Which kind of secret a field holds: basic-auth passwords are masked whole. */
type SecretField = 'apiKey' | 'sharedKey' | 'header' | 'password';

/** Which string fields of a configuration are secrets, applied with `fn` (seal, open or mask). */
function mapSecrets(config: SenderConfigInput, fn: (secret: string, field: SecretField) => string): SenderConfigInput {
  switch (config.kind) {
    case 'custom-mandrill':
      return { ...config, apiKey: fn(config.apiKey, 'apiKey') };
    case 'custom-url':
      return {
        ...config,
        sharedKey: config.sharedKey === undefined ? undefined : fn(config.sharedKey, 'sharedKey'),
        headers: Object.fromEntries(Object.entries(config.headers).map(([k, v]) => [k, fn(v, 'header')])),
        basicAuth: config.basicAuth && { username: config.basicAuth.username, password: fn(config.basicAuth.password, 'password') },
      };
    case 'default-mandrill':
    case 'disabled':
      return config;
    default: {
      const never: never = config;
      return never;
    }
  }
}

export const sealConfig = (box: SecretBox, config: SenderConfigInput): SealedSenderConfig =>
  mapSecrets(config, (s) => box.seal(s));

/**
 * Opened configurations by the sealed object they came from. Deliveries of one batch share
 * one configuration object (the batch reader keeps it up to a second), so each is decrypted
 * once per batch instead of once per delivery; entries go when the object does.
 */
const opened = new WeakMap<SealedSenderConfig, { box: SecretBox; config: SenderConfigInput }>();

export function openConfig(box: SecretBox, config: SealedSenderConfig): SenderConfigInput {
  const hit = opened.get(config);
  if (hit?.box === box) return hit.config;
  const plain = mapSecrets(config, (s) => {
    try {
      return box.open(s);
    } catch {
      throw new Error("cannot decrypt this sender's stored secrets (was SECRETS_KEY changed?); PUT the sender configuration again");
    }
  });
  opened.set(config, { box, config: plain });
  return plain;
}

/** The configuration as every read shows it: secrets as `••••ab12` or `••••`, basic-auth passwords as `••••`. */
export const maskConfig = (box: SecretBox, config: SealedSenderConfig): SenderConfigInput =>
  mapSecrets(config, (s, field) => (field === 'password' ? MASK : maskSecret(safeOpen(box, s))));

/**
 * Every secret an opened configuration holds, in each form it travels in (a basic-auth
 * credential, a bearer token without its scheme): what must be scrubbed from anything a
 * receiver or Mandrill answers.
 */
export function secretsOf(config: SenderConfigInput): string[] {
  const found: string[] = [];
  mapSecrets(config, (secret, field) => {
    found.push(...(field === 'header' ? headerSecrets(secret) : [secret]));
    return secret;
  });
  if (config.kind === 'custom-url' && config.basicAuth) found.push(basicCredential(config.basicAuth));
  return found;
}

function safeOpen(box: SecretBox, sealed: string): string {
  try {
    return box.open(sealed);
  } catch {
    // Sealed with another SECRETS_KEY (e.g. a restart without one): show nothing of it.
    return '';
  }
}
