import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's `chromium` package; `.ci/run` installs it. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// No first-run, sync, update or other background traffic: the browser only talks to loopback.
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Whether browser tests can run. Without chromium they pass with a loud notice, except in
 * CI (`CI=true`), where a missing browser is a failure.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM_PATH} is missing (apt-get install chromium)`);
  process.stderr.write(`\n*** Browser tests SKIPPED: ${CHROMIUM_PATH} is missing. Install Debian's chromium package to run them. ***\n\n`);
  return false;
}

/** Launches the system chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}
