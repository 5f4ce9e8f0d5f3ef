import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { PrismaService } from '@cairn/platform/db';
import { organizationsOf } from '@cairn/platform/tenancy';
import { OutsideUseCasePipeline } from '@cairn/platform/use-case';

import { GetMeQuery, MeView } from './get-me.query';

interface SiteRow {
  organization_id: string;
  site_id: string;
  code: string;
  name: string;
}

@QueryHandler(GetMeQuery)
@OutsideUseCasePipeline('answers who the principal is across organizations, from the principal the guard loaded: no tenant, no PHI')
export class GetMeHandler implements IQueryHandler<GetMeQuery> {
  constructor(private readonly prisma: PrismaService) {}

  async execute({ principal }: GetMeQuery): Promise<MeView> {
    const [user, sites] = await Promise.all([
      this.prisma.staffUser.findUniqueOrThrow({ where: { id: principal.userId }, select: { id: true, email: true, displayName: true } }),
      this.prisma.$queryRaw<SiteRow[]>`SELECT * FROM pf_principal_sites(${principal.userId}::uuid)`,
    ]);
    return {
      user,
      organizations: organizationsOf(principal).map((org) => {
        const grants = principal.grants.filter((g) => g.organizationId === org.id);
        return {
          ...org,
          roles: grants.map((g) => g.roleKey).sort(),
          permissions: [...new Set(grants.flatMap((g) => g.permissionKeys))].sort(),
          sites: sites
            .filter((s) => s.organization_id === org.id)
            .map((s) => ({
              id: s.site_id,
              code: s.code,
              name: s.name,
              permissions: [
                ...new Set(grants.filter((g) => g.allSites || g.siteIds.includes(s.site_id)).flatMap((g) => g.permissionKeys)),
              ].sort(),
            })),
        };
      }),
    };
  }
}
