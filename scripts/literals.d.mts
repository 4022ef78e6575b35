import type { Plugin } from 'vite';

/** `code` (TypeScript or JavaScript source named `fileName`) with its CSS and HTML templates minified (see literals.mjs). */
export declare function minifyLiterals(code: string, fileName: string): Promise<string>;

/** A Vite plugin applying `minifyLiterals` to the library's sources (`src/**.ts`). */
export declare function literalsPlugin(): Plugin;
