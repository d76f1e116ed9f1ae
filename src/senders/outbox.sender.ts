import type { EventType } from '../events/event.schema';
import type { OutboxStore } from './outbox.store';
import type { RenderedEmail } from '../templates/template.port';
import type { DeliveryResult, EmailEnvelope } from './sender.port';

/**
 * The dev outbox (SPEC §7): default-mandrill email rendered exactly as it would be sent,
 * kept in the store instead of going to Mandrill.
 */
export class OutboxSender {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly now: () => Date,
  ) {}

  async send(ids: { messageId: string; eventId: string; type: EventType }, envelope: EmailEnvelope, email: RenderedEmail): Promise<DeliveryResult> {
    await this.outbox.put({
      ...ids,
      from: envelope.from,
      to: envelope.to,
      cc: envelope.cc,
      subject: email.subject,
      html: email.html,
      text: email.text,
      createdAt: this.now().toISOString(),
    });
    return { outcome: 'success', statusCode: null, response: `kept in the dev outbox: GET /v1/outbox/${ids.messageId}.html` };
  }
}
