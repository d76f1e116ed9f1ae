import { z } from 'zod';
import { entityId, personSchema } from './common.schema';

/**
 * A product collection invitation was answered: told to the user who invited (`userId`).
 * `invitee` may describe the invited user beyond their id, so the email can name them.
 */
export const productCollectionInvitationDataSchema = z.looseObject({
  userId: entityId,
  productCollection: z.looseObject({ id: entityId, name: z.string().min(1) }),
  inviteeUserId: entityId,
  invitee: personSchema.optional(),
});

export type ProductCollectionInvitationData = z.infer<typeof productCollectionInvitationDataSchema>;
