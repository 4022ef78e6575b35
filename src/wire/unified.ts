import * as z from 'zod/mini';
import {
  parseOrThrow,
  type Connection,
  type ConnectionHealth,
  type ConnectionIssue,
  type Integration,
} from '../model/index.js';
import {
  IsoDateTimeSchema,
  NonEmptyString,
  WireBoolean,
  WireNumber,
  WireString,
  expected,
  StringListSchema,
  boundedArray,
  compareInstants,
  compact,
  mapOrThrow,
  readInstant,
  readOrNull,
  text,
  type VendorErrorInfo,
} from './shared.js';

// Unified's credentials (`auth`) and secret-store references (`auth_aws_arn`, `auth_azure_keyvault_id`,
// `auth_gcp_secret_name`, `auth_hashi_vault_path`, ...) are deliberately absent from every schema here:
// zod drops keys a schema does not name, so they never reach a parsed value, a model object or an error.

/**
 * A Unified connection (`GET /unified/connection/{id}`), without its credentials. `categories` and
 * `permissions` are open sets: values added after this was written are kept.
 */
export const UnifiedConnectionSchema = z.object(
  {
    id: z.optional(NonEmptyString),
    created_at: z.optional(IsoDateTimeSchema),
    updated_at: z.optional(IsoDateTimeSchema),
    workspace_id: z.optional(WireString),
    integration_type: NonEmptyString,
    integration_name: z.optional(WireString),
    external_xref: z.optional(WireString),
    permissions: StringListSchema,
    categories: StringListSchema,
    is_paused: z.optional(WireBoolean),
    environment: z.optional(WireString),
    last_healthy_at: z.optional(IsoDateTimeSchema),
    last_unhealthy_at: z.optional(IsoDateTimeSchema),
    last_unhealthy_code: z.optional(WireString),
  },
  expected('an object'),
);
export type UnifiedConnection = z.infer<typeof UnifiedConnectionSchema>;

/** A list of connections (`GET /unified/connection`): a bare array, no envelope. */
export const UnifiedConnectionListSchema = boundedArray(UnifiedConnectionSchema);

/** A connection the model can hold: the wire's optional `id` is required, since everything else refers to it. */
const IdentifiedConnectionSchema = z.extend(UnifiedConnectionSchema, { id: NonEmptyString });
type IdentifiedConnection = z.infer<typeof IdentifiedConnectionSchema>;
const IdentifiedConnectionListSchema = boundedArray(IdentifiedConnectionSchema);

/** An integration a workspace offers (`GET /unified/integration/workspace/{workspaceId}`). */
export const UnifiedIntegrationSchema = z.object(
  {
    type: NonEmptyString,
    name: WireString,
    categories: StringListSchema,
    logo_url: z.optional(WireString),
    web_url: z.optional(WireString),
    color: z.optional(WireString),
    text_color: z.optional(WireString),
    is_active: z.optional(WireBoolean),
    beta: z.optional(WireBoolean),
    featured: z.optional(WireBoolean),
    popularity: z.optional(WireNumber),
    token_names: z.optional(StringListSchema),
    token_instructions: z.optional(StringListSchema),
  },
  expected('an object'),
);
export type UnifiedIntegration = z.infer<typeof UnifiedIntegrationSchema>;

/** A workspace's integrations: a bare array. */
export const UnifiedIntegrationListSchema = boundedArray(UnifiedIntegrationSchema);

/** The error body Unified answers with: `{"statusCode": 429, "error": "Too Many Requests", "message": "..."}`. */
export const UnifiedErrorSchema = z.object(
  {
    statusCode: z.optional(WireNumber),
    error: z.optional(WireString),
    message: z.optional(WireString),
  },
  expected('an object'),
);
export type UnifiedError = z.infer<typeof UnifiedErrorSchema>;

/** The environment Unified assumes when a connection names none. */
const DEFAULT_ENVIRONMENT = 'Production';

/** Whether the latest unhealthy report is later than the latest healthy one. */
function isUnhealthyNow(wire: UnifiedConnection): boolean {
  if (wire.last_unhealthy_at === undefined) return false;
  if (wire.last_healthy_at === undefined) return true;
  const unhealthy = readInstant(wire.last_unhealthy_at);
  const healthy = readInstant(wire.last_healthy_at);
  return unhealthy !== null && healthy !== null && compareInstants(unhealthy, healthy) > 0;
}

function issueOf(wire: UnifiedConnection, unhealthy: boolean): ConnectionIssue[] {
  const code = text(wire.last_unhealthy_code);
  if (code === undefined && !unhealthy) return [];
  return [
    compact({
      message:
        code === undefined
          ? 'The provider reported a problem with this connection.'
          : `The provider reported a problem with this connection (code ${code}).`,
      code,
      occurredAt: wire.last_unhealthy_at,
      resolvedAt: unhealthy ? undefined : wire.last_healthy_at,
      active: unhealthy,
    }),
  ];
}

function toConnection(wire: IdentifiedConnection): Connection {
  const unhealthy = isUnhealthyNow(wire);
  const health: ConnectionHealth = unhealthy ? 'unhealthy' : wire.last_healthy_at !== undefined ? 'healthy' : 'unknown';
  return compact({
    id: wire.id,
    integrationKey: wire.integration_type,
    integrationName: text(wire.integration_name) ?? wire.integration_type,
    status: 'linked' as const,
    health,
    paused: wire.is_paused ?? false,
    categories: [...wire.categories],
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    lastSyncAt: wire.last_healthy_at,
    issues: issueOf(wire, unhealthy),
    environment: text(wire.environment) ?? DEFAULT_ENVIRONMENT,
    externalRef: wire.external_xref,
  });
}

function toIntegration(wire: UnifiedIntegration): Integration {
  return compact({
    key: wire.type,
    name: wire.name,
    logoUrl: text(wire.logo_url),
    categories: [...wire.categories],
    enabled: wire.is_active ?? true,
    beta: wire.beta ?? false,
    color: text(wire.color),
  });
}

/** Turns a Unified Connection payload into a model `Connection`; throws only an `invalid-response` `LinkError`. */
export function parseUnifiedConnection(input: unknown): Connection {
  const wire = parseOrThrow(IdentifiedConnectionSchema, input, 'Unified connection');
  return mapOrThrow('Unified connection', () => toConnection(wire));
}

/** Turns a Unified list of connections into model `Connection`s. */
export function parseUnifiedConnectionList(input: unknown): Connection[] {
  const wire = parseOrThrow(IdentifiedConnectionListSchema, input, 'Unified connection list');
  return mapOrThrow('Unified connection list', () => wire.map(toConnection));
}

/** Turns a Unified list of integrations into model `Integration`s. */
export function parseUnifiedIntegrationList(input: unknown): Integration[] {
  const wire = parseOrThrow(UnifiedIntegrationListSchema, input, 'Unified integration list');
  return mapOrThrow('Unified integration list', () => wire.map(toIntegration));
}

/** Reads a Unified error body: its message (or error name) and status. */
export function parseUnifiedError(input: unknown): VendorErrorInfo | null {
  return readOrNull(() => {
    const result = UnifiedErrorSchema.safeParse(input);
    if (!result.success) return null;
    const wire = result.data;
    const message = text(wire.message) ?? text(wire.error);
    const status = wire.statusCode;
    const known = status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599;
    if (message === undefined && !known) return null;
    return compact({ message, status: known ? status : undefined, details: [] });
  });
}
