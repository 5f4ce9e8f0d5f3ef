import { Query } from '@nestjs/cqrs';

import type { Principal } from '@cairn/platform/tenancy';

export interface MeView {
  user: { id: string; email: string; displayName: string };
  organizations: {
    id: string;
    name: string;
    slug: string;
    roles: string[];
    permissions: string[];
    sites: { id: string; code: string; name: string; permissions: string[] }[];
  }[];
}

export class GetMeQuery extends Query<MeView> {
  constructor(readonly principal: Principal) {
    super();
  }
}
