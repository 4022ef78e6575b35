/** Drops the nameless duplicate the analyzer adds for `dispatchEvent(new SomeEvent())`. */
function dropNamelessEvents() {
  return {
    name: 'linkflow-drop-nameless-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (Array.isArray(declaration.events)) {
            declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      }
    },
  };
}

/**
 * Reads `defineElement('lf-x', LfX)` (the guarded registration every `lf-*.ts` uses) as the analyzer
 * reads `customElements.define`: a `custom-element-definition` export, and the class's `tagName`.
 */
function defineElementCalls() {
  const definitions = [];
  return {
    name: 'linkflow-define-element-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      if (node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(klass)) return;
      const definition = {
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: klass.text, module: moduleDoc.path },
      };
      moduleDoc.exports = [...(moduleDoc.exports ?? []), definition];
      definitions.push(definition);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const definition of definitions) {
        for (const mod of customElementsManifest.modules ?? []) {
          const declaration = mod.declarations?.find(
            (candidate) => candidate.kind === 'class' && candidate.name === definition.declaration.name,
          );
          if (!declaration) continue;
          declaration.tagName = definition.name;
          declaration.customElement = true;
          // Point the definition at the module that declares the class, not the one that registers it.
          definition.declaration.module = mod.path;
        }
      }
      definitions.length = 0;
    },
  };
}

/**
 * Keeps the public API only: private and protected members, `#fields` and the static `styles` and
 * `properties` are implementation, and Storybook would otherwise offer them as controls.
 */
function publicMembersOnly() {
  return {
    name: 'linkflow-public-members-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (!Array.isArray(declaration.members)) continue;
          const hidden = (member) =>
            member.privacy === 'private' ||
            member.privacy === 'protected' ||
            member.name.startsWith('#') ||
            (member.static && (member.name === 'styles' || member.name === 'properties'));
          // A private reactive field (`{ state: true }` in `static properties`) is no attribute either.
          const internal = new Set(declaration.members.filter(hidden).map((member) => member.name));
          declaration.members = declaration.members.filter((member) => !hidden(member));
          if (Array.isArray(declaration.attributes)) {
            declaration.attributes = declaration.attributes.filter((attribute) => !internal.has(attribute.fieldName));
          }
        }
      }
    },
  };
}

/** Lists the modules by path: the analyzer's file order varies from run to run, and the check compares. */
function sortModules() {
  return {
    name: 'linkflow-sort-modules',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  // The message catalogues are data, not API: the manifest ships in the package without them.
  exclude: ['src/**/*.styles.ts', 'src/**/*.test.ts', 'src/elements/shared/locales/**'],
  outdir: '.',
  // package.json already names the manifest; a run with another --outdir must not rewrite it.
  packagejson: false,
  litelement: true,
  plugins: [dropNamelessEvents(), defineElementCalls(), publicMembersOnly(), sortModules()],
};
