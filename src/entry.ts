/**
 * The built entry (dist/main.js): compiles the program bundle (dist/cli.cjs) with V8's code cache
 * (dist/cli.cache, made when the package is built) and runs it.
 *
 * Why: Node 20 has no module compile cache, and compiling the bundle was about 4 ms of a 70 ms start;
 * with the cache, start-up is within 1.3 times a bare `node -e 0`. A cache made by another Node
 * version is rejected by V8 and the bundle is simply compiled as usual, so it can only help.
 * The bundle is CommonJS because only a vm.Script can take a code cache; the commands it loads on
 * demand are ordinary ES modules, imported through `__lazyImport`.
 */
import { createRequire } from 'node:module';

// The built-ins through require, not `import { ... } from 'node:fs'`: an ES import of a built-in
// builds a facade of all its exports, and reading node:fs's ReadStream getter for it loads the
// whole streams stack (measured: about 5 million instructions, 1-2% of a start).
const requireBuiltin = createRequire(import.meta.url);
const { readFileSync, writeFileSync } = requireBuiltin('node:fs') as typeof import('node:fs');
const { fileURLToPath } = requireBuiltin('node:url') as typeof import('node:url');
const { Script } = requireBuiltin('node:vm') as typeof import('node:vm');

type Program = { main(argv: readonly string[]): Promise<number> };

const bundle = fileURLToPath(new URL('./cli.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('./cli.cache', import.meta.url));

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (a development build): compile as usual.
}
const wrapper = `(function (exports, require, module, __filename, __dirname, __entryUrl, __lazyImport) {${readFileSync(bundle, 'utf8')}\n})`;
const script = new Script(wrapper, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
if (process.env.BACK_RELIEF_DEBUG === '1') {
  process.stderr.write(`back-relief: code cache ${!cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
}
const module = { exports: {} as Program };
script.runInThisContext()(
  module.exports,
  createRequire(bundle),
  module,
  bundle,
  fileURLToPath(new URL('.', import.meta.url)),
  import.meta.url,
  (name: string) => import(new URL(name, import.meta.url).href),
);

const cacheRuns = process.env.BACK_RELIEF_WRITE_CODE_CACHE;
if (cacheRuns) {
  // At build time only: run the common commands so their functions are compiled, then save.
  for (const argv of JSON.parse(cacheRuns) as string[][]) await module.exports.main(argv);
  writeFileSync(cacheFile, script.createCachedData());
} else {
  process.exitCode = await module.exports.main(process.argv.slice(2));
}
