/// <reference types="vite/client" />
/**
 * Test-only access to the vendored material in `../shared/vendor-data/` (see its SOURCES.md).
 *
 * Files are bundled with Vite's `import.meta.glob` instead of read with node:fs: core does no I/O and
 * the dependency-cruiser rule `core-is-pure` checks test files too. Only vitest may import this module.
 */
import { registerContext } from './contexts.ts';

const PREFIX = '../../../../../../shared/vendor-data/';

const files = import.meta.glob<string>(
  [
    '../../../../../../shared/vendor-data/contexts-map.json',
    '../../../../../../shared/vendor-data/w3c-vc-data-model/*.jsonld',
    '../../../../../../shared/vendor-data/w3c-vc-data-integrity/*.jsonld',
    '../../../../../../shared/vendor-data/w3c-vc-bitstring-status-list/*.jsonld',
    '../../../../../../shared/vendor-data/w3c-vc-di-eddsa/TestVectors/**/*',
    '../../../../../../shared/vendor-data/1edtech-openbadges-specification/**/*',
    '../../../../../../shared/vendor-data/1edtech-digital-credentials-public-validator/**/*',
    '../../../../../../shared/vendor-data/w3c-vc-data-model-2.0-test-suite/**/*',
  ],
  { eager: true, query: '?raw', import: 'default' },
);

const byPath = new Map(Object.entries(files).map(([key, text]) => [key.slice(PREFIX.length), text]));

/** The text of a vendored file, by its path inside vendor-data. */
export function vendorText(path: string): string {
  const text = byPath.get(path);
  if (text === undefined) throw new Error(`vendored file not bundled: ${path}`);
  return text;
}

/** A vendored JSON file, parsed afresh on every call (so tests may modify it). */
export function vendorJson<T = unknown>(path: string): T {
  return JSON.parse(vendorText(path)) as T;
}

/** Paths (inside vendor-data) of the bundled files under `dir`, sorted. */
export function vendorPaths(dir: string): string[] {
  return [...byPath.keys()].filter((p) => p.startsWith(`${dir}/`)).sort();
}

/**
 * Registers every context of `contexts-map.json` (W3C examples, CLR, …) in the offline registry, as
 * tests of vendored samples need. Those already built in must be identical, or this throws.
 */
export function registerVendoredContexts(): void {
  const map = vendorJson<{ contexts: Record<string, string> }>('contexts-map.json');
  for (const [url, file] of Object.entries(map.contexts)) registerContext(url, vendorJson(file));
}
