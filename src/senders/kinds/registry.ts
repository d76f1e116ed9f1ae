import { z } from 'zod';
import { customMandrill } from './custom-mandrill/custom-mandrill.kind';
import { customUrl } from './custom-url/custom-url.kind';
import { defaultMandrill } from './default-mandrill/default-mandrill.kind';
import { disabled } from './disabled/disabled.kind';
import type { AnySenderKind, KindedConfig, KindSchema, SenderKindModule } from './sender-kind.port';

/** Each entry is a complete kind module filed under its own name (the compiler checks both). */
const filedByName = <T extends { [K in keyof T]: SenderKindModule<K & string, KindedConfig<K & string>> }>(kinds: T): T => kinds;

/** The built-in sender kinds, in the order the API documents them. Adding one: an import and a line here. */
export const BUILTIN_SENDER_KINDS = filedByName({
  'default-mandrill': defaultMandrill,
  'custom-mandrill': customMandrill,
  'custom-url': customUrl,
  disabled,
});

export type SenderKind = keyof typeof BUILTIN_SENDER_KINDS;

/** Body of `PUT …/senders/{eventType}`, one member per built-in kind. */
export type SenderConfigInput = { [K in SenderKind]: z.output<(typeof BUILTIN_SENDER_KINDS)[K]['schema']> }[SenderKind];

/**
 * The sender kinds one Herald knows: the built-in ones, plus any a test registers through
 * `createHerald`'s `senderKinds` override. Static types cover the built-in kinds only; a
 * registered kind is reached through this registry, never by name.
 */
export class SenderKinds {
  private readonly byName: ReadonlyMap<string, AnySenderKind>;
  /** Validates `PUT …/senders/{eventType}`: one discriminated union of the kinds' schemas. */
  readonly inputSchema: z.ZodType<SenderConfigInput>;

  constructor(readonly kinds: readonly AnySenderKind[]) {
    this.byName = new Map(kinds.map((k) => [k.kind, k]));
    if (kinds.length === 0 || this.byName.size !== kinds.length) throw new Error(`sender kinds must be named once each: ${kinds.map((k) => k.kind).join(', ')}`);
    const schemas = kinds.map((k) => k.schema) as [KindSchema<KindedConfig>, ...KindSchema<KindedConfig>[]];
    // The union's output is the union of the kinds' configurations, by construction.
    this.inputSchema = z.discriminatedUnion('kind', schemas) as unknown as z.ZodType<SenderConfigInput>;
  }

  /** These kinds and more (their names must be new). */
  with(...more: AnySenderKind[]): SenderKinds {
    return new SenderKinds([...this.kinds, ...more]);
  }

  /** The module of a configuration's kind; a kind this Herald does not know is a bug (it was validated). */
  of<C extends KindedConfig>(config: C): SenderKindModule<C['kind'], C> {
    const kind = this.byName.get(config.kind);
    if (!kind) throw new Error(`sender kind '${config.kind}' is not registered (known: ${[...this.byName.keys()].join(', ')})`);
    // Sound: the module is the one filed under the config's kind, and configs are validated by its schema.
    return kind as unknown as SenderKindModule<C['kind'], C>;
  }
}

export const builtinSenderKinds = new SenderKinds(Object.values(BUILTIN_SENDER_KINDS));

/** The built-in kinds' `PUT` body schema (the OpenAPI document shows this one). */
export const senderConfigInputSchema = builtinSenderKinds.inputSchema;
