import type { PmRow } from '../../pm.tx';

type ServiceType = PmRow<'serviceType'>;

export interface ServiceTypeView {
  code: string;
  name: string;
  category: string;
  active: boolean;
  updatedAt: string;
}

export const toServiceTypeView = (s: ServiceType): ServiceTypeView => ({
  code: s.code,
  name: s.name,
  category: s.category,
  active: s.active,
  updatedAt: s.updatedAt.toISOString(),
});
