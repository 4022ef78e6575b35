/** Minifies the CSS of every css`...` template in `code` (see css-literals.mjs). */
export declare function minifyCssLiterals(code: string): string;
