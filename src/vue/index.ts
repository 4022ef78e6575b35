// Vue template types for the linkflow tags: each tag is declared in Vue's `GlobalComponents` with its
// properties and its lf-* events as `on*` listeners, so vue-tsc checks `:integrations`, `mode="popup"`
// and `@lf-select` (and, with `strictTemplates`, rejects a misspelt prop or event). Types only: load
// them with `import type {} from 'linkflow/vue'` or `"types": ["linkflow/vue"]` in the app's tsconfig.
// 'vue' is the host app's own dependency, absent from linkflow's, hence the two directives below.
// @ts-expect-error -- resolved in the Vue app that loads these types.
import type { DefineComponent } from 'vue';
import type {
  LinkflowElementEvents,
  LinkflowElementProperties,
  LinkflowTagName,
  PascalEventName,
} from '../elements/shared/element-types.js';

/** `onLfSelect`, `onLfLinked`, ...: the listener props Vue makes of `@lf-select`, `@lf-linked`, .... */
export type LinkflowVueEventProps<Events> = {
  [Name in keyof Events & string as `on${PascalEventName<Name>}`]?: (event: Events[Name]) => void;
};

/** The template props of one linkflow tag: its properties and its events. */
export type LinkflowVueProps<Tag extends LinkflowTagName> = LinkflowElementProperties[Tag] &
  LinkflowVueEventProps<LinkflowElementEvents[Tag]>;

// @ts-expect-error -- resolved in the Vue app that loads these types.
declare module 'vue' {
  interface GlobalComponents {
    /** `<lf-provider>`: the adapter and settings for every element inside. */
    'lf-provider': DefineComponent<LinkflowVueProps<'lf-provider'>>;
    /** `<lf-connection-picker>`: the searchable list of integrations. */
    'lf-connection-picker': DefineComponent<LinkflowVueProps<'lf-connection-picker'>>;
    /** `<lf-status-indicator>`: a connection's status and health. */
    'lf-status-indicator': DefineComponent<LinkflowVueProps<'lf-status-indicator'>>;
    /** `<lf-error-panel>`: a LinkError or a connection's issues. */
    'lf-error-panel': DefineComponent<LinkflowVueProps<'lf-error-panel'>>;
    /** `<lf-link-flow>`: the whole flow, from choosing to linked. */
    'lf-link-flow': DefineComponent<LinkflowVueProps<'lf-link-flow'>>;
    /** `<lf-connection-list>`: the user's connections. */
    'lf-connection-list': DefineComponent<LinkflowVueProps<'lf-connection-list'>>;
  }
}
