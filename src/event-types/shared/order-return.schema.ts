import { z } from 'zod';
import { entityId, freeForm, isoDateTime, money } from './common.schema';
import { approverUserIdsSchema, orderEventShape } from './order-family.schema';

/** One line of a return (OrderCloud's `OrderReturnItem`). */
export const returnItemSchema = z.looseObject({
  lineItemId: entityId,
  quantity: z.number().int().positive(),
  refundAmount: money.optional(),
  comments: z.string().optional(),
});

/** OrderCloud's `OrderReturn`: what goes back, and the refund. */
export const orderReturnSchema = z.looseObject({
  id: entityId,
  /** OrderCloud's OrderStatus of the return (`AwaitingApproval`, `Open`, `Completed`…). */
  status: z.string().max(64).optional(),
  refundAmount: money.optional(),
  comments: z.string().optional(),
  dateSubmitted: isoDateTime.optional(),
  itemsToReturn: z.array(returnItemSchema).min(1),
  xp: freeForm.optional(),
});

type ReturnShape = { lineItems: { id: string }[]; orderReturn: { itemsToReturn: { lineItemId: string }[] } };

/**
 * A returned item names a line of `lineItems` (which says what the product is): otherwise the
 * email would list an id nobody recognises, so it is refused at ingest.
 */
function returnedLinesAreListed(data: ReturnShape, ctx: z.RefinementCtx): void {
  const ids = new Set(data.lineItems.map((item) => item.id));
  data.orderReturn.itemsToReturn.forEach((item, index) => {
    if (!ids.has(item.lineItemId)) {
      ctx.addIssue({ code: 'custom', path: ['orderReturn', 'itemsToReturn', index, 'lineItemId'], message: 'must be the id of one of data.lineItems' });
    }
  });
}

const returnShape = { ...orderEventShape, orderReturn: orderReturnSchema };

/** The return types told to the buyer: the order, its lines, the return. */
export const orderReturnDataSchema = z.looseObject(returnShape).superRefine(returnedLinesAreListed);

/** The same, told to every approver named. */
export const orderReturnApprovalDataSchema = z.looseObject({ ...returnShape, approverUserIds: approverUserIdsSchema }).superRefine(returnedLinesAreListed);

export type OrderReturnData = z.infer<typeof orderReturnDataSchema>;
