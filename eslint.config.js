import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

const LIT_IMPORTS = {
  patterns: [
    {
      group: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'],
      message: 'DESIGN.md: nothing below elements/ imports Lit.',
    },
  ],
};
const DOM_GLOBALS = ['window', 'document'].map((name) => ({
  name,
  message: 'DESIGN.md: nothing below flow/ touches window or document.',
}));
const DOM_PROPERTIES = ['window', 'document'].flatMap((property) =>
  ['globalThis', 'self'].map((object) => ({
    object,
    property,
    message: 'DESIGN.md: nothing below flow/ touches window or document.',
  })),
);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'storybook-static/',
      'coverage/',
      '.tmp/',
      'examples/*/node_modules/',
      'examples/*/dist/',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts', 'demo/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  { files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'], ...wc.configs['flat/recommended'] },
  { files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'], ...litA11y.configs.recommended },
  {
    files: ['src/model/**', 'src/wire/**', 'src/adapter/**', 'src/flow/**'],
    rules: { 'no-restricted-imports': ['error', LIT_IMPORTS] },
  },
  {
    files: ['src/model/**', 'src/wire/**', 'src/adapter/**'],
    rules: {
      'no-restricted-imports': ['error', LIT_IMPORTS],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
      'no-restricted-properties': ['error', ...DOM_PROPERTIES],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'test/server/**', 'bench/**/*.mjs', '*.config.*', '.storybook/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
