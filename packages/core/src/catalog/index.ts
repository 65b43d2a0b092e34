export * from './catalog.errors.ts';
export * from './catalog.model.ts';
export * from './catalog.ports.ts';
export * from './catalog.rules.ts';
export * from './catalog.service.ts';
export * from './reference/reference.ts';
export * from './reference-document.ts';
