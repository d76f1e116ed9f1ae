import { z } from 'zod';
import { textId } from '../../shared/validation';

/** Keys that could pollute prototypes once the payload is merged or rendered. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths (like `data.order.__proto__`) of every forbidden key inside a JSON value. */
export function findForbiddenKeys(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findForbiddenKeys(v, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  const found: (string | number)[][] = [];
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) found.push([...path, key]);
    else found.push(...findForbiddenKeys((value as Record<string, unknown>)[key], [...path, key]));
  }
  return found;
}

export const money = z.number().finite();
export const isoDateTime = z.iso.datetime({ offset: true });
export const freeForm = z.record(z.string(), z.unknown());
export const entityId = textId;
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD');

export const addressSchema = z.looseObject({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  companyName: z.string().optional(),
  street1: z.string(),
  street2: z.string().optional(),
  city: z.string(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string(),
  phone: z.string().optional(),
});

/**
 * A user as an event may describe one beside its id (OrderCloud's `Order.FromUser`,
 * `OrderApproval.Approver`): only what an email needs to name them.
 */
export const personSchema = z.looseObject({
  id: entityId.optional(),
  username: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().max(254).optional(),
});

export const orderSchema = z.looseObject({
  id: entityId,
  dateSubmitted: isoDateTime,
  currency: currencyCode,
  subtotal: money,
  shippingCost: money.default(0),
  taxCost: money.default(0),
  promotionDiscount: money.default(0),
  total: money,
  comments: z.string().optional(),
  billingAddress: addressSchema.optional(),
  /** Who placed it (OrderCloud's `FromUser`): approval emails say who asked. */
  fromUser: personSchema.optional(),
  xp: freeForm.optional(),
});

export const lineItemSchema = z.looseObject({
  id: entityId,
  productId: entityId,
  productName: z.string(),
  productDescription: z.string().optional(),
  quantity: z.number().int().nonnegative(),
  unitPrice: money,
  lineTotal: money,
  shippingAddress: addressSchema.optional(),
});

export type Address = z.infer<typeof addressSchema>;
export type Person = z.infer<typeof personSchema>;
export type Order = z.infer<typeof orderSchema>;
export type LineItem = z.infer<typeof lineItemSchema>;
