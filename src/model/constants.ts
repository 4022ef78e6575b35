// The model's plain constants, free of zod: elements and the flow import them without pulling a
// schema library into the browser. The schemas beside them (schemas.ts) are built from these lists.

/** Where a connection stands with its provider. */
export const CONNECTION_STATUSES = ['pending', 'linked', 'unlinked', 'deauthorized'] as const;
/** One of `CONNECTION_STATUSES`. */
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** Whether data is flowing: `unhealthy` when the latest sync failed after the latest success. */
export const CONNECTION_HEALTHS = ['healthy', 'unhealthy', 'unknown'] as const;
/** One of `CONNECTION_HEALTHS`. */
export type ConnectionHealth = (typeof CONNECTION_HEALTHS)[number];

/** The steps of the link flow (DESIGN.md, "The flow"). */
export const LINK_FLOW_STEPS = [
  'idle',
  'loading',
  'choosing',
  'starting',
  'authorizing',
  'verifying',
  'linked',
  'failed',
  'cancelled',
] as const;
/** One of `LINK_FLOW_STEPS`. */
export type LinkFlowStep = (typeof LINK_FLOW_STEPS)[number];

/** How the provider's page is shown: the whole tab, or a popup window. */
export type WindowMode = 'redirect' | 'popup';
