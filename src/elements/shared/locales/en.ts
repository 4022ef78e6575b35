// English, the reference catalogue: every key exists here, and every other locale has every key.
// Placeholders: `{name}`; plurals: `{count, plural, one {# item} other {# items}}`.
// The strings live in parts (./en/*.ts) so an element ships only the English it shows; this is the whole.
import { commonStrings } from './en/common.js';
import { connectionListStrings } from './en/connection-list.js';
import { errorStrings } from './en/errors.js';
import { linkFlowStrings } from './en/link-flow.js';
import { pickerStrings } from './en/picker.js';
import { indicatorStrings, statusStrings } from './en/status.js';

export const en = {
  ...commonStrings,
  ...statusStrings,
  ...indicatorStrings,
  ...errorStrings,
  ...pickerStrings,
  ...connectionListStrings,
  ...linkFlowStrings,
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A complete catalogue: one string per key. */
export type Messages = Record<MessageKey, string>;

export default en satisfies Messages;
