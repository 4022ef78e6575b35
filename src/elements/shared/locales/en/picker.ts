// English, in parts: each element imports only the parts it shows, and English is what every other
// catalogue falls back to. `../en.ts` puts the parts together into the whole reference catalogue.

/** `lf-connection-picker`. */
export const pickerStrings = {
  'picker.search': 'Search integrations',
  'picker.searchPlaceholder': 'Search by name or category',
  'picker.category': 'Category',
  'picker.allCategories': 'All categories',
  'picker.list': 'Integrations',
  'picker.loading': 'Loading integrations…',
  'picker.empty': 'No integrations are available.',
  'picker.noMatch': 'No results for “{query}”.',
  'picker.results': '{count, plural, =0 {No results} one {# result} other {# results}}',
  'picker.error': 'The integrations could not be loaded.',
  'picker.beta': 'Beta',
  'picker.unavailable': 'Unavailable',
} as const;
