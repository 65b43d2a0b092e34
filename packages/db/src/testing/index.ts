export * from './curriculum-fixture.ts';
export * from './engines.ts';
export * from './platform.ts';
