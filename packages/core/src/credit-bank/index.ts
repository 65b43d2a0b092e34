/**
 * Public surface of the credit bank (学分银行): lifelong learner accounts, recognition, accumulation
 * and conversion of learning outcomes under versioned institution rules, an append-only ledger of
 * self-explaining credit transactions, and CLR 2.0 learner records.
 */

export * from './clr.ts';
export * from './credit-bank.errors.ts';
export * from './credit-bank.model.ts';
export * from './credit-bank.ports.ts';
export * from './credit-bank.rules.ts';
export * from './credit-bank.service.ts';
