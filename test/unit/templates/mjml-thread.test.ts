import { MjmlThread } from '../../../src/templates/mjml-compiler';
import { mjmlDoc } from './registry-helpers';

describe('MJML thread', () => {
  const thread = new MjmlThread(200);
  afterAll(() => thread.release());

  test('when a template compiles, then the HTML comes back; when it is invalid, then the errors carry their lines', async () => {
    const ok = await thread.compile(mjmlDoc('<mj-text>Hello</mj-text>'));
    expect(ok.errors).toEqual([]);
    expect(ok.html).toContain('Hello');
    const bad = await thread.compile(mjmlDoc('<mj-text colr="red">Hello</mj-text>'));
    expect(bad.html).toBe('');
    expect(bad.errors).toEqual([expect.objectContaining({ tagName: 'mj-text', message: expect.stringContaining('colr') })]);
    expect(bad.errors[0]?.line).toBeGreaterThan(1);
  });

  test('when released with nothing in flight, then the thread ends, and the next compile starts another', async () => {
    await thread.compile(mjmlDoc('<mj-text>one</mj-text>'));
    expect(thread.running).toBe(true);
    thread.release();
    expect(thread.running).toBe(false);
    const [a, b] = await Promise.all([thread.compile(mjmlDoc('<mj-text>two</mj-text>')), thread.compile(mjmlDoc('<mj-text>three</mj-text>'))]);
    expect(a.html).toContain('two');
    expect(b.html).toContain('three');
  });

  test('when idle past its timeout, then the thread ends by itself', async () => {
    await thread.compile(mjmlDoc('<mj-text>idle</mj-text>'));
    expect(thread.running).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(thread.running).toBe(false);
  });

  test('when released while a compile is in flight, then the compile still completes', async () => {
    const pending = thread.compile(mjmlDoc('<mj-text>in flight</mj-text>'));
    thread.release();
    expect((await pending).html).toContain('in flight');
  });

  test('when the thread dies mid-compile, then the compile fails as retryable (unavailable) and the next one works', async () => {
    const big = mjmlDoc('<mj-text>{{firstname}}</mj-text>'.repeat(3000));
    const pending = thread.compile(big);
    void (thread as unknown as { worker: { terminate(): Promise<number> } | null }).worker?.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    expect((await thread.compile(mjmlDoc('<mj-text>after</mj-text>'))).html).toContain('after');
  });
});
