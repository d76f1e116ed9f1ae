import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { SecretBox } from '../shared/crypto';
import type { SenderKindDeps, SendOutcome } from '../senders/kinds/sender-kind.port';
import type { ResolvedSender } from '../senders/route-message';
import { openConfig, secretsOf } from '../senders/sealing';
import { scrubError } from '../senders/scrub';
import type { MessageRecord } from './message.record';

export interface DispatchDeps extends SenderKindDeps {
  secrets: SecretBox;
}

export interface DispatchInput {
  message: MessageRecord;
  event: EventRecord;
  user: User;
  organization: Organization;
  sender: ResolvedSender;
}

/** What went out through which transport. */
export type DispatchOutcome = SendOutcome;

/**
 * Sends one message through its sender's kind; never throws for a delivery failure. What a
 * send throws (rendering, a deleted template) has the configuration's secrets scrubbed.
 */
export async function dispatch(deps: DispatchDeps, input: DispatchInput): Promise<DispatchOutcome> {
  const kind = input.sender.kindModule;
  const config = openConfig(deps.secrets, input.sender.config, kind);
  const { message, event, user, organization } = input;
  try {
    return await kind.send({ config, message, event, user, organization, deps });
  } catch (err) {
    throw scrubError(err, secretsOf(config, kind));
  }
}
