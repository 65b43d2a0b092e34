export * from './catalog/index.ts';
export * from './errors.ts';
export * from './programs/index.ts';
export * from './shared/index.ts';
export * from './platform.ts';
