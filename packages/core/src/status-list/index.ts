/**
 * Public surface of the status-list module: W3C Bitstring Status List v1.0
 * (https://www.w3.org/TR/vc-bitstring-status-list/).
 */
export { ALLOCATE_RANDOM_ATTEMPTS, allocateIndex, randomBelow } from './allocator.ts';
export {
  BitstringStatusList,
  type DecodeOptions,
  MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_LENGTH,
} from './bitstring.ts';
export {
  type StatusListErrorCode,
  type StatusProblem,
  statusListErrorCodes,
} from './status-list.errors.ts';
export {
  type BitstringStatusListEntry,
  type BitstringStatusListSubject,
  buildStatusListCredential,
  buildStatusListEntry,
  type IssuableStatusPurpose,
  isStatusPurpose,
  issuableStatusPurposes,
  type StatusListCredentialInput,
  type StatusPurpose,
  statusPurposes,
  type UnsignedBitstringStatusListCredential,
} from './status-list.model.ts';
export {
  checkStatus,
  checkStatusWithList,
  type ParsedStatusEntry,
  type ParsedStatusListCredential,
  parseStatusEntry,
  parseStatusListCredential,
  parseStatusListIndex,
  type StatusCheck,
  type StatusResult,
} from './status-list.rules.ts';
