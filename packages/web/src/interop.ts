/**
 * The default export of a CommonJS module that sets `exports.default` (jsqr, antd's locales):
 * bundlers hand over that value, TypeScript's Node rules type the whole module object.
 */
export function cjsDefault<T>(module: unknown): T {
  const m = module as { default?: T; __esModule?: boolean };
  return m && typeof m === 'object' && 'default' in m && m.default !== undefined ? m.default : (module as T);
}
