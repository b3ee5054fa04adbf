// Bundles src/main.ts into dist/ so start-up reads a few files instead of hundreds. Code reached
// only through `await import()` (prompts, the timer view) lands in its own chunk and loads lazily.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { sep } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  plugins: [trimStartup],
  // commander is CommonJS and requires node: built-ins; give the ESM bundle a require() for them.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
