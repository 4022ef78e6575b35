import * as z from 'zod/mini';

import { CONNECTION_HEALTHS, CONNECTION_STATUSES } from './constants.js';

export { CONNECTION_HEALTHS, CONNECTION_STATUSES, LINK_FLOW_STEPS } from './constants.js';
export type { ConnectionHealth, ConnectionStatus, LinkFlowStep, WindowMode } from './constants.js';

/** Where a connection stands with its provider. */
export const ConnectionStatusSchema = z.enum(CONNECTION_STATUSES);

/** Whether data is flowing: `unhealthy` when the latest sync failed after the latest success. */
export const ConnectionHealthSchema = z.enum(CONNECTION_HEALTHS);

/** A problem the vendor reported on a connection, active or resolved. */
export const ConnectionIssueSchema = z.object({
  message: z.string(),
  code: z.optional(z.string()),
  occurredAt: z.optional(z.string()),
  resolvedAt: z.optional(z.string()),
  active: z.boolean(),
});
export type ConnectionIssue = z.infer<typeof ConnectionIssueSchema>;

/** Something a user can connect: QuickBooks, Xero, a bank, a CRM. */
export const IntegrationSchema = z.object({
  /** Codat's platform key, Unified's integration type. */
  key: z.string().check(z.minLength(1)),
  name: z.string(),
  logoUrl: z.optional(z.string()),
  /** Open set: Codat's source type lower-cased, Unified's categories as given. */
  categories: z.array(z.string()),
  enabled: z.boolean(),
  beta: z.boolean(),
  color: z.optional(z.string()),
});
export type Integration = z.infer<typeof IntegrationSchema>;

/** One user's link to one integration. Holds no credential of any kind. */
export const ConnectionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  integrationKey: z.string(),
  integrationName: z.string(),
  status: ConnectionStatusSchema,
  health: ConnectionHealthSchema,
  paused: z.boolean(),
  categories: z.array(z.string()),
  linkUrl: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  lastSyncAt: z.optional(z.string()),
  issues: z.array(ConnectionIssueSchema),
  environment: z.optional(z.string()),
  externalRef: z.optional(z.string()),
});
export type Connection = z.infer<typeof ConnectionSchema>;
