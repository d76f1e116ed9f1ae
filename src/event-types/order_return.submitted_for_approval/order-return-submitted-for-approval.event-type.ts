import { defineEventType } from '../define-event-type';
import { orderReturnDataSchema } from '../shared/order-return.schema';
import { orderReturnVariables } from '../shared/order-return.variables';
import { toUser } from '../shared/recipients';
import { sampleApprovals, sampleLineItems, sampleOrderBy, sampleOrderReturn, samplePerson, sampleUser } from '../shared/samples';

/** The buyer's return needs approval: they are told it waits. */
export const orderReturnSubmittedForApproval = defineEventType({
  type: 'order_return.submitted_for_approval',
  messageType: 'OrderReturnSubmittedForApproval',
  data: orderReturnDataSchema,
  ...toUser,
  variables: orderReturnVariables,
  secrets: { data: [], variables: [] },
  carriesOrder: true,
  templatesDir: 'order_return.submitted_for_approval',
  sample: {
    userId: sampleUser.id,
    order: sampleOrderBy(samplePerson),
    lineItems: sampleLineItems,
    orderReturn: sampleOrderReturn('AwaitingApproval'),
    approvals: sampleApprovals.pending,
  },
});
