/// <reference types="vite/client" />
// The template types of the lf-* tags (Vue's GlobalComponents), so vue-tsc checks their props and events.
/// <reference types="linkflow/vue" />
