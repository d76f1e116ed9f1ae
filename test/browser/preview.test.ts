import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestHerald, type TestHerald } from '../support/harness';
import { chromiumAvailable, launchChromium } from './chromium';
import { keepOnLoopback, watchPage } from './page-watch';

const ARTIFACTS = path.join(__dirname, '..', '.artifacts');
const VIEWPORT = { width: 1024, height: 768 };
const TYPES = ['order.submitted', 'order.shipped', 'user.password_reset'] as const;

// Issue 5: every built-in template's preview renders cleanly in a real (Debian) Chromium.
if (chromiumAvailable()) previewTests();
else {
  test('when chromium is missing outside CI, then the browser tests are left out with a notice', () => {
    expect(process.env.CI).not.toBe('true');
  });
}

function previewTests(): void {
  describe('template previews in headless Chromium', () => {
    let h: TestHerald;
    let server: Server;
    let base: string;
    let browser: Browser;
    let context: BrowserContext;
    const external: string[] = [];

    beforeAll(async () => {
      h = await startTestHerald('memory');
      server = h.app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await launchChromium();
      context = await browser.newContext({ viewport: VIEWPORT });
      await keepOnLoopback(context, external);
      await mkdir(ARTIFACTS, { recursive: true });
    });
    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
      await h?.close();
    });

    test.each(TYPES)('when the built-in %s template is previewed, then it renders with no console or page errors', async (type) => {
      const page = await context.newPage();
      const problems = watchPage(page, external);
      const response = await page.goto(`${base}/v1/templates/builtin.${type}/preview`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      await expect(page.title()).resolves.not.toBe('');
      expect(await page.locator('body').innerText()).toMatch(/Jane/);
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], external: [] });
      await page.close();
    });

    test('when the order.submitted preview is screenshotted, then the order total is visible in it', async () => {
      const page = await context.newPage();
      const problems = watchPage(page, external);
      await page.goto(`${base}/v1/templates/builtin.order.submitted/preview`, { waitUntil: 'load' });
      const file = path.join(ARTIFACTS, 'preview-order.submitted.png');
      await page.screenshot({ path: file });

      const total = page.getByText('$113.25', { exact: true }).last();
      expect(await total.isVisible()).toBe(true);
      const box = await total.boundingBox();
      expect(box).not.toBeNull();
      if (!box) return;
      // inside the screenshot (the viewport) and not covered by anything else
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
      expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      // runs in the page (the project's TypeScript has no DOM types, hence a string)
      const topmost = await page.evaluate(`(() => {
        const el = document.elementFromPoint(${x}, ${y});
        return el && { text: el.textContent.trim(), color: getComputedStyle(el).color };
      })()`);
      expect(topmost).toEqual({ text: '$113.25', color: expect.not.stringMatching(/rgba\(\d+, \d+, \d+, 0\)/) });
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], external: [] });
      await page.close();
    });

    test('when a template carries a script, then PUT refuses it, and an email page with one is stopped by the CSP', async () => {
      const mjml = '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{firstname}}</mj-text>' +
        '<mj-raw><script>window.ran = true; console.error("script ran")</script></mj-raw></mj-column></mj-section></mj-body></mjml>';
      const refused = await h.api().put('/v1/templates/scripted').send({ subject: 'S', mjml });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details[0].message).toMatch(/remove <script>/);
      // the CSP is the second line of defence, on every page that shows an email: here the outbox
      const html = '<html><body>Hi<script>window.ran = true; console.error("script ran")</script></body></html>';
      const to = { email: 'a@b.example', name: 'A' };
      await h.herald.store.outbox.put({ messageId: 'msg_scripted', eventId: 'evt_s', type: 'order.submitted', from: to, to, cc: [], subject: 'S', html, text: 'Hi', createdAt: new Date().toISOString() });
      const page = await context.newPage();
      const problems = watchPage(page, external);
      await page.goto(`${base}/v1/outbox/msg_scripted.html`, { waitUntil: 'load' });
      expect(await page.evaluate('window.ran')).toBeUndefined();
      expect(problems.consoleErrors.join('\n')).toMatch(/Content Security Policy|sandboxed/);
      expect(problems.consoleErrors.join('\n')).not.toMatch(/script ran/);
      await page.close();
    });
  });
}
