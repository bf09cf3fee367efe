/** Billing's API types: named aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type BillingSummary = Schemas['BillingSummary'];
export type BillingInvoice = Schemas['Invoice'];
export type PaginatedInvoices = Schemas['PaginatedInvoiceList'];
export type InvoicingDetails = Schemas['InvoicingDetails'];
export type InvoicingDetailsBody = Schemas['PatchedInvoicingDetailsRequest'];
export type CheckoutBody = Schemas['CheckoutInputRequest'];
export type SessionUrl = Schemas['SessionUrl'];
export type SubscriptionStatus = Schemas['SubscriptionStatusEnum'];
export type CollectionMethod = Schemas['CollectionMethodEnum'];
export type PlatformAccount = Schemas['PlatformAccount'];
export type PaginatedPlatformAccounts = Schemas['PaginatedPlatformAccountList'];
export type PlatformTotals = Schemas['PlatformTotals'];
export type CollectionBody = Schemas['CollectionInputRequest'];
export type OutOfBandBody = Schemas['OutOfBandInputRequest'];
export type ExtensionBody = Schemas['ExtensionInputRequest'];
