import type { BrowserContext, Page } from 'playwright-core';

/** What a page complained about while it loaded. */
export interface PageProblems {
  /** `console.error` messages, CSP violations and failed loads among them. */
  consoleErrors: string[];
  /** Uncaught exceptions. */
  pageErrors: string[];
  /** Requests to anything but loopback: blocked, and a failure of the page. */
  external: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Blocks every non-loopback request of the context (tests never leave the machine). */
export async function keepOnLoopback(context: BrowserContext, external: string[]): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || LOOPBACK.has(url.hostname)) return route.continue();
    external.push(url.href);
    return route.abort('blockedbyclient');
  });
}

/** Starts recording a page's console errors and uncaught exceptions. */
export function watchPage(page: Page, external: string[]): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], external };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  return problems;
}
