import { z } from 'zod';
import { BUILTIN_SENDER_KINDS, builtinSenderKinds, SenderKinds } from '../../../src/senders/kinds/registry';
import { defineSenderKind, type SenderKindModule } from '../../../src/senders/kinds/sender-kind.port';
import { recordingKind } from '../../fixtures/kinds/recording/recording.kind';

const { kind: recording } = recordingKind();

describe('sender kinds registry', () => {
  it('when Herald starts, then it knows the built-in kinds the API documents', () => {
    expect(builtinSenderKinds.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['default-mandrill', 'custom-mandrill', 'custom-url', 'disabled']));
  });

  it('when a kind is registered, then configurations of it validate and lead to its module', () => {
    const kinds = builtinSenderKinds.with(recording);
    const config = kinds.inputSchema.parse({ kind: 'recording', channel: 'ops', token: 'long-enough' });
    expect(kinds.of(config)).toBe(recording);
    expect(builtinSenderKinds.inputSchema.safeParse(config).success).toBe(false);
  });

  it('when a configuration names a kind nobody registered, then asking for its module fails naming the kind', () => {
    expect(() => builtinSenderKinds.of({ kind: 'recording' })).toThrow(/sender kind 'recording' is not registered/);
  });

  it('when two kinds share a name, then the registry refuses them', () => {
    expect(() => builtinSenderKinds.with(recording, recording)).toThrow(/named once each/);
    expect(() => new SenderKinds([])).toThrow();
  });

  it('when a kind is declared, then the compiler checks it is complete and filed under its own name', () => {
    // These lines are checked by `npm run typecheck`: each @ts-expect-error fails it if the
    // line below it compiles. At run time there is nothing more to see.
    const schema = z.object({ kind: z.literal('half') });
    // @ts-expect-error a kind must say how long its send may take (the lease), among the rest
    defineSenderKind({ kind: 'half', schema, mapSecrets: (c) => c, check: async (c) => ({ config: c }), delivers: true, transport: () => null, suspendable: false, usesVariables: false, storedTemplate: () => undefined, send: async () => ({ transport: null, result: { outcome: 'success', statusCode: null, response: null } }) });
    // @ts-expect-error a module is of one kind only (what lets the registry check each entry's name)
    const misfiled: SenderKindModule<'custom-url'> = BUILTIN_SENDER_KINDS.disabled;
    expect(misfiled).toBeDefined();
  });
});
