import { css } from 'lit';
import type { ConnectionHealth, ConnectionStatus } from '../../model/constants.js';

/** The colour family a connection's state is shown in. */
export type Tone = 'success' | 'warning' | 'danger' | 'accent' | 'neutral';

/**
 * The tone of a connection's state, shared by the status indicator's icon and the picker's status dot:
 * paused or unlinked neutral, pending accent, deauthorized danger, and a linked one by its health.
 */
export function statusTone(status: ConnectionStatus, health: ConnectionHealth | undefined, paused: boolean): Tone {
  if (paused || status === 'unlinked') return 'neutral';
  if (status === 'pending') return 'accent';
  if (status === 'deauthorized') return 'danger';
  return health === 'unhealthy' ? 'warning' : health === 'healthy' ? 'success' : 'neutral';
}

/**
 * Sets `--_tone` on anything with a `data-tone`, through the status indicator's `--lf-status-color-*`
 * properties, so the indicator's icon and the picker's dot follow one theme.
 */
export const toneStyles = css`
  [data-tone='success'] {
    --_tone: var(--lf-status-color-success, var(--_lf-color-success));
  }
  [data-tone='warning'] {
    --_tone: var(--lf-status-color-warning, var(--_lf-color-warning));
  }
  [data-tone='danger'] {
    --_tone: var(--lf-status-color-danger, var(--_lf-color-danger));
  }
  [data-tone='accent'] {
    --_tone: var(--lf-status-color-pending, var(--_lf-color-accent));
  }
  [data-tone='neutral'] {
    --_tone: var(--lf-status-color-neutral, var(--_lf-color-neutral));
  }
`;
