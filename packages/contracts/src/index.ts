export * from './access.contract.ts';
export * from './assessment.contract.ts';
export * from './catalog.contract.ts';
export * from './common.contract.ts';
export * from './credentials.contract.ts';
export * from './credit-bank.contract.ts';
export * from './curriculum.contract.ts';
export * from './programs.contract.ts';
