import { PendingStore, type StorageLike } from './pending.js';
import { urlCarriesState } from './return-url.js';

/** The popup's window name is this prefix followed by the attempt's `state`. */
export const POPUP_NAME_PREFIX = 'linkflow-';
/** The `BroadcastChannel` a popup return page announces its result on. */
export const CHANNEL_NAME = 'linkflow';
/** The `type` of the message a popup return page sends. */
export const RETURN_MESSAGE_TYPE = 'linkflow:return';

/** What a popup return page sends to its opener: the return URL, which the opener reads itself. */
export interface ReturnMessage {
  readonly type: typeof RETURN_MESSAGE_TYPE;
  /** The full URL the provider sent the popup back to. */
  readonly href: string;
}

/** Whether `data` is a `ReturnMessage`. */
export function isReturnMessage(data: unknown): data is ReturnMessage {
  // Only an object can carry this `type`.
  return (
    (data as Partial<ReturnMessage> | null | undefined)?.type === RETURN_MESSAGE_TYPE &&
    typeof (data as ReturnMessage).href === 'string'
  );
}

/** The part of an opened window the flow uses. */
export interface PopupLike {
  readonly closed: boolean;
  close(): void;
  focus?(): void;
  readonly location: { replace(url: string): void };
}

/** The part of a `BroadcastChannel` the flow uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** A `BroadcastChannel` constructor. */
export type ChannelFactory = new (name: string) => ChannelLike;

/** The part of a document the flow uses. */
export interface DocumentLike {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** The part of `window` a popup return page uses. */
export interface PopupReturnWindow {
  readonly location: { readonly href: string; readonly origin: string };
  readonly name: string;
  readonly opener: unknown;
  close(): void;
  readonly sessionStorage?: StorageLike;
  readonly BroadcastChannel?: ChannelFactory;
}

/** The part of `window` the flow uses; the real `window` fits, and tests pass a fake. */
export interface FlowWindow extends PopupReturnWindow {
  readonly location: { readonly href: string; readonly origin: string; assign(url: string): void };
  readonly history: {
    readonly state: unknown;
    replaceState(data: unknown, unused: string, url?: string | URL | null): void;
  };
  readonly document: DocumentLike;
  open(url: string, target: string, features: string): PopupLike | null;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  readonly screenX?: number;
  readonly screenY?: number;
  readonly outerWidth?: number;
  readonly outerHeight?: number;
}

/**
 * The `features` of `window.open` for the popup: 520 by 720 CSS pixels, centred on the opener when
 * its geometry is known.
 */
export function popupFeatures(win: Partial<Pick<FlowWindow, 'screenX' | 'screenY' | 'outerWidth' | 'outerHeight'>>) {
  /** Where the popup starts on one axis: centred on the opener, never off the screen's start. */
  const centre = (start = 0, outer: number | undefined, size: number): number =>
    Math.max(0, Math.round(start + ((outer ?? size) - size) / 2));
  return `popup=yes,width=520,height=720,left=${centre(win.screenX, win.outerWidth, 520)},top=${centre(win.screenY, win.outerHeight, 720)}`;
}

/**
 * Opens the popup for the attempt `state`, empty, named `linkflow-<state>`. Must be called
 * synchronously inside the user's click (before any `await`) or a blocker stops it. Answers null
 * when the window could not open.
 */
export function openPopup(win: FlowWindow, state: string): PopupLike | null {
  try {
    return win.open('', POPUP_NAME_PREFIX + state, popupFeatures(win));
  } catch {
    return null;
  }
}

/** The states of the pending popup-mode records in `store`. */
export function popupStates(store: PendingStore): string[] {
  return store
    .all()
    .filter((record) => record.mode === 'popup')
    .map((record) => record.state);
}

/**
 * The `state` of the popup return `win` shows, or undefined when it is no popup return. The page is
 * one when its URL carries, as a whole token, a state named by its window name (`linkflow-<state>`),
 * by `states`, or by a popup-mode pending record in its own or its same-origin opener's session storage: a
 * 128-bit random state in the URL is what ties the page to a popup this library opened.
 */
export function popupReturnState(win: PopupReturnWindow, states: readonly string[] = []): string | undefined {
  const candidates = [...states];
  const { href, origin } = win.location;
  if (win.name.startsWith(POPUP_NAME_PREFIX)) candidates.push(win.name.slice(POPUP_NAME_PREFIX.length));
  try {
    candidates.push(...popupStates(new PendingStore(win.sessionStorage)));
  } catch {
    // A storage that cannot be read holds none.
  }
  try {
    // No opener at all throws here, and so does one on another origin: neither has records for this page.
    const opener = win.opener as PopupReturnWindow;
    if (opener !== win && opener.location.origin === origin) {
      candidates.push(...popupStates(new PendingStore(opener.sessionStorage)));
    }
  } catch {
    // Nor does an opener whose storage cannot be read.
  }
  return candidates.find((state) => urlCarriesState(href, state));
}

/**
 * Call on load of the page the provider returns to. When that page is a popup this library opened
 * (see `popupReturnState`), hands the return URL to the opener with `postMessage` to the page's own
 * origin and on the `linkflow` `BroadcastChannel` (for when the opener link was cut), closes the
 * window, and answers true. Otherwise does nothing and answers false. `LinkFlow.resume()` calls it,
 * adding the popup states of its own pending store in `options.states`.
 */
export function completePopupReturn(
  win: PopupReturnWindow = window,
  options: { readonly states?: readonly string[] } = {},
): boolean {
  if (popupReturnState(win, options.states) === undefined) return false;
  const message: ReturnMessage = { type: RETURN_MESSAGE_TYPE, href: win.location.href };
  try {
    const opener = win.opener as { postMessage?: (message: unknown, targetOrigin: string) => void } | null;
    // The target origin keeps the message from an opener on any other origin.
    opener?.postMessage?.(message, win.location.origin);
  } catch {
    // The channel below still carries it.
  }
  try {
    // With no BroadcastChannel this throws too: the opener, if any, has it.
    const channel = new win.BroadcastChannel!(CHANNEL_NAME);
    channel.postMessage(message);
    channel.close();
  } catch {
    // The opener, if any, already has it.
  }
  win.close();
  return true;
}
