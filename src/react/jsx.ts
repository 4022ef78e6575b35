// JSX types for React users who write the raw tags (`<lf-link-flow mode="popup" />`) instead of the
// wrappers. React 19 sets a prop as a property when the element has it, and `onlf-select={...}` listens
// for `lf-select`; these types say which props and events each tag takes, so a misspelt one fails.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  LinkflowElementAttributes,
  LinkflowElementClasses,
  LinkflowElementEvents,
  LinkflowElementProperties,
  LinkflowTagName,
} from '../elements/shared/element-types.js';

/** `onlf-select`, `onlf-linked`, ...: React 19's listener props for a custom element's events. */
export type LinkflowJsxEventProps<Events> = {
  [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void;
};

/** The JSX props of one linkflow tag: React's own, the element's properties and attributes, its events. */
export type LinkflowJsxProps<Tag extends LinkflowTagName> = Omit<
  DetailedHTMLProps<HTMLAttributes<LinkflowElementClasses[Tag]>, LinkflowElementClasses[Tag]>,
  keyof LinkflowElementProperties[Tag]
> &
  LinkflowElementProperties[Tag] &
  LinkflowElementAttributes[Tag] &
  LinkflowJsxEventProps<LinkflowElementEvents[Tag]>;

/** Every linkflow tag with its JSX props. */
export type LinkflowIntrinsicElements = { [Tag in LinkflowTagName]: LinkflowJsxProps<Tag> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX namespace is augmented, not declared.
  namespace JSX {
    interface IntrinsicElements {
      /** `<lf-provider>`: the adapter and settings for every element inside. */
      'lf-provider': LinkflowJsxProps<'lf-provider'>;
      /** `<lf-connection-picker>`: the searchable list of integrations. */
      'lf-connection-picker': LinkflowJsxProps<'lf-connection-picker'>;
      /** `<lf-status-indicator>`: a connection's status and health. */
      'lf-status-indicator': LinkflowJsxProps<'lf-status-indicator'>;
      /** `<lf-error-panel>`: a LinkError or a connection's issues. */
      'lf-error-panel': LinkflowJsxProps<'lf-error-panel'>;
      /** `<lf-link-flow>`: the whole flow, from choosing to linked. */
      'lf-link-flow': LinkflowJsxProps<'lf-link-flow'>;
      /** `<lf-connection-list>`: the user's connections. */
      'lf-connection-list': LinkflowJsxProps<'lf-connection-list'>;
    }
  }
}
