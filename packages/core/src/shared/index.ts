export * from './csv.ts';
export * from './errors.ts';
export * from './ports.ts';
export * from './text.ts';
