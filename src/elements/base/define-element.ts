/**
 * Registers `tag` unless it is taken. A page that loads linkflow twice (two bundles, two versions)
 * gets a warning instead of the `NotSupportedError` that `customElements.define` throws.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  // No registry (a server or a worker): nothing to do.
  const registry = globalThis.customElements;
  const existing = registry?.get(tag);
  if (!existing) registry?.define(tag, constructor);
  else if (existing !== constructor) {
    console.warn(`linkflow: <${tag}> is already defined by another copy of the library; keeping the first.`);
  }
}
