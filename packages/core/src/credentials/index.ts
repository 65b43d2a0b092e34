/**
 * Public surface of the credentials module: Open Badges 3.0 / VC 2.0 credentials with Data Integrity
 * EdDSA proofs (eddsa-rdfc-2022, eddsa-jcs-2022) and VC-JWT, the OneX verifier, its sources and the
 * regulator's trust list.
 */

export * from './batch-signer.ts';
export * from './compose.ts';
export * from './credential.model.ts';
export * from './credential.ports.ts';
export * from './credentials.errors.ts';
export * from './credentials.issuance.errors.ts';
export * from './credentials.service.ts';
export * from './did-web.ts';
export * from './issuance.ports.ts';
export * from './jwt.ts';
export * from './presentation.ts';
export * from './proof.ts';
export * from './rdfc/index.ts';
export * from './session-issuance.ts';
export * from './shape.ts';
export * from './sources.ts';
export * from './trust-list.ts';
export * from './verifier.ts';
