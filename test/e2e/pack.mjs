// The package as users get it: built and packed once for as long as its sources stay the same, and the
// example apps installed from that tarball in .tmp/, with a loopback static server for what they build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PACK_DIR = join(ROOT, '.tmp', 'pack');
/** Where the example apps and other projects that install the tarball are put. */
export const EXAMPLES_DIR = join(ROOT, '.tmp', 'examples');

/** Bumped when the marker's fields change, so an older marker is not trusted. */
const MARKER_FORMAT = 1;

/** What the tarball is made from: a change to any of these builds and packs again. */
const INPUTS = [
  'src',
  'package.json',
  'README.md',
  'LICENSE',
  'custom-elements.json',
  'custom-elements-manifest.config.mjs',
  'vite.config.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build.mjs',
  'scripts/manifest.mjs',
];

function filesUnder(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

function hashOf(paths, root = ROOT) {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(path).update('\0');
    hash.update(readFileSync(join(root, path))).update('\0');
  }
  return hash.digest('hex');
}

const inputsHash = () => hashOf(INPUTS.flatMap(filesUnder));

/**
 * Runs `fn` holding the lock `name` (a directory under .tmp), so test files run side by side do not
 * build, pack or install into the same place at once. A lock older than ten minutes is taken as stale.
 */
function withLock(name, fn) {
  const lock = join(ROOT, '.tmp', `${name}.lock`);
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 10 * 60_000) {
        rmSync(lock, { recursive: true, force: true });
      } else if (Date.now() > deadline) {
        throw new Error(`${lock} is still held after 15 minutes`, { cause: error });
      } else {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
      }
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs a command, answering its stdout; on failure the error carries its output. */
export function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      ...options,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
    });
  } catch (error) {
    error.message = `${cmd} ${args.join(' ')} failed (exit ${error.status}):\n${error.stdout ?? ''}\n${error.stderr ?? ''}`;
    throw error;
  }
}

/**
 * `npm run build` and `npm pack` into .tmp/pack, unless the tarball there was made from the sources as
 * they are now. Answers `{ tarball, version, files }`: the tarball's absolute path, the version, the paths it holds.
 */
export function packedTarball() {
  return withLock('pack', pack);
}

function pack() {
  const marker = join(PACK_DIR, 'marker.json');
  const before = inputsHash();
  if (existsSync(marker)) {
    const last = JSON.parse(readFileSync(marker, 'utf8'));
    if (last.format === MARKER_FORMAT && last.hash === before && existsSync(last.tarball)) return last;
  }
  rmSync(PACK_DIR, { recursive: true, force: true });
  mkdirSync(PACK_DIR, { recursive: true });
  run('npm', ['run', '--silent', 'build']);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', PACK_DIR]));
  const result = {
    format: MARKER_FORMAT,
    // The build rewrites custom-elements.json, so the hash is taken again after it.
    hash: inputsHash(),
    tarball: join(PACK_DIR, packed.filename),
    version: packed.version,
    files: packed.files.map((f) => f.path).sort(),
  };
  writeFileSync(marker, JSON.stringify(result, null, 2));
  return result;
}

/**
 * Copies `examples/<name>` (or `source`) to .tmp/examples/<name> with its `linkflow` dependency
 * pointing at the tarball, and installs it from the registry (npm's cache first). The install is kept
 * while the tarball and the project's package.json stay the same. Answers the directory.
 */
export function installExample(name, tarball, source = join(ROOT, 'examples', name)) {
  return withLock(`example-${name}`, () => install(name, tarball, source));
}

function install(name, tarball, source) {
  const dir = join(EXAMPLES_DIR, name);
  const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  pkg.dependencies.linkflow = `file:${tarball}`;
  const key = createHash('sha256').update(readFileSync(tarball)).update(JSON.stringify(pkg)).digest('hex');
  const marker = join(dir, '.installed');
  const fresh = existsSync(marker) && readFileSync(marker, 'utf8') === key;

  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (fresh && (entry === 'node_modules' || entry === 'package-lock.json' || entry === '.installed')) continue;
    rmSync(join(dir, entry), { recursive: true, force: true });
  }
  cpSync(source, dir, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|dist)([\\/]|$)/.test(path.slice(source.length)),
  });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  if (!fresh) {
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], { cwd: dir });
    writeFileSync(marker, key);
  }
  return dir;
}

/** Runs a binary of an installed example (`vite`, `tsc`, `vue-tsc`) in its directory. */
export function runIn(dir, bin, args, env = {}) {
  return run(join(dir, 'node_modules', '.bin', bin), args, { cwd: dir, env });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** Serves `dir` on a free loopback port; `/` and `/x/` answer their index.html. */
export function serveStatic(dir) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    let file = normalize(join(root, decodeURIComponent(pathname)));
    if (pathname.endsWith('/')) file = join(file, 'index.html');
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolvePromise({
        origin: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
