export * from './national-id.ts';
export * from './programs.errors.ts';
export * from './programs.model.ts';
export * from './programs.ports.ts';
export * from './programs.service.ts';
