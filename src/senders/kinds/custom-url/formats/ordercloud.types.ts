/*
 * OrderCloud's Message Sender payload as Herald sends it (`format: "ordercloud"`). Field names
 * are those of the OrderCloud JavaScript SDK (`MessageSenderPayload` and the per-type
 * `MessageSender…EventBody` models); test/unit/senders/ordercloud-sdk-types.test.ts checks
 * every one against the SDK, so a rename here (or there) fails the type check.
 */

export interface OcAddress {
  FirstName?: string;
  LastName?: string;
  CompanyName?: string;
  Street1?: string;
  Street2?: string;
  City?: string;
  State?: string;
  Zip?: string;
  Country?: string;
  Phone?: string;
}

export interface OcUser {
  ID: string;
  Username: string;
  FirstName: string;
  LastName: string;
  Email: string;
  Active: boolean;
  xp: Record<string, unknown>;
}

export interface OcOrder {
  ID?: string;
  FromUserID?: string;
  DateSubmitted?: string;
  Currency?: string;
  Subtotal?: number;
  ShippingCost?: number;
  TaxCost?: number;
  PromotionDiscount?: number;
  Total?: number;
  Comments?: string;
  LineItemCount?: number;
  BillingAddress?: OcAddress;
  xp?: unknown;
}

export interface OcLineItemProduct {
  ID?: string;
  Name?: string;
  Description?: string;
}

export interface OcLineItem {
  ID?: string;
  ProductID?: string;
  Quantity?: number;
  UnitPrice?: number;
  LineTotal?: number;
  Product?: OcLineItemProduct;
  ShippingAddress?: OcAddress;
  xp?: unknown;
}

export interface OcProduct {
  ID?: string;
  Name?: string;
  Description?: string;
}

/** OrderCloud's spellings of statuses and intervals; Herald's values are matched to them ignoring case and `_`. */
export const OC_APPROVAL_STATUSES = ['Pending', 'Approved', 'Declined'] as const;
export const OC_ORDER_STATUSES = ['Unsubmitted', 'AwaitingApproval', 'Declined', 'Open', 'Completed', 'Canceled'] as const;
export const OC_SUBSCRIPTION_INTERVALS = ['Days', 'Weeks', 'Months'] as const;

export interface OcApproval {
  ApprovingGroupID?: string;
  Approver?: { ID?: string };
  Status?: (typeof OC_APPROVAL_STATUSES)[number];
  Comments?: string;
  DateCreated?: string;
  DateCompleted?: string;
}

export interface OcShipment {
  ID?: string;
  Shipper?: string;
  TrackingNumber?: string;
  DateShipped?: string;
  ToAddress?: OcAddress;
  xp?: unknown;
}

export interface OcShipmentItem {
  OrderID?: string;
  LineItemID?: string;
  QuantityShipped?: number;
  Product?: OcLineItemProduct;
}

export interface OcOrderReturnItem {
  LineItemID?: string;
  Quantity?: number;
  RefundAmount?: number;
  Comments?: string;
}

export interface OcOrderReturn {
  ID?: string;
  OrderID?: string;
  Status?: (typeof OC_ORDER_STATUSES)[number];
  RefundAmount?: number;
  Comments?: string;
  DateSubmitted?: string;
  ItemsToReturn?: OcOrderReturnItem[];
}

export interface OcSubscription {
  ID?: string;
  Frequency?: number;
  Interval?: (typeof OC_SUBSCRIPTION_INTERVALS)[number];
  NextOrderDate?: string;
  xp?: unknown;
}

export interface OcProductCollection {
  ID?: string;
  Name?: string;
}

/**
 * Every `EventBody` field Herald can fill; each message type's body holds the ones its SDK
 * model has (`EVENT_BODY_FIELDS`). OrderCloud sends `Products` as a list (one per line
 * item's product), while the SDK types it as a single `Product`.
 */
export interface OcEventBody {
  Order?: OcOrder;
  Approvals?: OcApproval[];
  LineItems?: OcLineItem[];
  Products?: OcProduct[];
  Shipment?: OcShipment;
  ShipmentItems?: OcShipmentItem[];
  OrderReturn?: OcOrderReturn;
  Subscription?: OcSubscription;
  UnavailableProductIDs?: string[];
  ProductCollection?: OcProductCollection;
  UserID?: string;
  Username?: string;
  PasswordRenewalUrl?: string;
  PasswordRenewalVerificationCode?: string;
  OneTimePassword?: string;
}

export type OcEventBodyField = keyof OcEventBody;

/** The whole payload (the SDK's `MessageSenderPayload`). */
export interface OrderCloudPayload {
  MessageType: string;
  /** The recipient's organization (a buyer, in OrderCloud's terms). */
  BuyerID: string;
  Recipient: OcUser;
  /** The sender's `cc`, comma-separated. */
  CCList: string;
  EventBody: OcEventBody;
  /** The sender's `configData`. */
  ConfigData: Record<string, unknown>;
}

const ORDER = ['Order', 'Approvals', 'LineItems', 'Products'] as const;
const PASSWORD = ['Username', 'PasswordRenewalUrl', 'PasswordRenewalVerificationCode'] as const;
const COLLECTION = ['ProductCollection', 'UserID'] as const;

/**
 * The EventBody fields of each OrderCloud message type, as its SDK model has them (fields
 * Herald has no data for, like `PasswordRenewalAccessToken`, are left out). A message type
 * not listed here (a type registered by a test) gets every field its data fills.
 */
export const EVENT_BODY_FIELDS = {
  OrderSubmitted: ORDER,
  OrderSubmittedForApproval: ORDER,
  OrderApproved: ORDER,
  OrderDeclined: ORDER,
  OrderSubmittedForYourApproval: ORDER,
  OrderSubmittedForYourApprovalHasBeenApproved: ORDER,
  OrderSubmittedForYourApprovalHasBeenDeclined: ORDER,
  ShipmentCreated: [...ORDER, 'Shipment', 'ShipmentItems'],
  OrderReturnSubmitted: [...ORDER, 'OrderReturn'],
  OrderReturnSubmittedForApproval: [...ORDER, 'OrderReturn'],
  OrderReturnSubmittedForYourApproval: [...ORDER, 'OrderReturn'],
  OrderReturnApproved: [...ORDER, 'OrderReturn'],
  OrderReturnDeclined: [...ORDER, 'OrderReturn'],
  OrderReturnSubmittedForYourApprovalHasBeenApproved: [...ORDER, 'OrderReturn'],
  OrderReturnSubmittedForYourApprovalHasBeenDeclined: [...ORDER, 'OrderReturn'],
  OrderReturnCompleted: [...ORDER, 'OrderReturn'],
  ForgottenPassword: PASSWORD,
  NewUserInvitation: PASSWORD,
  ForgottenUsername: ['Username'],
  OneTimePassword: ['Username', 'OneTimePassword'],
  SubscriptionReminder: ['LineItems', 'Products', 'Subscription', 'UnavailableProductIDs'],
  ProductCollectionInvitationAccepted: COLLECTION,
  ProductCollectionInvitationDeclined: COLLECTION,
} as const satisfies Record<string, readonly OcEventBodyField[]>;

export type OcMessageType = keyof typeof EVENT_BODY_FIELDS;
