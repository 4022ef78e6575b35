// The memory adapter's seed: a catalogue of integrations as Codat and Unified.to list them, and
// connections in every status and health, dated relative to "now".
import type { Connection, ConnectionHealth, ConnectionIssue, ConnectionStatus, Integration } from '../model/index.js';

/** Which catalogue the memory adapter serves: both vendors mixed, Codat-like only, or Unified-like only. */
export type MemoryCatalogueName = 'mixed' | 'codat' | 'unified';

/** Every catalogue name, for pickers and validation. */
export const MEMORY_CATALOGUES: readonly MemoryCatalogueName[] = ['mixed', 'codat', 'unified'];

/**
 * One product as both vendors list it: name, a brand colour dark enough for white letters (contrast
 * at least 4.5:1), the Codat-like entry as `platformKey:SourceType`, the Unified-like entry as
 * `type:category,category`, and flags (`beta`, `disabled`, `unified` = the mixed catalogue takes the
 * Unified entry although a Codat one exists).
 */
type Row = readonly [name: string, color: string, codat: string, unified: string, flags?: string];

const ROWS: readonly Row[] = [
  // Accounting
  ['QuickBooks Online', '#258717', 'qhyg:Accounting', 'quickbooks:accounting'],
  ['Xero', '#0d7ea3', 'gbol:Accounting', 'xero:accounting'],
  ['Sage Accounting', '#008824', 'tgff:Accounting', 'sage:accounting'],
  ['Oracle NetSuite', '#1a2a3a', 'akxx:Accounting', 'netsuite:accounting'],
  ['FreshBooks', '#0073da', 'vfaw:Accounting', 'freshbooks:accounting'],
  ['Zoho Books', '#e12426', 'rwuv:Accounting', 'zohobooks:accounting'],
  ['MYOB Business', '#6100a5', 'pdvj:Accounting', 'myob:accounting'],
  ['Sage Intacct', '#008647', 'knfz:Accounting', ''],
  ['Dynamics 365 Business Central', '#002050', 'trji:Accounting', ''],
  ['QuickBooks Desktop', '#258717', 'pqsw:Accounting', '', 'beta'],
  ['Exact Online', '#e3001b', 'qudb:Accounting', '', 'beta'],
  ['FreeAgent', '#1d7da1', 'fbrh:Accounting', '', 'disabled'],
  ['KashFlow', '#ca4b1c', 'hbql:Accounting', '', 'disabled'],
  ['Wave', '#1b6df5', '', 'wave:accounting', 'disabled'],
  // Banking
  ['Plaid', '#111111', 'ugxp:Banking', ''],
  ['TrueLayer', '#0a2540', 'hcws:Banking', ''],
  ['Basiq', '#3a2de6', 'dfxm:Banking', ''],
  ['Tink', '#0a4b3c', 'mtkn:Banking', ''],
  ['Yapily', '#6b3ff6', 'wjbr:Banking', '', 'beta'],
  ['Salt Edge', '#2a73d5', 'slte:Banking', '', 'disabled'],
  // Commerce and payments
  ['Shopify', '#547f37', 'pcaj:Commerce', 'shopify:commerce'],
  ['Stripe', '#635bff', 'meiw:Commerce', 'stripe:payment,commerce', 'unified'],
  ['Square', '#006aff', 'zaxb:Commerce', 'square:payment,commerce', 'unified'],
  ['PayPal', '#003087', 'jmfv:Commerce', 'paypal:payment', 'unified'],
  ['Amazon Seller Central', '#a86400', 'hzvy:Commerce', ''],
  ['WooCommerce', '#7f54b3', 'bkxe:Commerce', 'woocommerce:commerce'],
  ['eBay', '#db3035', 'ebyx:Commerce', '', 'beta'],
  ['BigCommerce', '#121118', '', 'bigcommerce:commerce'],
  // Expenses
  ['Expensify', '#0073dd', 'xpfy:Expense', ''],
  ['Pleo', '#c84b32', 'pleo:Expense', '', 'beta'],
  // CRM
  ['HubSpot', '#b75740', '', 'hubspot:crm,martech,ticketing'],
  ['Salesforce', '#007dae', '', 'salesforce:crm'],
  ['Pipedrive', '#017737', '', 'pipedrive:crm'],
  ['Zoho CRM', '#e12426', '', 'zohocrm:crm'],
  ['Close', '#2c3e50', '', 'close:crm'],
  ['Dynamics 365 Sales', '#002050', '', 'dynamicscrm:crm', 'beta'],
  // HR and payroll
  ['BambooHR', '#4b8113', '', 'bamboohr:hris'],
  ['Gusto', '#c84c3b', '', 'gusto:hris'],
  ['Workday', '#0773de', '', 'workday:hris'],
  ['Rippling', '#986c12', '', 'rippling:hris'],
  ['Personio', '#1a1a1a', '', 'personio:hris', 'beta'],
  ['ADP Workforce Now', '#d0271d', '', 'adpworkforcenow:hris', 'disabled'],
  // Recruiting
  ['Greenhouse', '#1d8466', '', 'greenhouse:ats', 'beta'],
  ['Lever', '#3d3d3d', '', 'lever:ats'],
  ['Workable', '#168274', '', 'workable:ats'],
  ['Ashby', '#5b53ff', '', 'ashby:ats', 'beta'],
  // Ticketing
  ['Zendesk', '#03363d', '', 'zendesk:ticketing'],
  ['Jira', '#0052cc', '', 'jira:ticketing,task'],
  ['Freshdesk', '#19854c', '', 'freshdesk:ticketing'],
  ['Intercom', '#1a77c9', '', 'intercom:ticketing,messaging'],
  // File storage
  ['Google Drive', '#198450', '', 'googledrive:storage'],
  ['Dropbox', '#0061ff', '', 'dropbox:storage'],
  ['Box', '#0061d5', '', 'box:storage'],
  ['OneDrive', '#0076d1', '', 'onedrive:storage'],
  // Marketing
  ['Mailchimp', '#84740e', '', 'mailchimp:martech'],
  ['Klaviyo', '#232426', '', 'klaviyo:martech'],
  ['ActiveCampaign', '#356ae6', '', 'activecampaign:martech', 'disabled'],
  // Messaging, tasks, calendars, signatures
  ['Slack', '#4a154b', '', 'slack:messaging'],
  ['Asana', '#bd5353', '', 'asana:task'],
  ['Google Calendar', '#3872d1', '', 'googlecalendar:calendar'],
  ['DocuSign', '#8c7012', '', 'docusign:signing'],
];

