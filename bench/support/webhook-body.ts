/**
 * The webhook body Herald's custom-url sender POSTs for the bench event, as the bare
 * baselines build it (same shape and size, no directory lookup: the recipient is fixed).
 * No imports, so the compiled bare servers can use it.
 */
export const BENCH_USER = 'bench-buyer';
export const BENCH_ORG = 'bench-org';

export function bareWebhookBody(event: { id?: unknown; type?: unknown; data?: unknown }, n: number | string): object {
  return {
    id: `msg_bare_${n}`,
    type: event.type,
    timestamp: new Date().toISOString(),
    eventId: event.id,
    recipient: { id: BENCH_USER, email: 'bench@bench.example', firstName: 'Ada', lastName: 'Lovelace', username: 'ada', organizationId: BENCH_ORG },
    organization: { id: BENCH_ORG, name: 'Bench Org' },
    cc: [],
    data: event.data,
  };
}
