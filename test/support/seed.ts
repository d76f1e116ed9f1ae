import type request from 'supertest';

/** Puts an organization and a user through the API (both active unless told otherwise). */
export async function seedRecipient(
  api: request.Agent,
  opts: { userId?: string; orgId?: string; userActive?: boolean; orgActive?: boolean; email?: string } = {},
): Promise<{ userId: string; orgId: string; email: string }> {
  const userId = opts.userId ?? 'buyer-1';
  const orgId = opts.orgId ?? 'acme';
  const email = opts.email ?? `${userId}@acme.example`;
  await api.put(`/v1/organizations/${orgId}`).send({ name: 'Acme Hardware', active: opts.orgActive ?? true }).expect((r) => expect([200, 201]).toContain(r.status));
  await api
    .put(`/v1/users/${userId}`)
    .send({ organizationId: orgId, email, firstName: 'Ada', lastName: 'Lovelace', username: 'ada', active: opts.userActive ?? true })
    .expect((r) => expect([200, 201]).toContain(r.status));
  return { userId, orgId, email };
}

const address = { firstName: 'Ada', lastName: 'Lovelace', street1: '1 Analytical Way', city: 'London', zip: 'N1 9GU', country: 'GB' };

export function orderSubmitted(userId: string, over: { id?: string; orderId?: string } = {}) {
  return {
    ...(over.id ? { id: over.id } : {}),
    type: 'order.submitted',
    occurredAt: '2026-11-20T10:00:00Z',
    data: {
      userId,
      order: {
        id: over.orderId ?? 'PO-1001', dateSubmitted: '2026-11-20T10:00:00Z', currency: 'USD',
        subtotal: 100, shippingCost: 5, taxCost: 8.25, promotionDiscount: 0, total: 113.25,
        comments: 'leave at door', billingAddress: address, xp: { channel: 'web', gift: { wrap: true } },
      },
      lineItems: [
        { id: 'li1', productId: 'p1', productName: 'Widget', productDescription: 'Blue', quantity: 2, unitPrice: 40, lineTotal: 80, shippingAddress: address },
        { id: 'li2', productId: 'p2', productName: 'Gadget Deluxe', quantity: 1, unitPrice: 20, lineTotal: 20, shippingAddress: address },
      ],
      channelNote: 'kept as posted',
    },
  };
}

export function orderShipped(userId: string, over: { id?: string } = {}) {
  const submitted = orderSubmitted(userId);
  return {
    ...(over.id ? { id: over.id } : {}),
    type: 'order.shipped',
    data: {
      userId,
      order: submitted.data.order,
      shipment: { id: 'SH-1', shipper: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://track.example/1Z999', dateShipped: '2026-11-21T09:00:00Z', toAddress: address },
      items: [{ lineItemId: 'li1', productId: 'p1', productName: 'Widget', quantityShipped: 2, lineTotal: 80 }],
    },
  };
}

export function passwordReset(userId: string, over: { id?: string } = {}) {
  return {
    ...(over.id ? { id: over.id } : {}),
    type: 'user.password_reset',
    data: { userId, passwordResetUrl: 'https://shop.example/reset?t=SECRET-TOKEN-123', verificationCode: '482913', expiresAt: '2026-11-20T11:00:00Z' },
  };
}
