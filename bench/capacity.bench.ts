import Redis from 'ioredis';
import { startFakeMandrill } from '../test/fakes/fake-mandrill';
import { startRedisServer } from '../test/support/redis-server';
import { orderSubmitted } from '../test/support/seed';
import { startChild, type BenchChild } from './support/child';
import { startBenchReceiver } from './support/receiver';
import { boundRow, type BenchRow } from './support/report';
import { ADMIN_KEY, benchEnv, putJson } from './support/setup';

export interface CapacityOptions {
  rounds: number;
  /** Messages measured per round and sender kind (after one warm-up message). */
  messages: number;
  users: number;
  organizations: number;
}

export type CapacityKind = 'custom-url' | 'mandrill';

/** One measurement: Redis growth over `messages` delivered and settled messages. */
export interface CapacityRun {
  kind: CapacityKind;
  messages: number;
  /** INFO used_memory delta per message. */
  bytesPerMessage: number;
  /** The part of it that is BullMQ's event streams (bounded: ~10,000 entries per queue). */
  streamBytesPerMessage: number;
  keysPerMessage: number;
  /** Mean size of the event JSON the platform POSTed. */
  eventBytes: number;
}

const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task(i)` for i < n with at most `width` at once. */
async function pool(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => {
    while (next < n) await task(next++);
  }));
}

/** The recipient mix: `users` users spread round-robin over `organizations` organizations. */
const userId = (i: number) => `user-${i}`;
const orgOf = (i: number, opts: CapacityOptions) => `org-${i % opts.organizations}`;

async function seedDirectory(base: string, opts: CapacityOptions): Promise<void> {
  await pool(opts.organizations, 10, (j) => putJson(base, `/v1/organizations/org-${j}`, { name: `Shop customer ${j}`, active: true }));
  await pool(opts.users, 20, (i) =>
    putJson(base, `/v1/users/${userId(i)}`, { organizationId: orgOf(i, opts), email: `buyer${i}@${orgOf(i, opts)}.example`, firstName: 'Ada', lastName: `Lovelace${i}`, username: `buyer${i}`, active: true }),
  );
}

/** Used memory, key count and the memory of every stream (BullMQ's event logs) of the dedicated Redis. */
async function snapshot(redis: Redis): Promise<{ used: number; keys: number; streams: number }> {
  const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
  const keys = await redis.dbsize();
  let streams = 0;
  let cursor = '0';
  do {
    const [nextCursor, found] = await redis.scan(cursor, 'COUNT', 1000, 'TYPE', 'stream');
    cursor = nextCursor;
    for (const key of found) streams += Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
  } while (cursor !== '0');
  return { used, keys, streams };
}

/**
 * Waits until `delivered()` reaches `n`, no message is pending (every one settled) and the key
 * count holds still for 300 ms (the last jobs' completions removed their BullMQ keys).
 */
async function settled(base: string, redis: Redis, delivered: () => number, n: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  let keys = -1;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`capacity: ${delivered()}/${n} delivered and settled after 120 s`);
    if (delivered() >= n) {
      const res = await fetch(`${base}/v1/messages?status=pending&limit=1`, { headers: auth });
      const page = (await res.json()) as { data?: unknown[] };
      const now = await redis.dbsize();
      if (res.ok && page.data?.length === 0 && now === keys) return;
      keys = now;
    }
    await sleep(300);
  }
}

async function startHerald(redisUrl: string, mandrillUrl: string): Promise<{ base: string; children: BenchChild[] }> {
  // As deployed: MANDRILL_API_KEY set makes default-mandrill messages go to (the fake) Mandrill.
  const env = (role: string) => benchEnv(redisUrl, 'herald', { ROLE: role, MANDRILL_API_KEY: 'bench-mandrill-key', MANDRILL_API_URL: mandrillUrl });
  const [api, worker] = await Promise.all([startChild('herald.server.ts', env('api')), startChild('herald.server.ts', env('worker'))]);
  worker.send({ type: 'start-workers' });
  return { base: `http://127.0.0.1:${api.port}`, children: [api, worker] };
}

interface Sinks {
  receiverUrl: string;
  mandrillUrl: string;
  /** Deliveries so far of this kind (receiver hits or Mandrill sends). */
  delivered(kind: CapacityKind): number;
}

