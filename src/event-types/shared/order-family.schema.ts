import { z } from 'zod';
import { entityId, isoDateTime, lineItemSchema, orderSchema, personSchema } from './common.schema';

/** OrderCloud's `OrderApproval`: one approving group's step, pending or decided. */
export const approvalSchema = z.looseObject({
  approvingGroupId: entityId.optional(),
  approvingUserId: entityId.optional(),
  /** OrderCloud's ApprovalStatus. */
  status: z.enum(['Pending', 'Approved', 'Declined']),
  comments: z.string().optional(),
  dateCreated: isoDateTime.optional(),
  dateCompleted: isoDateTime.optional(),
  /** Who decided (OrderCloud's `Approver`), when the platform sends more than the id. */
  approver: personSchema.optional(),
});

/** At most 100 approvers: each gets a message of its own (SPEC §2). */
export const approverUserIdsSchema = z
  .array(entityId)
  .min(1, 'must name at least one approver')
  .max(100, 'must name at most 100 approvers');

/** The order types beyond submitted and shipped: the order, its lines and its approvals so far. */
export const orderEventShape = {
  /** The order's buyer (on approver-addressed types too: their organization scopes the sender). */
  userId: entityId,
  order: orderSchema,
  lineItems: z.array(lineItemSchema).min(1),
  approvals: z.array(approvalSchema).optional(),
};

export const orderEventDataSchema = z.looseObject(orderEventShape);

/** The same, told to every approver named. */
export const orderApprovalDataSchema = z.looseObject({ ...orderEventShape, approverUserIds: approverUserIdsSchema });

export type Approval = z.infer<typeof approvalSchema>;
export type OrderEventData = z.infer<typeof orderEventDataSchema>;
