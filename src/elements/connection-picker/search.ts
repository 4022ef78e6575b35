import type { Connection, ConnectionStatus, Integration } from '../../model/schemas.js';

const MARKS = /[\u0300-\u036f]/g;

/** Lower-cases `text` and strips accents, so "Société" and "societe" compare equal. */
export function normalize(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** An integration with the text a search looks through, normalised once. */
export interface Searchable {
  readonly integration: Integration;
  readonly key: string;
}

/** Prepares a list for searching: name, key and categories of each integration, normalised once. */
export function toSearchable(integrations: readonly Integration[]): Searchable[] {
  return integrations.map((integration) => ({
    integration,
    key: normalize([integration.name, integration.key, ...integration.categories].join('\n')),
  }));
}

/** The integrations whose text holds every word of `query`, and that are in `category` when one is given. */
export function filterSearchable(items: readonly Searchable[], query: string, category: string): Searchable[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (!words.length && !category) return items as Searchable[];
  return items.filter(
    (item) =>
      (!category || item.integration.categories.includes(category)) && words.every((word) => item.key.includes(word)),
  );
}

/** Every category of `integrations`, once each, sorted for display. */
export function categoriesOf(integrations: readonly Integration[], locale?: string): string[] {
  return [...new Set(integrations.flatMap((integration) => integration.categories))].sort((a, b) =>
    a.localeCompare(b, locale),
  );
}

/** The statuses, the one shown first first. */
const RANK: readonly ConnectionStatus[] = ['linked', 'pending', 'deauthorized', 'unlinked'];
const stamp = (c: Connection): number => Date.parse(c.updatedAt ?? c.createdAt ?? '') || 0;

/**
 * The connection each integration key is shown with: a linked one before a pending one, before a
 * deauthorized, before an unlinked; the most recently updated among equals.
 */
export function connectionsByIntegration(connections: readonly Connection[]): Map<string, Connection> {
  const best = new Map<string, Connection>();
  for (const connection of connections) {
    const current = best.get(connection.integrationKey);
    // A better status first; among equals, the later update.
    if (
      !current ||
      (RANK.indexOf(connection.status) - RANK.indexOf(current.status) || stamp(current) - stamp(connection)) < 0
    ) {
      best.set(connection.integrationKey, connection);
    }
  }
  return best;
}