/** One round of one sender kind, on a flushed Redis with fresh Herald processes. */
async function measure(kind: CapacityKind, tag: string, redis: Redis, redisUrl: string, sinks: Sinks, opts: CapacityOptions): Promise<CapacityRun> {
  await redis.flushall();
  const herald = await startHerald(redisUrl, sinks.mandrillUrl);
  try {
    const { base } = herald;
    await seedDirectory(base, opts);
    // custom-url: a sender for the type; mandrill: none, so the default Mandrill sender delivers
    if (kind === 'custom-url') await putJson(base, '/v1/senders/order.submitted', { kind: 'custom-url', url: `${sinks.receiverUrl}/hook` });
    const before = sinks.delivered(kind);
    const post = async (n: number, id: string): Promise<number> => {
      const body = JSON.stringify(orderSubmitted(userId(n % opts.users), { id, orderId: `PO-${tag}-${n}` }));
      const res = await fetch(`${base}/v1/events`, { method: 'POST', headers: auth, body });
      if (res.status !== 202) throw new Error(`capacity: POST /v1/events answered ${res.status}: ${await res.text()}`);
      return Buffer.byteLength(body);
    };
    await post(0, `evt_${tag}_warm`);
    await settled(base, redis, () => sinks.delivered(kind) - before, 1);
    const s0 = await snapshot(redis);
    let eventBytes = 0;
    await pool(opts.messages, 50, async (n) => {
      const bytes = await post(n, `evt_${tag}_${n}`);
      eventBytes += bytes;
    });
    await settled(base, redis, () => sinks.delivered(kind) - before, opts.messages + 1);
    const s1 = await snapshot(redis);
    const per = (delta: number) => delta / opts.messages;
    return {
      kind,
      messages: opts.messages,
      bytesPerMessage: per(s1.used - s0.used),
      streamBytesPerMessage: per(s1.streams - s0.streams),
      keysPerMessage: per(s1.keys - s0.keys),
      eventBytes: eventBytes / opts.messages,
    };
  } finally {
    await Promise.all(herald.children.map((c) => c.stop()));
  }
}

/**
 * Redis bytes and keys per delivered message, for a custom-url sender and for the default
 * Mandrill sender (a fake Mandrill API on loopback). Herald runs as deployed (ROLE=api and
 * ROLE=worker on compiled code) on a dedicated redis-server that nothing else uses, flushed
 * and with fresh processes for every round and kind. A realistic recipient mix: `users` users
 * in `organizations` organizations, messages round-robin over the users, so per-recipient
 * indexes stay small (as in real shops) and per-organization indexes grow large. After one
 * warm-up message, `messages` events are POSTed (50 at a time) and every message is waited
 * for until delivered and settled; the figure is INFO used_memory's delta (and DBSIZE's) over
 * them, divided by their count. That includes the growth of BullMQ's event streams (capped at
 * ~10,000 entries per queue, so a fixed cost in a busy Herald; the log and results.json show
 * their share). The baseline is the event JSON the platform POSTed, for scale.
 */
export async function capacityBench(opts: CapacityOptions, log: (line: string) => void): Promise<{ rows: BenchRow[]; figures: { options: CapacityOptions; runs: CapacityRun[] } }> {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  const mandrill = await startFakeMandrill();
  const receiver = await startBenchReceiver();
  const sinks: Sinks = {
    receiverUrl: receiver.url,
    mandrillUrl: mandrill.url,
    delivered: (kind) => (kind === 'custom-url' ? receiver.arrivals.length : mandrill.sends().length),
  };
  const runs: CapacityRun[] = [];
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      for (const kind of ['custom-url', 'mandrill'] as const) {
        const run = await measure(kind, `${kind}_${round}`, redis, server.url, sinks, opts);
        runs.push(run);
        log(`capacity round ${round}/${opts.rounds} ${kind}: ${run.bytesPerMessage.toFixed(0)} B/msg (of which BullMQ event streams ${run.streamBytesPerMessage.toFixed(0)}), ${run.keysPerMessage.toFixed(2)} keys/msg, event JSON ${run.eventBytes.toFixed(0)} B`);
      }
    }
  } finally {
    redis.disconnect();
    await Promise.all([receiver.close(), mandrill.close()]);
    await server.stop();
  }
  const mix = `${opts.users} users in ${opts.organizations} orgs, round-robin`;
  const of = (kind: CapacityKind, pick: (r: CapacityRun) => number) => runs.filter((r) => r.kind === kind).map(pick);
  const rows = (['custom-url', 'mandrill'] as const).flatMap((kind) => [
    boundRow(`capacity Redis bytes/msg, ${kind} (${mix})`, 'B', of(kind, (r) => r.bytesPerMessage), 1536, { baseline: of(kind, (r) => r.eventBytes), baselineName: 'event JSON posted' }),
    boundRow(`capacity Redis keys/msg, ${kind}`, 'keys', of(kind, (r) => r.keysPerMessage), Infinity),
  ]);
  return { rows, figures: { options: opts, runs } };
}
