export * from './catalog/index.ts';
export * from './credentials/index.ts';
export * from './crypto/index.ts';
export * from './errors.ts';
export * from './platform.ts';
export * from './programs/index.ts';
export * from './shared/index.ts';
export * from './status-list/index.ts';
