export { CODE_PATTERN, CODE_SYSTEMS, UNIT_BASES } from './code';
export type { CodeInvalidReason, CodeSystem, CodeValidity, CodeView, UnitBasis } from './code';
export { ListCodesQuery } from './list-codes.query';
export type { CodePage, CodeSearch } from './list-codes.query';
export { ValidateCodeQuery } from './validate-code.query';
export { codeValidityOn } from './code-validity';
