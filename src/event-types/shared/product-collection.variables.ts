import { personName } from './common.variables';
import type { ProductCollectionInvitationData } from './product-collection.schema';

/** The collection and who answered the invitation to it. */
export function productCollectionInvitationVariables(data: ProductCollectionInvitationData): Record<string, unknown> {
  return {
    productcollectionid: data.productCollection.id,
    productcollectionname: data.productCollection.name,
    inviteeuserid: data.inviteeUserId,
    inviteename: personName(data.invitee, data.inviteeUserId),
    inviteefirstname: data.invitee?.firstName ?? '',
    inviteelastname: data.invitee?.lastName ?? '',
    inviteeemail: data.invitee?.email ?? '',
  };
}
