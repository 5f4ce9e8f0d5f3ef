import { useCaseDeclarationOf } from '@cairn/platform/use-case';

import { ListConsentWorklistHandler } from './list-consent-worklist.handler';
import { ListConsentWorklistQuery } from './list-consent-worklist.query';

describe('ListConsentWorklistHandler', () => {
  it('is a tenant use case of ListConsentWorklistQuery that audits consent-worklist.list', () => {
    const declaration = useCaseDeclarationOf(ListConsentWorklistHandler);
    expect(declaration?.message).toBe(ListConsentWorklistQuery);
    expect(declaration?.audit && declaration.audit.action).toBe('group-encounter-generation.consent-worklist');
  });
});
