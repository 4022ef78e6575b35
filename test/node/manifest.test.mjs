// custom-elements.json against the elements' source: every attribute, property, event, slot, part and
// custom property an element has must appear in the manifest, with a description.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import ts from 'typescript';

const ELEMENTS = 'src/elements';
const TAGS = [
  'lf-provider',
  'lf-connection-picker',
  'lf-status-indicator',
  'lf-error-panel',
  'lf-link-flow',
  'lf-connection-list',
];

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));

function parse(file) {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function walk(node, visit) {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** `lf-x` → the class name and the file that declares it, read from `defineElement('lf-x', LfX)`. */
function registrations() {
  const found = new Map();
  for (const folder of readdirSync(ELEMENTS)) {
    const dir = join(ELEMENTS, folder);
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (!/^lf-.*\.ts$/.test(name)) continue;
      const source = parse(join(dir, name));
      const imports = new Map();
      walk(source, (node) => {
        if (ts.isImportDeclaration(node) && node.importClause?.namedBindings) {
          const bindings = node.importClause.namedBindings;
          if (ts.isNamedImports(bindings)) {
            for (const element of bindings.elements) imports.set(element.name.text, node.moduleSpecifier.text);
          }
        }
        if (
          ts.isCallExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === 'defineElement' &&
          ts.isStringLiteralLike(node.arguments[0]) &&
          ts.isIdentifier(node.arguments[1])
        ) {
          const className = node.arguments[1].text;
          const specifier = imports.get(className);
          const file = specifier ? posix.join(dir, specifier.replace(/\.js$/, '.ts')) : join(dir, name);
          found.set(node.arguments[0].text, { className, file });
        }
      });
    }
  }
  return found;
}

const REGISTERED = registrations();

/** Event class name → event name, from `static readonly eventName = 'lf-…'` in src/events. */
const EVENT_NAMES = new Map();
for (const name of readdirSync('src/events')) {
  const text = readFileSync(join('src/events', name), 'utf8');
  const match = /export class (Lf\w+Event)\b[\s\S]*?static readonly eventName = '([^']+)'/.exec(text);
  if (match) EVENT_NAMES.set(match[1], match[2]);
}

/** The global design tokens (`--lf-color-accent`, …): documented once, not per element. */
const GLOBAL_TOKENS = new Set();
walk(parse(join(ELEMENTS, 'shared/theme.styles.ts')), (node) => {
  if (
    ts.isVariableDeclaration(node) &&
    node.name.getText() === 'LIGHT_TOKENS' &&
    node.initializer &&
    ts.isAsExpression(node.initializer) &&
    ts.isObjectLiteralExpression(node.initializer.expression)
  ) {
    for (const property of node.initializer.expression.properties) {
      const key = property.name;
      GLOBAL_TOKENS.add(`--lf-${ts.isStringLiteralLike(key) ? key.text : key.getText()}`);
    }
  }
});

