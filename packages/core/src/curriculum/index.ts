export * from './case.ts';
export * from './curriculum.errors.ts';
export * from './curriculum.model.ts';
export * from './curriculum.ports.ts';
export * from './curriculum.rules.ts';
export * from './curriculum.service.ts';
export * from './mapping-csv.ts';
export * from './optimizer.ts';
