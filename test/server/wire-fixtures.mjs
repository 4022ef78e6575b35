// Serves the vendors' example payloads from ../shared/wire/ at /__wire__/<name>.json.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

export const WIRE_DIR = resolve(process.cwd(), '..', 'shared', 'wire');

export async function wireFixtures(ctx, next) {
  if (!ctx.path.startsWith('/__wire__/')) return next();
  const name = basename(ctx.path);
  if (!/^[a-z0-9-]+\.json$/.test(name)) {
    ctx.status = 400;
    return undefined;
  }
  try {
    ctx.body = await readFile(resolve(WIRE_DIR, name), 'utf8');
    ctx.type = 'application/json';
  } catch {
    ctx.status = 404;
    ctx.body = `no fixture ${name} in ${WIRE_DIR}`;
  }
  return undefined;
}
