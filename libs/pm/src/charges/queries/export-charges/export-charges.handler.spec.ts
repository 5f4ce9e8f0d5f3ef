import { useCaseDeclarationOf } from '@cairn/platform/use-case';

import { ExportChargesHandler } from './export-charges.handler';
import { ExportChargesQuery } from './export-charges.query';

describe('ExportChargesHandler', () => {
  it('is a tenant use case of ExportChargesQuery that audits charges.export', () => {
    const declaration = useCaseDeclarationOf(ExportChargesHandler);
    expect(declaration?.message).toBe(ExportChargesQuery);
    expect(declaration?.audit && declaration.audit.action).toBe('charge.export');
  });
});