type Vendor = 'codat' | 'unified';

/** The vendor a row is taken from in `catalogue`, or undefined when that catalogue lacks it. */
function vendorOf(row: Row, catalogue: MemoryCatalogueName): Vendor | undefined {
  const [, , codat, unified, flags = ''] = row;
  if (catalogue === 'codat') return codat ? 'codat' : undefined;
  if (catalogue === 'unified') return unified ? 'unified' : undefined;
  return unified && (!codat || flags.includes('unified')) ? 'unified' : 'codat';
}

function toIntegration(row: Row, vendor: Vendor): Integration {
  const [name, color, codat, unified, flags = ''] = row;
  const [key = '', rest = ''] = (vendor === 'codat' ? codat : unified).split(':');
  const categories = vendor === 'codat' ? [rest.toLowerCase()] : rest.split(',');
  return { key, name, categories, enabled: !flags.includes('disabled'), beta: flags.includes('beta'), color };
}

/** The integrations of one catalogue, fresh objects on every call. */
export function catalogueIntegrations(catalogue: MemoryCatalogueName = 'mixed'): Integration[] {
  const out: Integration[] = [];
  for (const row of ROWS) {
    const vendor = vendorOf(row, catalogue);
    if (vendor) out.push(toIntegration(row, vendor));
  }
  return out;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An issue as `[message, code, occurred ago, resolved ago?]`. */
type SeedIssue = readonly [message: string, code: string, occurredAgo: number, resolvedAgo?: number];

interface SeedConnection {
  readonly id: string;
  readonly row: string;
  readonly status: ConnectionStatus;
  readonly health: ConnectionHealth;
  readonly paused?: boolean;
  readonly createdAgo: number;
  readonly updatedAgo: number;
  readonly lastSyncAgo?: number;
  readonly issues?: readonly SeedIssue[];
}

/** Every status and health, one paused; each catalogue keeps the ones whose product it lists. */
const SEED_CONNECTIONS: readonly SeedConnection[] = [
  {
    id: 'conn_xero',
    row: 'Xero',
    status: 'linked',
    health: 'healthy',
    createdAgo: 400 * DAY,
    updatedAgo: 2 * HOUR,
    lastSyncAgo: 2 * HOUR,
    issues: [['Xero was unavailable during the nightly sync.', '503', 9 * DAY, 9 * DAY - HOUR]],
  },
  {
    id: 'conn_quickbooks',
    row: 'QuickBooks Online',
    status: 'linked',
    health: 'unhealthy',
    createdAgo: 210 * DAY,
    updatedAgo: 3 * HOUR,
    lastSyncAgo: 26 * HOUR,
    issues: [['QuickBooks Online refused the saved authorization. Reconnect to resume syncing.', '401', 3 * HOUR]],
  },
  {
    id: 'conn_netsuite',
    row: 'Oracle NetSuite',
    status: 'deauthorized',
    health: 'unhealthy',
    createdAgo: 300 * DAY,
    updatedAgo: 12 * DAY,
    lastSyncAgo: 12 * DAY,
    issues: [['Access was revoked in NetSuite by an administrator.', 'token_revoked', 12 * DAY]],
  },
  {
    id: 'conn_shopify',
    row: 'Shopify',
    status: 'pending',
    health: 'unknown',
    createdAgo: 12 * MINUTE,
    updatedAgo: 12 * MINUTE,
  },
  {
    id: 'conn_stripe',
    row: 'Stripe',
    status: 'linked',
    health: 'unknown',
    createdAgo: 4 * MINUTE,
    updatedAgo: 4 * MINUTE,
  },
  {
    id: 'conn_square',
    row: 'Square',
    status: 'unlinked',
    health: 'unknown',
    createdAgo: 180 * DAY,
    updatedAgo: 45 * DAY,
    lastSyncAgo: 45 * DAY,
  },
  {
    id: 'conn_zohobooks',
    row: 'Zoho Books',
    status: 'linked',
    health: 'healthy',
    paused: true,
    createdAgo: 90 * DAY,
    updatedAgo: 6 * DAY,
    lastSyncAgo: 6 * DAY,
  },
  {
    id: 'conn_plaid',
    row: 'Plaid',
    status: 'linked',
    health: 'healthy',
    createdAgo: 60 * DAY,
    updatedAgo: 15 * MINUTE,
    lastSyncAgo: 15 * MINUTE,
  },
  {
    id: 'conn_hubspot',
    row: 'HubSpot',
    status: 'linked',
    health: 'healthy',
    createdAgo: 150 * DAY,
    updatedAgo: 40 * MINUTE,
    lastSyncAgo: 40 * MINUTE,
  },
  {
    id: 'conn_salesforce',
    row: 'Salesforce',
    status: 'deauthorized',
    health: 'unhealthy',
    createdAgo: 500 * DAY,
    updatedAgo: 3 * DAY,
    lastSyncAgo: 3 * DAY,
    issues: [['The Salesforce user who authorized this connection was deactivated.', 'INVALID_SESSION_ID', 3 * DAY]],
  },
  {
    id: 'conn_bamboohr',
    row: 'BambooHR',
    status: 'unlinked',
    health: 'unknown',
    createdAgo: 365 * DAY,
    updatedAgo: 30 * DAY,
    lastSyncAgo: 30 * DAY,
  },
  {
    id: 'conn_greenhouse',
    row: 'Greenhouse',
    status: 'linked',
    health: 'healthy',
    createdAgo: 20 * DAY,
    updatedAgo: 5 * HOUR,
    lastSyncAgo: 5 * HOUR,
  },
  {
    id: 'conn_zendesk',
    row: 'Zendesk',
    status: 'linked',
    health: 'unhealthy',
    createdAgo: 75 * DAY,
    updatedAgo: 25 * MINUTE,
    lastSyncAgo: 7 * HOUR,
    issues: [
      ['Zendesk rate limit reached; syncing resumes automatically.', '429', 25 * MINUTE],
      ['Zendesk answered with a server error.', '500', 20 * DAY, 20 * DAY - 2 * HOUR],
    ],
  },
  {
    id: 'conn_googledrive',
    row: 'Google Drive',
    status: 'pending',
    health: 'unknown',
    createdAgo: 2 * DAY,
    updatedAgo: 2 * DAY,
  },
];

/** The seeded connections of one catalogue, dated relative to `now` (ms since epoch). */
export function catalogueConnections(catalogue: MemoryCatalogueName, now: number): Connection[] {
  const at = (ago: number): string => new Date(now - ago).toISOString();
  const out: Connection[] = [];
  for (const seed of SEED_CONNECTIONS) {
    const row = ROWS.find((r) => r[0] === seed.row);
    const vendor = row && vendorOf(row, catalogue);
    if (!row || !vendor) continue;
    const integration = toIntegration(row, vendor);
    const issues: ConnectionIssue[] = (seed.issues ?? []).map(([message, code, occurredAgo, resolvedAgo]) => ({
      message,
      code,
      occurredAt: at(occurredAgo),
      ...(resolvedAgo === undefined ? {} : { resolvedAt: at(resolvedAgo) }),
      active: resolvedAgo === undefined,
    }));
    out.push({
      id: seed.id,
      integrationKey: integration.key,
      integrationName: integration.name,
      status: seed.status,
      health: seed.health,
      paused: seed.paused ?? false,
      categories: [...integration.categories],
      createdAt: at(seed.createdAgo),
      updatedAt: at(seed.updatedAgo),
      ...(seed.lastSyncAgo === undefined ? {} : { lastSyncAt: at(seed.lastSyncAgo) }),
      issues,
      ...(vendor === 'unified' ? { environment: 'Production', externalRef: 'demo-user-1' } : {}),
    });
  }
  return out;
}
