import { useCaseDeclarationOf } from '@cairn/platform/use-case';

import { GetGroupEncounterGenerationHandler } from './get-group-encounter-generation.handler';
import { GetGroupEncounterGenerationQuery } from './get-group-encounter-generation.query';

describe('GetGroupEncounterGenerationHandler', () => {
  it('is a tenant use case of GetGroupEncounterGenerationQuery that audits group-encounter-generation.read', () => {
    const declaration = useCaseDeclarationOf(GetGroupEncounterGenerationHandler);
    expect(declaration?.message).toBe(GetGroupEncounterGenerationQuery);
    expect(declaration?.audit && declaration.audit.action).toBe('group-encounter-generation.read');
  });
});
