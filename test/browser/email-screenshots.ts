import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { builtinEventTypes } from '../../src/event-types/catalog';
import { startTestHerald } from '../support/harness';
import { launchChromium } from './chromium';
import { keepOnLoopback, watchPage } from './page-watch';

/**
 * Screenshots of every built-in email (its sample data, as the preview renders it) at a
 * desktop and a phone width, for the README: `docs/emails/<type>-1280.png` and `-375.png`.
 * Run with `npx tsx test/browser/email-screenshots.ts [type …]` after changing a template.
 */
const OUT = path.resolve(__dirname, '../../docs/emails');
const WIDTHS = [1280, 375];
/** Grey kept around the 600 px email at desktop width, so it reads as an email on a page. */
const MARGIN = 24;

/**
 * The email's own area, down to its footer (not the empty page below a short email): at
 * desktop width the centred 600 px column plus a margin, else the whole width.
 */
async function emailArea(page: Page, width: number): Promise<{ x: number; y: number; width: number; height: number }> {
  const columns = page.locator('div[style*="max-width:600px"]');
  const [first, last] = await Promise.all([columns.first().boundingBox(), columns.last().boundingBox()]);
  if (!first || !last) throw new Error('no 600 px email column in the page');
  const height = last.y + last.height + MARGIN;
  if (width < 600 + 2 * MARGIN) return { x: 0, y: 0, width, height };
  return { x: Math.max(0, first.x - MARGIN), y: 0, width: first.width + 2 * MARGIN, height };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const types = builtinEventTypes().types.filter((type) => only.length === 0 || only.includes(type));
  const h = await startTestHerald('memory', { LOG_LEVEL: 'warn' });
  const server: Server = h.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  await mkdir(OUT, { recursive: true });
  try {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const external: string[] = [];
      await keepOnLoopback(context, external);
      for (const type of types) {
        const page = await context.newPage();
        const problems = watchPage(page, external);
        await page.goto(`${base}/v1/templates/builtin.${type}/preview`, { waitUntil: 'load' });
        const file = path.join(OUT, `${type}-${width}.png`);
        await page.screenshot({ path: file, clip: await emailArea(page, width), fullPage: true });
        if (problems.consoleErrors.length + problems.pageErrors.length + problems.external.length > 0) {
          throw new Error(`${type} at ${width} px: ${JSON.stringify(problems)}`);
        }
        process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
