import * as z from 'zod/mini';
import {
  parseOrThrow,
  type Connection,
  type ConnectionHealth,
  type ConnectionIssue,
  type ConnectionStatus,
  type Integration,
  type LinkErrorDetail,
} from '../model/index.js';
import {
  IsoDateTimeSchema,
  NonEmptyString,
  WireBoolean,
  WireCount,
  WireNumber,
  WireString,
  expected,
  boundedArray,
  compact,
  mapOrThrow,
  readOrNull,
  text,
  type VendorErrorInfo,
  type WirePage,
} from './shared.js';

// Codat's optional fields may come as `null` (its own SDK reads null as absent); required ones may not.

/** Codat's four connection statuses; anything else is a parse failure. */
export const CodatConnectionStatusSchema = z.enum(
  ['PendingAuth', 'Linked', 'Unlinked', 'Deauthorized'],
  expected('one of PendingAuth, Linked, Unlinked, Deauthorized'),
);
export type CodatConnectionStatus = z.infer<typeof CodatConnectionStatusSchema>;

/** Codat's source types known today. The set is open: any other string is kept, lower-cased, as a category. */
export const CODAT_SOURCE_TYPES = [
  'Accounting',
  'Banking',
  'BankFeed',
  'Commerce',
  'Expense',
  'Other',
  'Unknown',
] as const;

/** A free-form object (`connectionInfo`), checked for its kind only and never copied. */
const FreeFormObjectSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  expected('an object'),
);

/** One error Codat saw on a data connection: `Active` or `Resolved`, or null when not transient. */
export const CodatDataConnectionErrorSchema = z.object(
  {
    statusCode: z.nullish(WireString),
    statusText: z.nullish(WireString),
    errorMessage: z.nullish(WireString),
    erroredOnUtc: z.nullish(IsoDateTimeSchema),
    status: z.nullish(WireString),
    resolvedOnUtc: z.nullish(IsoDateTimeSchema),
  },
  expected('an object'),
);
export type CodatDataConnectionError = z.infer<typeof CodatDataConnectionErrorSchema>;

/** A Codat data connection (`GET /companies/{companyId}/connections/{connectionId}`). */
export const CodatConnectionSchema = z.object(
  {
    id: NonEmptyString,
    integrationId: WireString,
    integrationKey: z.nullish(WireString),
    sourceId: WireString,
    platformName: WireString,
    linkUrl: WireString,
    status: CodatConnectionStatusSchema,
    lastSync: z.nullish(IsoDateTimeSchema),
    created: IsoDateTimeSchema,
    sourceType: WireString,
    dataConnectionErrors: z.nullish(boundedArray(CodatDataConnectionErrorSchema)),
    connectionInfo: z.nullish(FreeFormObjectSchema),
  },
  expected('an object'),
);
export type CodatConnection = z.infer<typeof CodatConnectionSchema>;

/** A HAL link of a Codat page. */
export const CodatHrefSchema = z.object({ href: WireString }, expected('an object'));

/** The `_links` of a Codat page: `self` and `current` always, `next` and `previous` when there are such pages. */
export const CodatPageLinksSchema = z.object(
  {
    self: CodatHrefSchema,
    current: CodatHrefSchema,
    next: z.nullish(CodatHrefSchema),
    previous: z.nullish(CodatHrefSchema),
  },
  expected('an object'),
);

/** Codat's page envelope around a list of `item`s. */
export function codatPageSchema<S extends z.ZodMiniType>(item: S) {
  return z.object(
    {
      results: z.nullish(boundedArray(item)),
      pageNumber: WireCount,
      pageSize: WireCount,
      totalResults: WireCount,
      _links: CodatPageLinksSchema,
    },
    expected('an object'),
  );
}

/** A page of a company's connections (`GET /companies/{companyId}/connections`). */
export const CodatConnectionsPageSchema = codatPageSchema(CodatConnectionSchema);
export type CodatConnectionsPage = z.infer<typeof CodatConnectionsPageSchema>;

/** An integration Codat supports (`GET /integrations`). */
export const CodatIntegrationSchema = z.object(
  {
    key: NonEmptyString,
    logoUrl: WireString,
    name: WireString,
    enabled: WireBoolean,
    sourceId: z.nullish(WireString),
    sourceType: z.nullish(WireString),
    integrationId: z.nullish(WireString),
    isOfflineConnector: z.nullish(WireBoolean),
    isBeta: z.nullish(WireBoolean),
    dataProvidedBy: z.nullish(WireString),
  },
  expected('an object'),
);
export type CodatIntegration = z.infer<typeof CodatIntegrationSchema>;

/** A page of integrations (`GET /integrations`). */
export const CodatIntegrationsPageSchema = codatPageSchema(CodatIntegrationSchema);
export type CodatIntegrationsPage = z.infer<typeof CodatIntegrationsPageSchema>;

/** One validation message of a Codat error body. */
export const CodatValidationItemSchema = z.object(
  {
    itemId: z.nullish(WireString),
    message: z.nullish(WireString),
    validatorName: z.nullish(WireString),
  },
  expected('an object'),
);

