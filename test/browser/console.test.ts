import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { builtinEventTypes } from '../../src/event-types/catalog';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startTestHerald, waitFor, type TestHerald } from '../support/harness';
import { chromiumAvailable, launchChromium } from './chromium';
import { keepOnLoopback, watchPage, type PageProblems } from './page-watch';

const ADMIN_API_KEY = 'console-browser-admin-key-0123456789';
/** `CONSOLE_SCREENSHOTS=docs/console` refreshes the README's screenshots; by default they go to the test artifacts. */
const SHOTS = path.resolve(process.env.CONSOLE_SCREENSHOTS ?? path.join(__dirname, '..', '.artifacts', 'console'));
const WIDTHS = [1280, 375] as const;
const CLEAN = { consoleErrors: [], pageErrors: [], external: [] };

// whole flows in a real browser, on two cores shared with other suites
jest.setTimeout(90_000);

// Issue 14: the operator console, driven the way an operator would, in Debian's Chromium.
if (chromiumAvailable()) consoleTests();
else {
  test('when chromium is missing outside CI, then the browser tests are left out with a notice', () => {
    expect(process.env.CI).not.toBe('true');
  });
}

function consoleTests(): void {
  describe('operator console in headless Chromium', () => {
    let h: TestHerald;
    let server: Server;
    let base: string;
    let browser: Browser;
    let receiver: WebhookReceiver;
    const external: string[] = [];
    const contexts: BrowserContext[] = [];
    /** Pages the flows reach, for the screenshot tour at the end. */
    const visited: Record<string, string> = {};

    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      h = await startTestHerald('memory', { ADMIN_API_KEY, SUSPEND_AFTER_FAILURES: '1' });
      server = h.app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await launchChromium();
      await mkdir(SHOTS, { recursive: true });
    });
    afterAll(async () => {
      for (const context of contexts) await context.close();
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
      await h?.close();
      await receiver?.close();
    });

    /** A fresh browser (own cookies) at a width, kept on loopback, its problems watched. */
    async function open(width = 1280): Promise<{ page: Page; problems: PageProblems }> {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      contexts.push(context);
      await keepOnLoopback(context, external);
      const page = await context.newPage();
      return { page, problems: watchPage(page, external) };
    }

    const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });

    /**
     * The whole page in one picture: the viewport grown to the page's height first, because a
     * `fullPage` capture leaves sandboxed frames below the fold blank (the editor's preview at 375 px).
     */
    async function wholePage(page: Page, width: number, file: string): Promise<void> {
      const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
      await page.setViewportSize({ width, height: Math.max(900, height) });
      await page.waitForTimeout(300);
      await page.screenshot({ path: file });
      await page.setViewportSize({ width, height: 900 });
    }

    async function signIn(page: Page): Promise<void> {
      await page.goto(`${base}/console`);
      await page.getByLabel('Admin API key').fill(ADMIN_API_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    }

    async function signedIn(width = 1280) {
      const opened = await open(width);
      await signIn(opened.page);
      return opened;
    }

    test('when the wrong key is given, then sign-in says so and keeps the console closed; the right key opens it', async () => {
      const { page, problems } = await open();
      await page.goto(`${base}/console/messages`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      await page.getByLabel('Admin API key').fill('not-the-key-at-all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('That is not the admin API key.');
      await page.getByLabel('Admin API key').fill(ADMIN_API_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // back where it was going
      await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/messages');
      for (const name of ['Overview', 'Messages', 'Senders', 'Templates', 'Directory', 'Outbox']) {
        await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).count()).resolves.toBe(1);
      }
      const session = (await page.context().cookies()).find((c) => c.name === 'herald_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false });
      // the 401 of the wrong key is the one console error a browser reports; nothing else
      expect(problems.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      expect(external).toEqual([]);
    });

    test('when the sample recipient is added and searched for, then the directory lists them and their active state toggles', async () => {
      const { page, problems } = await signedIn();
      await navLink(page, 'Directory').click();
      await page.getByRole('button', { name: 'Add the sample organization and user' }).click();
      await page.getByText('Added the sample organization and user.').waitFor();
      await h.herald.store.directory.putUser('u-bob', { organizationId: 'acme-buyers', email: 'bob@acme.example', firstName: 'Bob', lastName: 'Stone', active: true });
      // live search: typing narrows the lists without pressing Search (htmx)
      await page.getByLabel('Search', { exact: true }).fill('jane');
      await waitFor(async () => (await page.getByRole('region', { name: 'Users table' }).getByRole('row').count()) === 2, 5000, 'the search to narrow the users');
      await expect(page.getByRole('region', { name: 'Users table' }).textContent()).resolves.toContain('jane.doe@acme.example');
      await expect(page.getByRole('region', { name: 'Users table' }).textContent()).resolves.not.toContain('bob@acme.example');
      const row = page.getByRole('region', { name: 'Users table' }).getByRole('row', { name: /buyer-1/ });
      await row.getByRole('button', { name: 'Deactivate' }).click();
      await page.getByText('Marked inactive.').waitFor();
      expect((await h.herald.store.directory.getUser('buyer-1'))?.active).toBe(false);
      await page.getByRole('region', { name: 'Users table' }).getByRole('row', { name: /buyer-1/ }).getByRole('button', { name: 'Activate' }).click();
      await page.getByText('Marked active.').waitFor();
      expect((await h.herald.store.directory.getUser('buyer-1'))?.active).toBe(true);
      expect(problems).toEqual(CLEAN);
    });

    test('when a test event is sent from Senders, then its event page links the message, which shows its attempt, its email and Replay', async () => {
      const { page, problems } = await signedIn();
      await navLink(page, 'Senders').click();
      const rows = page.getByRole('region', { name: 'Senders by event type table' }).locator('tbody tr');
      // every type of the catalog, none hard-coded
      await expect(rows.count()).resolves.toBe(builtinEventTypes().types.length);
      await page.getByRole('row', { name: /^order\.submitted\b/ }).getByRole('button', { name: 'Send test event' }).click();
      await page.getByText('Test event sent.').waitFor();
      visited.event = page.url();
      const link = page.locator('#event-messages').getByRole('link', { name: /^msg_/ });
      await link.waitFor();
      await page.locator('#event-messages').getByText('sent', { exact: true }).waitFor();
      await link.click();
      visited.message = page.url();
      await page.getByRole('heading', { name: /^Message msg_/ }).waitFor();
      const attempts = page.getByRole('region', { name: 'Attempts table' });
      await expect(attempts.getByRole('row').count()).resolves.toBe(2);
      await expect(attempts.textContent()).resolves.toContain('success');
      await expect(page.locator('pre.code').first().textContent()).resolves.toContain('PO-1001');
      await page.getByRole('button', { name: 'Replay' }).click();
      await page.getByText('Replayed: the message is queued for a new attempt.').waitFor();
      await waitFor(async () => {
        await page.reload();
        return (await page.getByRole('region', { name: 'Attempts table' }).getByRole('row').count()) === 3;
      }, 8000, 'the second attempt');
      // the email itself, through the console session (no bearer key)
      await page.getByRole('link', { name: 'View the email' }).click();
      await expect(page.locator('body').innerText()).resolves.toMatch(/Thanks for your order, Jane/);
      expect(problems).toEqual(CLEAN);
    });

    test('when messages are filtered by recipient e-mail and status, then only matching ones are listed', async () => {
      const { page, problems } = await signedIn();
      await navLink(page, 'Messages').click();
      await page.getByLabel('Recipient e-mail').fill('JANE.DOE@acme.example');
      await page.getByRole('button', { name: 'Filter' }).click();
      const table = page.getByRole('region', { name: 'Messages table' });
      await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
      expect(await table.locator('tbody tr').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('jane.doe@acme.example')]));
      await page.getByLabel('Status').selectOption('failed');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.getByText('No messages match.').waitFor();
      expect(new URL(page.url()).searchParams.get('recipientEmail')).toBe('JANE.DOE@acme.example');
      visited.messages = `${base}/console/messages`;
      expect(problems).toEqual(CLEAN);
    });

    test('when a custom URL sender is saved, then its shared key shows once, secrets stay masked, and after a 410 it is suspended and Resume lifts it', async () => {
      const { page, problems } = await signedIn();
      await page.goto(`${base}/console/senders/order.shipped`);
      await page.getByRole('link', { name: /customer's URL/ }).click();
      await page.getByLabel('URL').fill(`${receiver.url}/hooks/{eventType}`);
      await page.getByLabel('Headers').fill('X-Api-Key: header-secret-value-1234');
      await page.getByLabel('Basic auth username').fill('herald');
      await page.getByLabel('Basic auth password').fill('basic-secret-password');
      await page.getByRole('button', { name: 'Save sender' }).click();
      const revealed = await page.locator('code.secret').textContent();
      expect(revealed).toMatch(/^whsec_/);
      visited.sender = `${base}/console/senders/order.shipped`;
      await page.goto(visited.sender);
      const html = await page.content();
      for (const secret of [revealed ?? 'whsec_', 'header-secret-value-1234', 'basic-secret-password']) expect(html).not.toContain(secret);
      await expect(page.getByText(/Now\s+••••/).count()).resolves.toBeGreaterThan(0);
      // saving again with the secrets left empty keeps them
      await page.getByLabel('Timeout (ms)').fill('5000');
      await page.getByRole('button', { name: 'Save sender' }).click();
      await page.getByText('Saved.').waitFor();

      receiver.respondWith(410);
      await page.getByRole('button', { name: 'Send test event' }).click();
      // a 410 suspends the sender at once: its message is held, not dropped
      await page.locator('#event-messages').getByText('held', { exact: true }).waitFor();
      const eventPage = page.url();
      const [request] = await receiver.waitFor(1);
      expect(request?.headers['x-api-key']).toBe('header-secret-value-1234');
      expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('herald:basic-secret-password').toString('base64')}`);

      await navLink(page, 'Overview').click();
      const suspended = page.getByRole('region', { name: 'Suspended senders table' });
      await expect(suspended.textContent()).resolves.toContain('order.shipped (global)');
      visited.overview = `${base}/console`;
      await suspended.getByRole('button', { name: 'Resume' }).click();
      await page.getByText('Resumed. 1 held message queued again.').waitFor();
      await expect(page.getByText('No sender is suspended.').count()).resolves.toBe(1);
      await receiver.waitFor(2);
      await page.goto(eventPage);
      await page.locator('#event-messages').getByText('sent', { exact: true }).waitFor();
      expect(problems).toEqual(CLEAN);
    });

    test('when a template is written in the editor, then the preview follows it, problems show beside their lines, and saves make versions', async () => {
      const { page, problems } = await signedIn();
      await navLink(page, 'Templates').click();
      await page.getByLabel('Template id').fill('my-order');
      await page.getByLabel('Start from').selectOption('builtin.order.submitted');
      await page.getByRole('button', { name: 'Create template' }).click();
      await page.getByRole('heading', { name: 'Template my-order', level: 1 }).waitFor();
      visited.editor = page.url();
      // the live preview: subject, text and the HTML in its sandboxed frame
      await page.locator('.preview-subject').getByText('Order PO-1001 confirmed').waitFor();
      const frame = page.frameLocator('iframe[name="html-preview"]');
      await frame.getByText('Thanks for your order, Jane!').waitFor();
      await expect(page.locator('iframe[name="html-preview"]').getAttribute('sandbox')).resolves.toBe('allow-popups allow-popups-to-escape-sandbox');

      await page.getByLabel('Subject').fill('Your order {{orderid}} is in, {{firstname}}');
      await page.locator('.preview-subject').getByText('Your order PO-1001 is in, Jane').waitFor();
      const broken = '<mjml>\n<mj-body>\n<mj-section><mj-column><mj-text>{{#if orderid}}Hi</mj-text></mj-column></mj-section>\n</mj-body>\n</mjml>';
      await page.getByLabel('MJML').fill(broken);
      const issues = page.locator('.template-issues');
      await issues.waitFor();
      await expect(issues.textContent()).resolves.toMatch(/MJML line 3/);
      await expect(issues.locator('.line-bad .ln').first().textContent()).resolves.toBe('3');
      // the line link puts the cursor on that line
      await issues.getByRole('link', { name: /MJML line 3/ }).click();
      await expect(page.evaluate('document.activeElement.id')).resolves.toBe('tpl-mjml');

      await page.getByLabel('MJML').fill('<mjml>\n<mj-body>\n<mj-section><mj-column><mj-text>Hello {{firstname}}, order {{orderid}}</mj-text></mj-column></mj-section>\n</mj-body>\n</mjml>');
      await page.getByLabel('Text').fill('');
      await frame.getByText('Hello Jane, order PO-1001').waitFor();
      await page.getByRole('button', { name: 'Save template' }).click();
      await page.getByText('Saved as version 1.').waitFor();
      await page.getByLabel('Subject').fill('Order {{orderid}}: thank you');
      await page.getByRole('button', { name: 'Save as a new version' }).click();
      await page.getByText('Saved as version 2.').waitFor();
      expect((await h.herald.store.templates.get('my-order'))?.version).toBe(2);

      // pasted data drives the preview too
      const { data } = builtinEventTypes().sample('order.submitted');
      await page.getByLabel('Event data (JSON)').fill(JSON.stringify({ ...data, order: { ...(data.order as object), id: 'PO-777' } }));
      await page.locator('.preview-subject').getByText('Order PO-777: thank you').waitFor();
      expect(problems).toEqual(CLEAN);
    });

    test('when the outbox is opened, then it lists the emails with links that open them', async () => {
      const { page, problems } = await signedIn();
      await navLink(page, 'Outbox').click();
      const first = page.getByRole('region', { name: 'Outbox table' }).getByRole('rowheader').first().getByRole('link');
      await expect(first.textContent()).resolves.toMatch(/PO-1001/);
      await first.click();
      await expect(page.locator('body').innerText()).resolves.toMatch(/Jane/);
      expect(problems).toEqual(CLEAN);
    });

    test('when a form carries a forged CSRF token, then it is refused and nothing changes', async () => {
      const { page, problems } = await signedIn();
      await page.goto(`${base}/console/directory`);
      const form = page.locator('#organization-form');
      await form.getByLabel('Organization id').fill('forged-org');
      await form.locator('#o-name').fill('Forged');
      await page.evaluate(`document.querySelector('#organization-form input[name="_csrf"]').value = 'forged'`);
      await page.getByRole('button', { name: 'Save organization' }).click();
      await page.getByRole('heading', { name: 'This form has expired' }).waitFor();
      expect(await h.herald.store.directory.getOrganization('forged-org')).toBeNull();
      expect(problems.consoleErrors.filter((e) => !/status of 403/.test(e))).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
    });

    test('when signed out, then the console asks for the key again', async () => {
      const { page, problems } = await signedIn();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You are signed out.').waitFor();
      await page.goto(`${base}/console/senders`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      await page.getByLabel('Admin API key').waitFor();
      expect(problems).toEqual(CLEAN);
    });

    test('when only the keyboard is used, then the skip link comes first and every nav link is reachable', async () => {
      const { page, problems } = await signedIn();
      await page.keyboard.press('Tab');
      await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to content');
      await page.keyboard.press('Enter');
      await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main');
      await page.goto(`${base}/console`);
      const reached: string[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        reached.push(String(await page.evaluate('document.activeElement.textContent.trim()')));
      }
      expect(reached).toEqual(expect.arrayContaining(['Overview', 'Messages', 'Senders', 'Templates', 'Directory', 'Outbox', 'Sign out']));
      expect(problems).toEqual(CLEAN);
    });

    test('when Herald runs with no admin key (npm start), then the README walkthrough reaches a test email without signing in', async () => {
      const trial = await startTestHerald('memory');
      const trialServer = trial.app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => trialServer.once('listening', resolve));
      const trialBase = `http://127.0.0.1:${(trialServer.address() as AddressInfo).port}`;
      try {
        const { page, problems } = await open();
        await page.goto(`${trialBase}/console`);
        await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
        await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
        await navLink(page, 'Directory').click();
        await page.getByRole('button', { name: 'Add the sample organization and user' }).click();
        await navLink(page, 'Senders').click();
        await page.getByRole('row', { name: /^order\.submitted\b/ }).getByRole('button', { name: 'Send test event' }).click();
        await page.locator('#event-messages').getByText('sent', { exact: true }).waitFor();
        await page.locator('#event-messages').getByRole('link', { name: /^msg_/ }).click();
        await page.getByRole('link', { name: 'View the email' }).click();
        await expect(page.locator('body').innerText()).resolves.toMatch(/Thanks for your order, Jane/);
        expect(problems).toEqual(CLEAN);
      } finally {
        await new Promise((resolve) => trialServer.close(resolve));
        await trial.close();
      }
    });

    test('when every page is shown at 1280 and 375 px, then none scrolls sideways or complains, and each is screenshotted', async () => {
      const pages: Array<[string, string]> = [
        ['overview', visited.overview ?? `${base}/console`],
        ['messages', visited.messages ?? `${base}/console/messages`],
        ['message', visited.message ?? `${base}/console/messages`],
        ['event', visited.event ?? `${base}/console/messages`],
        ['senders', `${base}/console/senders`],
        ['sender', visited.sender ?? `${base}/console/senders/order.submitted`],
        ['templates', `${base}/console/templates`],
        ['template-editor', visited.editor ?? `${base}/console/templates/builtin.order.submitted`],
        ['directory', `${base}/console/directory`],
        ['outbox', `${base}/console/outbox`],
      ];
      // a suspended sender, so the Overview shows one with its Resume button
      await h.herald.store.senders.suspend('global:order.shipped', new Date().toISOString());
      for (const width of WIDTHS) {
        const { page, problems } = await open(width);
        await page.goto(`${base}/console/sign-in`);
        await wholePage(page, width, path.join(SHOTS, `sign-in-${width}.png`));
        await signIn(page);
        for (const [name, url] of pages) {
          await page.goto(url);
          // the editor renders its preview after load: wait until the frame has settled on it
          if (name === 'template-editor') {
            await page.waitForLoadState('networkidle');
            await page.frameLocator('iframe[name="html-preview"]').getByText('Hello Jane').waitFor();
          }
          await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(width);
          await wholePage(page, width, path.join(SHOTS, `${name}-${width}.png`));
        }
        expect(problems).toEqual(CLEAN);
      }
    });
  });
}
