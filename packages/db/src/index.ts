export * from './database.ts';
export * from './identity-vault.ts';
export * from './migrate.ts';
export * from './reference-data.ts';
export * from './repositories/index.ts';
export type { DB } from './schema.ts';
export * from './system.ts';
export * from './runtime.ts';
