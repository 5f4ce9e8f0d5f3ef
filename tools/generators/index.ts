export { useCaseGenerator } from './use-case';
export type { UseCaseSchema } from './use-case';
