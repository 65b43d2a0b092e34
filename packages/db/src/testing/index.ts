export * from './engines.ts';
export * from './platform.ts';
