import type { ResolvedSender } from '../senders/route-message';

/** The Mandrill client's request timeout (src/senders/mandrill.gateway.ts default). */
const MANDRILL_TIMEOUT_MS = 30_000;
/** Slack on top of a send's own timeout: writing the attempt, clock differences. */
const MARGIN_MS = 5_000;

/**
 * How long an attempt through this sender may still be in flight: its timeout plus a
 * margin. Another runner that finds the message leased waits until then, so one message is
 * never sent by two runners at once; a crashed runner's lease simply runs out.
 */
export function leaseMsOf(sender: ResolvedSender): number {
  const config = sender.config;
  const sendMs = config.kind === 'custom-url' ? config.timeoutMs : config.kind === 'custom-mandrill' || config.kind === 'default-mandrill' ? MANDRILL_TIMEOUT_MS : 0;
  return sendMs + MARGIN_MS;
}
