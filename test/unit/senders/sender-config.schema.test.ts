import { senderConfigInputSchema } from '../../../src/senders/kinds/registry';

const customUrl = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'custom-url',
  url: 'https://hooks.example.com/{eventType}',
  ...over,
});

const issues = (input: unknown): string[] => {
  const parsed = senderConfigInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('sender configuration schema', () => {
  it('when a custom-url sender configures a bearer Authorization header, then it is accepted as given', () => {
    const parsed = senderConfigInputSchema.parse(customUrl({ headers: { Authorization: 'Bearer xyz' } }));
    expect(parsed).toMatchObject({ kind: 'custom-url', headers: { Authorization: 'Bearer xyz' } });
  });

  it('when both basicAuth and an Authorization header are given, then it is refused saying to pick one', () => {
    const input = customUrl({ headers: { authorization: 'Bearer xyz' }, basicAuth: { username: 'shop', password: 'pw' } });
    expect(issues(input)).toEqual(['headers: give either basicAuth or an Authorization header, not both']);
  });

  it.each(['Webhook-Id', 'webhook-timestamp', 'Webhook-Signature', 'X-OC-Hash', 'Content-Type', 'content-length', 'Host'])(
    'when a header tries to set %s, then it is refused',
    (name) => {
      expect(issues(customUrl({ headers: { [name]: 'forged' } }))).toEqual([expect.stringMatching(/^headers: cannot set /)]);
    },
  );

  it('when basicAuth comes with ordinary headers only, then it is accepted', () => {
    const input = customUrl({ headers: { 'X-Api-Key': 'k' }, basicAuth: { username: 'shop', password: 'pw' } });
    expect(issues(input)).toEqual([]);
  });
});
