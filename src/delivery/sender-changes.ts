import type { SenderKinds } from '../senders/kinds/registry';
import type { SenderConfigService, SenderView } from '../senders/sender-config.service';
import { senderKey, type SenderConfigInput } from '../senders/sender-config.schema';
import { AppError, notFound } from '../shared/errors';
import { releaseForOverride, resumeSender, type RequeueDeps } from './requeue';

/** What a resume did: the sender as it is now (null when none is configured) and how many messages it released. */
export interface ResumeResult {
  current: SenderView | null;
  released: number;
}

const isNotFound = (err: unknown): err is AppError => err instanceof AppError && err.code === 'not_found';

/**
 * Configuring a sender, and what that means for the messages it holds: held messages are
 * never dropped, they go out through whichever sender applies after the change.
 */
export class SenderChanges {
  constructor(
    private readonly configs: SenderConfigService,
    private readonly requeue: RequeueDeps,
  ) {}

  /** Validates the `PUT` body: one member per sender kind this Herald knows. */
  get inputSchema(): SenderKinds['inputSchema'] {
    return this.configs.kinds.inputSchema;
  }

  list(): Promise<SenderView[]> {
    return this.configs.list();
  }

  get(eventType: string, organizationId: string | null): Promise<SenderView> {
    return this.configs.get(eventType, organizationId);
  }

  /**
   * Creates or replaces. Not a kind that can be suspended: whatever it held goes out through
   * the new sender. An organization override also takes over what the suspended global
   * sender held for that organization.
   */
  async put(eventType: string, organizationId: string | null, input: SenderConfigInput): Promise<{ created: boolean; view: SenderView }> {
    const result = await this.configs.put(eventType, organizationId, input);
    if (!this.configs.kinds.of(input).suspendable) await resumeSender(this.requeue, senderKey(eventType, organizationId));
    if (organizationId !== null) await releaseForOverride(this.requeue, eventType, organizationId);
    return result;
  }

  /**
   * Deletes, then releases what it held through the sender that applies now; also after a
   * 404, so a delete repeated after a failed release still releases them.
   */
  async delete(eventType: string, organizationId: string | null): Promise<void> {
    const missing = await this.configs.delete(eventType, organizationId).then(
      () => null,
      (err: unknown) => {
        if (isNotFound(err)) return err;
        throw err;
      },
    );
    await resumeSender(this.requeue, senderKey(eventType, organizationId));
    if (missing) throw missing;
  }

  /**
   * Lifts a suspension and releases every held message. Works without a configuration too
   * (messages held by a sender deleted meanwhile go out); with neither a configuration nor
   * anything held there is no such sender, and a typo is not a success.
   */
  async resume(eventType: string, organizationId: string | null): Promise<ResumeResult> {
    const released = await resumeSender(this.requeue, senderKey(eventType, organizationId));
    const current = await this.configs.get(eventType, organizationId).catch((err: unknown) => {
      if (isNotFound(err)) return null;
      throw err;
    });
    if (!current && released === 0) throw notFound('sender configuration', organizationId ? `${organizationId}/${eventType}` : eventType);
    return { current, released };
  }
}