/** The error body Codat answers with on 4xx and 5xx; every field is optional. */
export const CodatErrorSchema = z.object(
  {
    statusCode: z.nullish(WireNumber),
    service: z.nullish(WireString),
    error: z.nullish(WireString),
    correlationId: z.nullish(WireString),
    validation: z.nullish(
      z.object({
        errors: z.nullish(boundedArray(CodatValidationItemSchema)),
        warnings: z.nullish(boundedArray(CodatValidationItemSchema)),
      }),
    ),
    canBeRetried: z.nullish(WireString),
    detailedErrorCode: z.nullish(WireNumber),
  },
  expected('an object'),
);
export type CodatError = z.infer<typeof CodatErrorSchema>;

const STATUSES: Record<CodatConnectionStatus, ConnectionStatus> = {
  PendingAuth: 'pending',
  Linked: 'linked',
  Unlinked: 'unlinked',
  Deauthorized: 'deauthorized',
};

const GENERIC_ISSUE = 'The data connection reported an error.';

/** How many vendor validation messages an error carries at most. */
const MAX_DETAILS = 20;

function toIssue(error: CodatDataConnectionError): ConnectionIssue {
  const resolvedAt = error.resolvedOnUtc ?? undefined;
  const active = error.status === 'Active' || (error.status == null && resolvedAt === undefined);
  return compact({
    message: text(error.errorMessage) ?? text(error.statusText) ?? GENERIC_ISSUE,
    code: text(error.statusCode),
    occurredAt: error.erroredOnUtc ?? undefined,
    resolvedAt,
    active,
  });
}

function toConnection(wire: CodatConnection): Connection {
  const status = STATUSES[wire.status];
  const issues = (wire.dataConnectionErrors ?? []).map(toIssue);
  const health: ConnectionHealth = issues.some((issue) => issue.active)
    ? 'unhealthy'
    : status === 'linked'
      ? 'healthy'
      : 'unknown';
  return compact({
    id: wire.id,
    integrationKey: text(wire.integrationKey) ?? wire.integrationId,
    integrationName: wire.platformName,
    status,
    health,
    paused: false,
    categories: [wire.sourceType.toLowerCase()],
    linkUrl: wire.linkUrl,
    createdAt: wire.created,
    lastSyncAt: wire.lastSync ?? undefined,
    issues,
  });
}

function toIntegration(wire: CodatIntegration): Integration {
  return compact({
    key: wire.key,
    name: wire.name,
    logoUrl: text(wire.logoUrl),
    categories: text(wire.sourceType) === undefined ? [] : [(wire.sourceType as string).toLowerCase()],
    enabled: wire.enabled,
    beta: wire.isBeta ?? false,
  });
}

function toPage(wire: Omit<CodatConnectionsPage, 'results'>): WirePage {
  return {
    pageNumber: wire.pageNumber,
    pageSize: wire.pageSize,
    totalResults: wire.totalResults,
    hasNext: wire._links.next != null,
  };
}

/** Turns a Codat Connection payload into a model `Connection`; throws only an `invalid-response` `LinkError`. */
export function parseCodatConnection(input: unknown): Connection {
  const wire = parseOrThrow(CodatConnectionSchema, input, 'Codat connection');
  return mapOrThrow('Codat connection', () => toConnection(wire));
}

/** Turns a Codat page of connections into model `Connection`s and the page's position. */
export function parseCodatConnectionsPage(input: unknown): { items: Connection[]; page: WirePage } {
  const wire = parseOrThrow(CodatConnectionsPageSchema, input, 'Codat connections page');
  return mapOrThrow('Codat connections page', () => ({
    items: (wire.results ?? []).map(toConnection),
    page: toPage(wire),
  }));
}

/** Turns a Codat page of integrations into model `Integration`s and the page's position. */
export function parseCodatIntegrationsPage(input: unknown): { items: Integration[]; page: WirePage } {
  const wire = parseOrThrow(CodatIntegrationsPageSchema, input, 'Codat integrations page');
  return mapOrThrow('Codat integrations page', () => ({
    items: (wire.results ?? []).map(toIntegration),
    page: toPage(wire),
  }));
}

function retryable(canBeRetried: string | null | undefined): boolean | undefined {
  const answer = canBeRetried?.trim().toLowerCase();
  if (answer === 'true' || answer === 'yes') return true;
  if (answer === 'false' || answer === 'no') return false;
  return undefined;
}

function validationDetails(wire: CodatError): LinkErrorDetail[] {
  const items = [...(wire.validation?.errors ?? []), ...(wire.validation?.warnings ?? [])];
  return items.slice(0, MAX_DETAILS).map((item) => ({
    path: item.itemId ?? '',
    message: text(item.message) ?? text(item.validatorName) ?? 'The request is not valid.',
  }));
}

/** Reads a Codat error body: its message, status, correlation id, retry hint and validation messages. */
export function parseCodatError(input: unknown): VendorErrorInfo | null {
  return readOrNull(() => {
    const result = CodatErrorSchema.safeParse(input);
    if (!result.success) return null;
    const wire = result.data;
    if (!Object.values(wire).some((value) => value != null)) return null;
    const status = wire.statusCode;
    return compact({
      message: text(wire.error),
      status:
        typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined,
      correlationId: text(wire.correlationId),
      retryable: retryable(wire.canBeRetried),
      details: validationDetails(wire),
    });
  });
}