const hasModifier = (node, kind) => (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
const isHidden = (member) =>
  hasModifier(member, ts.SyntaxKind.PrivateKeyword) ||
  hasModifier(member, ts.SyntaxKind.ProtectedKeyword) ||
  hasModifier(member, ts.SyntaxKind.StaticKeyword) ||
  ts.isPrivateIdentifier(member.name);

/** What the element's class, its template and its styles say it has. */
function fromSource(tag) {
  const { className, file } = REGISTERED.get(tag);
  const source = parse(file);
  const text = source.getFullText();
  const properties = new Set();
  const attributes = new Set();
  walk(source, (node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
    for (const member of node.members) {
      if (!member.name || isHidden(member)) continue;
      const name = member.name.getText();
      if (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
        properties.add(name);
        continue;
      }
      if (!ts.isPropertyDeclaration(member)) continue;
      properties.add(name);
      const decorator = (ts.getDecorators(member) ?? []).find(
        (d) => ts.isCallExpression(d.expression) && d.expression.expression.getText() === 'property',
      );
      if (!decorator) continue;
      const options = decorator.expression.arguments[0];
      const attribute =
        options && ts.isObjectLiteralExpression(options)
          ? options.properties.find((p) => p.name?.getText() === 'attribute')
          : undefined;
      if (!attribute) attributes.add(name.toLowerCase());
      else if (ts.isStringLiteralLike(attribute.initializer)) attributes.add(attribute.initializer.text);
      // `attribute: false`: a property only.
    }
  });

  const slots = new Set([...text.matchAll(/<slot(?:\s+name="([^"]*)")?/g)].map((m) => m[1] ?? ''));

  // Parts in its own templates and in the shared renderers it calls (the logo).
  const partSources = [text];
  for (const m of text.matchAll(/from '(\.\.\/shared\/[\w-]+\.js)'/g)) {
    const shared = posix.join(dirname(file), m[1].replace(/\.js$/, '.ts'));
    if (!shared.endsWith('.styles.ts')) partSources.push(readFileSync(shared, 'utf8'));
  }
  const parts = new Set(
    partSources.flatMap((t) => [...t.matchAll(/\spart="([^"$]+)"/g)].flatMap((m) => m[1].split(/\s+/).filter(Boolean))),
  );

  // Events: its own, and those of the linkflow elements in its template, which bubble out of it.
  const children = [...text.matchAll(/<(lf-[a-z-]+)/g)].map((m) => m[1]).filter((child) => child !== tag);
  const events = new Set([...text.matchAll(/new (Lf\w+Event)\(/g)].map((m) => EVENT_NAMES.get(m[1])).filter(Boolean));
  for (const child of new Set(children)) for (const event of fromSource(child).events) events.add(event);

  const stylesFile = file.replace(/\.ts$/, '.styles.ts');
  const styles = existsSync(stylesFile) ? readFileSync(stylesFile, 'utf8') : '';
  const cssProperties = new Set(
    [...styles.matchAll(/var\((--lf-[a-z0-9-]+)/g)].map((m) => m[1]).filter((name) => !GLOBAL_TOKENS.has(name)),
  );

  return { className, properties, attributes, events, slots, parts, cssProperties };
}

function declarationOf(tag) {
  for (const mod of manifest.modules ?? []) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.tagName === tag) return declaration;
    }
  }
  return undefined;
}

const described = (item) => typeof item?.description === 'string' && item.description.trim().length > 0;

const labelOf = (kind, name) => (kind === 'slot' && name === '' ? 'default slot' : `${kind} ${name}`);

/** Each name of `wanted` that the manifest's `items` lack, or hold without a description. */
function missing(kind, wanted, items = []) {
  const byName = new Map(items.map((item) => [item.name, item]));
  const out = [];
  for (const name of wanted) {
    const item = byName.get(name);
    const label = labelOf(kind, name);
    if (!item) out.push(`${label}: not in the manifest`);
    else if (!described(item)) out.push(`${label}: no description`);
  }
  return out;
}

test('the six elements are registered with defineElement', () => {
  assert.deepEqual([...REGISTERED.keys()].sort(), [...TAGS].sort());
});

for (const tag of TAGS) {
  test(`${tag}: every attribute, property, event, slot, part and custom property is in the manifest with a description`, () => {
    const declaration = declarationOf(tag);
    assert.ok(declaration, `${tag} has no declaration with tagName "${tag}" in custom-elements.json`);
    const source = fromSource(tag);
    assert.equal(declaration.name, source.className);
    const fields = (declaration.members ?? []).filter((m) => m.kind === 'field');
    const problems = [
      ...(described(declaration) ? [] : ['the element: no description']),
      ...(declaration.summary?.trim() ? [] : ['the element: no @summary']),
      ...missing('attribute', source.attributes, declaration.attributes),
      ...missing('property', source.properties, fields),
      ...missing('event', source.events, declaration.events),
      ...missing('slot', source.slots, declaration.slots),
      ...missing('part', source.parts, declaration.cssParts),
      ...missing('custom property', source.cssProperties, declaration.cssProperties),
    ];
    // Whatever else the manifest lists for the element needs a description too.
    for (const [kind, items] of [
      ['attribute', declaration.attributes],
      ['property', fields],
      ['event', declaration.events],
      ['slot', declaration.slots],
      ['part', declaration.cssParts],
      ['custom property', declaration.cssProperties],
    ]) {
      for (const item of items ?? []) {
        if (!described(item)) problems.push(`${labelOf(kind, item.name)}: no description`);
      }
    }
    const unique = [...new Set(problems)];
    assert.deepEqual(unique, [], `${tag} lacks in custom-elements.json:\n  ${unique.join('\n  ')}`);
  });
}

test('the manifest lists no private member and no nameless event', () => {
  for (const tag of TAGS) {
    const declaration = declarationOf(tag);
    if (!declaration) continue;
    for (const member of declaration.members ?? []) {
      assert.ok(
        member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
        `${tag}: ${member.name}`,
      );
    }
    for (const event of declaration.events ?? []) assert.ok(event.name, `${tag}: an event without a name`);
  }
});
