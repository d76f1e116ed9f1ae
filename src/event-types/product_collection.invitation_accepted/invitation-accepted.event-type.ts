import { defineEventType } from '../define-event-type';
import { productCollectionInvitationDataSchema } from '../shared/product-collection.schema';
import { productCollectionInvitationVariables } from '../shared/product-collection.variables';
import { toUser } from '../shared/recipients';
import { sampleBuyer, sampleUser } from '../shared/samples';

/** A user accepted an invitation to a product collection: whoever invited them is told. */
export const productCollectionInvitationAccepted = defineEventType({
  type: 'product_collection.invitation_accepted',
  messageType: 'ProductCollectionInvitationAccepted',
  data: productCollectionInvitationDataSchema,
  ...toUser,
  variables: productCollectionInvitationVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: false,
  templatesDir: 'product_collection.invitation_accepted',
  sample: {
    userId: sampleUser.id,
    productCollection: { id: 'winter-camping', name: 'Winter Camping Essentials' },
    inviteeUserId: sampleBuyer.id,
    invitee: sampleBuyer,
  },
});
