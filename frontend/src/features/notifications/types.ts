/** The inbox's API types: named aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Notification = Schemas['Notification'];
export type PaginatedNotifications = Schemas['PaginatedNotificationList'];
export type UnreadCount = Schemas['UnreadCount'];
export type MarkReadBody = Schemas['MarkReadRequest'];
