import { MASK, maskSecret, type SecretBox } from '../shared/crypto';
import { headerSecrets } from './scrub';
import { builtinSenderKinds } from './kinds/registry';
import type { KindedConfig, SenderKindModule } from './kinds/sender-kind.port';

/*
 * Which fields are secrets is the kind's to say (`mapSecrets`); `kind` defaults to the
 * built-in module of the configuration's kind.
 */
type KindOf<C extends KindedConfig> = SenderKindModule<C['kind'], C>;

export const sealConfig = <C extends KindedConfig>(box: SecretBox, config: C, kind: KindOf<C> = builtinSenderKinds.of(config)): C =>
  kind.mapSecrets(config, (s) => box.seal(s));

/**
 * Opened configurations by the sealed object they came from. Deliveries of one batch share
 * one configuration object (the batch reader keeps it up to a second), so each is decrypted
 * once per batch instead of once per delivery; entries go when the object does.
 */
const opened = new WeakMap<object, { box: SecretBox; config: unknown }>();

export function openConfig<C extends KindedConfig>(box: SecretBox, config: C, kind: KindOf<C> = builtinSenderKinds.of(config)): C {
  const hit = opened.get(config);
  if (hit?.box === box) return hit.config as C;
  const plain = kind.mapSecrets(config, (s) => {
    try {
      return box.open(s);
    } catch {
      throw new Error("cannot decrypt this sender's stored secrets (was SECRETS_KEY changed?); PUT the sender configuration again");
    }
  });
  opened.set(config, { box, config: plain });
  return plain;
}

/** The configuration as every read shows it: secrets as `••••ab12` or `••••`, passwords as `••••`. */
export const maskConfig = <C extends KindedConfig>(box: SecretBox, config: C, kind: KindOf<C> = builtinSenderKinds.of(config)): C =>
  kind.mapSecrets(config, (s, field) => (field === 'password' ? MASK : maskSecret(safeOpen(box, s))));

function safeOpen(box: SecretBox, sealed: string): string {
  try {
    return box.open(sealed);
  } catch {
    // Sealed with another SECRETS_KEY (e.g. a restart without one): show nothing of it.
    return '';
  }
}

/**
 * Every secret an opened configuration holds, in each form it travels in (a bearer token
 * without its scheme, a basic-auth credential): what must never reach an attempt or a log.
 */
export function secretsOf<C extends KindedConfig>(config: C, kind: KindOf<C>): readonly string[] {
  const hit = secretLists.get(config);
  if (hit) return hit;
  const secrets: string[] = [];
  kind.mapSecrets(config, (s, field) => {
    secrets.push(...(field === 'header' ? headerSecrets(s) : [s]));
    return s;
  });
  const all = [...secrets, ...(kind.derivedSecrets?.(config) ?? [])];
  secretLists.set(config, all);
  return all;
}

/** The secrets of an opened configuration, listed once per object (like `opened`): read-only. */
const secretLists = new WeakMap<object, string[]>();

