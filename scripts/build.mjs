// Builds dist/: the CLI as a few self-contained bundles, so start-up reads three files instead of
// hundreds.
//
// - dist/main.js (src/entry.ts): a small loader that compiles dist/cli.cjs with V8's code cache,
//   dist/cli.cache, which this script makes by running the common commands once.
// - dist/cli.cjs (src/main.ts): commander, the listings and everything `--help`, `stretches` and
//   `red-flags` need.
// - One ES module per command family that loads on demand (`await import()` in src/cli.ts), and one
//   for the Inquirer prompts, loaded only when a prompt is really shown.
//
// Why not esbuild's code splitting: it turns every module shared between main and a lazy command into
// a chunk of its own, and main then imports five small files at every start (measured: about 3 ms of
// a 70 ms start). Here each bundle carries its own copy of the little shared code instead; errors are
// recognised by a brand rather than `instanceof` for that reason (src/errors.ts).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, sep } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The modules loaded on demand, and the file each becomes in dist/. */
const LAZY = {
  'src/commands/triage.ts': 'triage.js',
  'src/commands/journal.ts': 'journal.js',
  'src/commands/views.ts': 'views.js',
  'src/commands/export.ts': 'export.js',
  'src/commands/overview.ts': 'overview.js',
  'src/commands/check-in.ts': 'check-in.js',
  'src/commands/timer.ts': 'timer.js',
  'src/commands/routine.ts': 'routine.js',
  'src/commands/explain.ts': 'explain.js',
  'src/commands/completion.ts': 'completion.js',
  'src/commands/config.ts': 'config.js',
  'src/prompts/ask.ts': 'prompts.js',
};

// A dynamic import of a lazy module stays an import of its own bundle. In the CommonJS bundle it is
// marked, then turned into a call of the loader's __lazyImport (a vm.Script cannot import()).
const LAZY_MARK = 'back-relief-lazy:';
const lazyImports = (mark) => ({
  name: 'lazy-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const resolved = await b.resolve(args.path.replace(/\.js$/, '.ts'), { resolveDir: args.resolveDir, kind: 'import-statement' });
      const key = Object.keys(LAZY).find((k) => resolved.path.endsWith(k.split('/').join(sep)));
      return key ? { path: `${mark ? LAZY_MARK : './'}${LAZY[key]}`, external: true } : undefined;
    });
  },
});

// Two built-ins that libraries load at start-up but back-relief never uses, measured at about 5 ms of
// a 70 ms start: commander's node:child_process (only for executable subcommands, which we do not
// have) and chalk's terminal detection (we decide colour ourselves, by cli.md's rules).
const trimStartup = {
  name: 'trim-startup',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'unused' } : undefined,
    );
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'unused' } : undefined,
    );
    // Our own `import ... from 'node:fs'` would go through Node's ESM facade for built-ins, which
    // touches every export (fs.promises loads the whole stream stack). require() does not.
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.importer.includes(`${sep}src${sep}`) ? { path: args.path, namespace: 'builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
    b.onLoad({ filter: /^child_process$/, namespace: 'unused' }, () => ({
      contents: "module.exports = new Proxy({}, { get() { throw new Error('child_process is not bundled'); } });",
      loader: 'js',
    }));
    b.onLoad({ filter: /^supports-color$/, namespace: 'unused' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

// Inquirer's prompt packages do nothing when imported but do not say so in their package.json; told
// that, esbuild drops the prompts we never show (the editor alone brings 550 KB of charset tables).
const inquirerHasNoSideEffects = {
  name: 'inquirer-side-effects',
  setup(b) {
    b.onResolve({ filter: /^@inquirer\// }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolving' });
      return resolved.errors.length ? undefined : { path: resolved.path, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyImports(false), trimStartup, inquirerHasNoSideEffects],
  // Bundled CommonJS code requires node: built-ins; give the ES module bundles a require() for them.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
const [cli] = await Promise.all([
  build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/cli.cjs', format: 'cjs', banner: {}, plugins: [lazyImports(true), trimStartup], write: false }),
  build({ ...common, entryPoints: ['src/entry.ts'], outfile: 'dist/main.js', plugins: [], banner: {} }),
  ...Object.entries(LAZY).map(([entry, out]) => build({ ...common, entryPoints: [entry], outfile: `dist/${basename(out)}` })),
]);

let code = cli.outputFiles[0].text;
const marked = new RegExp(`import\\("${LAZY_MARK}([a-z-]+\\.js)"\\)`, 'g');
code = code.replace(marked, '__lazyImport("./$1")');
if (/\bimport\(/.test(code)) throw new Error('dist/cli.cjs still holds an import() that a vm.Script cannot run');
writeFileSync('dist/cli.cjs', code);

// The code cache: the commands people start most, run once with their output thrown away.
execFileSync(process.execPath, ['dist/main.js'], {
  stdio: 'ignore',
  env: {
    ...process.env,
    NO_COLOR: '1',
    BACK_RELIEF_WRITE_CODE_CACHE: JSON.stringify([['--help'], ['stretches'], ['stretches', 'glute-bridge'], ['red-flags', '--json'], ['red-flags'], ['remedies'], ['sources'], ['status', '--help']]),
  },
});
