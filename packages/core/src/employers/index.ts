/**
 * Public surface of employers (用人单位) and learners' consent: employers as organizations, and
 * grants by which a learner lets one employer see their certificates, for a purpose, until they
 * expire or the learner revokes them.
 */

export * from './employers.errors.ts';
export * from './employers.model.ts';
export type * from './employers.ports.ts';
export * from './employers.rules.ts';
export * from './employers.service.ts';
