/**
 * The loopback receiver of the end-to-end bench, in a process of its own: arrival times are
 * taken on an event loop that is not also generating the load.
 */
import { startBenchReceiver } from '../support/receiver';
import { reportReady } from '../support/child';

type Command = { type: 'reset' } | { type: 'wait'; n: number; timeoutMs: number };

async function main(): Promise<void> {
  const receiver = await startBenchReceiver();
  process.on('message', (command: Command) => {
    if (command.type === 'reset') {
      receiver.reset();
      process.send?.({ type: 'reset-done' });
      return;
    }
    receiver.waitFor(command.n, command.timeoutMs).then(
      () => process.send?.({ type: 'arrived', lastArrival: receiver.arrivals[command.n - 1], latencies: receiver.latencies }),
      (err: unknown) => process.send?.({ type: 'arrived', error: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.once('SIGTERM', () => void receiver.close().then(() => process.exit(0)));
  reportReady(Number(new URL(receiver.url).port));
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench receiver failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
