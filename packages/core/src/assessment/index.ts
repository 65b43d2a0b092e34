export * from './assessment.errors.ts';
export * from './assessment.model.ts';
export * from './assessment.ports.ts';
export * from './assessment.rules.ts';
export * from './assessment.service.ts';
export * from './results-import.ts';
