import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { SecretBox } from '../shared/crypto';
import type { SenderKindDeps, SendOutcome } from '../senders/kinds/sender-kind.port';
import type { ResolvedSender } from '../senders/route-message';
import { openConfig, secretsOf } from '../senders/sealing';
import { scrubError, scrubResult } from '../senders/scrub';
import { secretValues } from '../shared/secret-values';
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
 * Sends one message through its sender's kind; never throws for a delivery failure. What
 * comes back (or is thrown: rendering, a deleted template) is scrubbed of every secret the
 * sender holds, of the operator's Mandrill key and of the event's secret fields (reset link,
 * code, one-time password: SPEC §8), before anything stores or logs it.
 */
export async function dispatch(deps: DispatchDeps, input: DispatchInput): Promise<DispatchOutcome> {
  const kind = input.sender.kindModule;
  const config = openConfig(deps.secrets, input.sender.config, kind);
  const { message, event, user, organization } = input;
  const secrets = [...secretsOf(config, kind), ...secretValues(event.data, deps.eventTypes.secretFields), deps.defaultMandrill.apiKey];
  try {
    const variables = () => deps.eventTypes.messageVariables(event.type, event.data, message.variables, { user, organization, now: deps.now() });
    const outcome = await kind.send({ config, message, event, user, organization, variables, deps });
    return { ...outcome, result: scrubResult(outcome.result, secrets) };
  } catch (err) {
    throw scrubError(err, secrets);
  }
}
