/**
 * Public surface of the ledger module: the OneX transparency log (ARCHITECTURE.md §4). C2SP signed
 * notes, checkpoints, cosignatures and tiles; the log's entry layout, storage plan and service;
 * witnesses; the `logged` verification check.
 */
export * from './checkpoint.ts';
export * from './cosignature.ts';
export * from './ledger.errors.ts';
export * from './ledger.model.ts';
export * from './ledger.ports.ts';
export * from './ledger.rules.ts';
export * from './ledger.service.ts';
export * from './logged-check.ts';
export * from './note.ts';
export * from './offline-verifier.ts';
export * from './tile-reader.ts';
export * from './tiles.ts';
export * from './witness.ts';
