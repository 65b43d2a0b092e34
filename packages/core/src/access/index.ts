export * from './access.errors.ts';
export * from './access.model.ts';
export type * from './access.ports.ts';
export * from './access.rules.ts';
export * from './access.service.ts';
