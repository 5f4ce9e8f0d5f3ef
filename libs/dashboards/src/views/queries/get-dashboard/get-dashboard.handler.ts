import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError, NotFoundError, RuleViolationError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsTx, DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { signalsOf } from '../../../definitions/domain/metric-definition.rules';
import { applyLayout, GROUP_VIEW_KEY, landingView, type ViewDefinition } from '../../../definitions/domain/view-definition.rules';
import { loadMetricDefinitions, loadViewDefinitions } from '../../../definitions/infrastructure/definitions.repository';
import { callerOf } from '../../domain/caller.rules';
import { buildTile, providerBound, siteBound, type DashboardView, type TileInput } from '../../domain/dashboard.view';
import { addDays, filterOutsideScope, isFiltered, resolveFilters, type Caller, type ResolvedFilters } from '../../domain/filters.rules';
import { metricAccess } from '../../domain/metric-access.rules';
import { TRAILING_DAYS, type StoredCell } from '../../domain/metric-value.rules';
import { appendDashboardAuditEvents, type DashboardAuditEntry } from '../../infrastructure/dashboard-audit.repository';
import {
  organizationSites,
  organizationTimeZone,
  readCells,
  readLayout,
  readSourceStatuses,
  touchViewRendered,
} from '../../infrastructure/dashboard-read.repository';
import { GetDashboardQuery, type DashboardDenied, type DashboardResult } from './get-dashboard.query';

export const DASHBOARD_VIEW_AUDIT_ACTION = 'dashboards.view.read';

@QueryHandler(GetDashboardQuery)
@TenantUseCase(GetDashboardQuery, { audit: { action: DASHBOARD_VIEW_AUDIT_ACTION, resource: 'dashboard_view' } })
export class GetDashboardHandler implements DsUseCaseHandler<GetDashboardQuery, DashboardResult> {
  async execute(q: GetDashboardQuery, { ctx, tx, audit, principal }: DsUseCase): Promise<DashboardResult> {
    if (!principal) throw audit.refuse('no_staff_user', new ForbiddenError('Dashboards are rendered for a signed-in staff user.'));
    const org = ctx.organizationId;
    const caller = callerOf(principal, org, ctx.siteIds);
    const now = new Date();
    const timeZone = await organizationTimeZone(tx, org);
    const filters = resolveFilters(q.filters, now, timeZone);
    const scopeContext = {
      target: q.target.kind,
      ...(q.target.kind === 'view' ? { viewKey: q.target.viewKey } : {}),
      ...filters,
      roles: caller.roles,
    };

    const views = await loadViewDefinitions(tx, org);
    const deny = async (reason: string, message: string, field: string, viewId: string | null): Promise<DashboardDenied> => {
      const events = await appendDashboardAuditEvents(tx, org, [
        { eventType: 'denied', actorId: caller.userId, viewId, scopeContext: { ...scopeContext, reason } },
      ]);
      audit.outcome('denied', reason).scope({ dashboardEvents: events, ...auditFacts(filters, q) });
      return { outcome: 'denied', message, errors: [{ field, message }] };
    };

    let view: ViewDefinition | null | undefined;
    if (q.target.kind === 'me') {
      view = landingView(views, caller.roles);
      if (!view) return deny('no_view_for_role', 'No dashboard view is bound to your role.', 'role', null);
    } else if (q.target.kind === 'cross-site') {
      view = views.find((v) => v.viewKey === GROUP_VIEW_KEY);
      if (!view) throw new NotFoundError('The group comparison view is not defined.');
      if (!caller.crossSite)
        return deny(
          'missing dashboards.cross-site.view',
          'The group / multi-site view needs the dashboards.cross-site.view grant.',
          'permission',
          view.id,
        );
    } else {
      const key = q.target.viewKey;
      view = views.find((v) => v.viewKey === key);
      if (!view) throw new NotFoundError('No such dashboard view.');
      if (view.viewKey === GROUP_VIEW_KEY && !caller.crossSite)
        return deny(
          'missing dashboards.cross-site.view',
          'The group / multi-site view needs the dashboards.cross-site.view grant.',
          'permission',
          view.id,
        );
      if (view.viewKey !== GROUP_VIEW_KEY && !view.roleBinding.some((r) => caller.roles.includes(r)))
        return deny('view_not_bound_to_role', 'This dashboard view is not bound to your role.', 'viewId', view.id);
    }

    const outside = filterOutsideScope(filters, caller);
    if (outside)
      return deny(
        `filter_outside_scope:${outside.errors?.[0]?.field ?? ''}`,
        outside.message,
        outside.errors?.[0]?.field ?? 'filters',
        view.id,
      );
    const sites = await organizationSites(tx, org);
    if (filters.siteId && !sites.some((s) => s.id === filters.siteId))
      throw new RuleViolationError('The site is not one of the organization.', [
        { field: 'siteId', message: 'no such site in this organization' },
      ]);

    const dashboard = await this.render(
      tx,
      org,
      caller,
      view,
      filters,
      q.target.kind === 'cross-site' || view.viewKey === GROUP_VIEW_KEY,
      sites,
      now,
      timeZone,
      isFiltered(q.filters),
    );

    const entries: DashboardAuditEntry[] = [
      {
        eventType: 'accessed',
        actorId: caller.userId,
        viewId: view.id,
        scopeContext: {
          ...scopeContext,
          permissionScope: view.permissionScope,
          sites: caller.sites,
          metrics: dashboard.tiles.map((t) => t.metricKey),
        },
      },
    ];
    if (isFiltered(q.filters)) entries.push({ eventType: 'filtered', actorId: caller.userId, viewId: view.id, scopeContext });
    if (view.viewKey === GROUP_VIEW_KEY) {
      const inScope = caller.sites === 'all' ? sites.map((s) => s.id) : caller.sites;
      entries.push({
        eventType: 'cross-site-accessed',
        actorId: caller.userId,
        viewId: view.id,
        scopeContext: { ...scopeContext, sitesInScope: inScope },
      });
    }
    const events = await appendDashboardAuditEvents(tx, org, entries);
    await touchViewRendered(tx, org, view.viewKey, now);
    audit.scope({ dashboardEvents: events, view: view.viewKey, tiles: dashboard.tiles.length, ...auditFacts(filters, q) });
    return { outcome: 'ok', dashboard };
  }

  private async render(
    tx: DsTx,
    org: string,
    caller: Caller,
    view: ViewDefinition,
    filters: ResolvedFilters,
    crossSite: boolean,
    sites: { id: string; name: string }[],
    now: Date,
    timeZone: string,
    filtered: boolean,
  ): Promise<DashboardView> {
    const defs = new Map((await loadMetricDefinitions(tx, org)).map((d) => [d.metricKey, d]));
    const layout = crossSite || !view.userLayoutEnabled ? null : await readLayout(tx, org, caller.userId, view.viewKey);
    const keys = applyLayout(view, layout);
    const shown = keys
      .map((k) => defs.get(k))
      .filter((d): d is NonNullable<typeof d> => d !== undefined && view.enabledModules.includes(d.domain))
      .map((def) => ({ def, access: metricAccess(def, caller, providerBound(def)) }))
      .filter((m): m is { def: typeof m.def; access: 'own' | 'scoped' } => m.access !== 'none')
      .filter((m) => !crossSite || siteBound(m.def));

    const trailingFrom = addDays(filters.from, -TRAILING_DAYS);
    const signals = (access: 'own' | 'scoped'): string[] => [
      ...new Set(shown.filter((m) => m.access === access).flatMap((m) => signalsOf(m.def.calculation))),
    ];
    const base = { from: trailingFrom, to: filters.to, sites: caller.sites, siteId: filters.siteId };
    const [scopedCells, ownCells, siteCells, statuses] = await Promise.all([
      readCells(tx, org, { ...base, signals: signals('scoped'), providerId: filters.providerId, bySite: false }),
      readCells(tx, org, { ...base, sites: 'all', signals: signals('own'), providerId: caller.userId, bySite: false }),
      crossSite
        ? readCells(tx, org, {
            from: filters.from,
            to: filters.to,
            sites: caller.sites,
            siteId: filters.siteId,
            signals: signals('scoped'),
            providerId: filters.providerId,
            bySite: true,
          })
        : Promise.resolve([] as StoredCell[]),
      readSourceStatuses(tx, org),
    ]);
    const inScope = sites.filter(
      (s) => (caller.sites === 'all' || caller.sites.includes(s.id)) && (!filters.siteId || s.id === filters.siteId),
    );

    const tiles = shown.map(({ def, access }) => {
      const wanted = new Set(signalsOf(def.calculation));
      const cells = (access === 'own' ? ownCells : scopedCells).filter((c) => wanted.has(c.signal));
      let bySite: TileInput['bySite'] = null;
      if (crossSite) {
        bySite = inScope.map((s) => {
          const siteTile = buildTile(
            {
              def,
              access,
              cells: siteCells.filter((c) => c.siteId === s.id && wanted.has(c.signal)),
              status: statuses.get(def.calculationSource),
              core: false,
              bySite: null,
            },
            filters,
            now,
            timeZone,
          );
          return { siteId: s.id, siteName: s.name, value: siteTile.value };
        });
      }
      return buildTile(
        { def, access, cells, status: statuses.get(def.calculationSource), core: view.coreMetricKeys.includes(def.metricKey), bySite },
        filters,
        now,
        timeZone,
      );
    });
    return {
      view: {
        id: view.id,
        key: view.viewKey,
        name: view.name,
        permissionScope: view.permissionScope,
        layoutVersion: view.layoutVersion,
        userLayoutEnabled: view.userLayoutEnabled,
      },
      filters: { range: filters.range, from: filters.from, to: filters.to, siteId: filters.siteId, providerId: filters.providerId },
      state: filtered ? 'Filtered' : 'Viewed',
      generatedAt: now.toISOString(),
      tiles,
    };
  }
}

function auditFacts(filters: ResolvedFilters, q: GetDashboardQuery): Record<string, unknown> {
  return {
    target: q.target.kind,
    range: filters.range,
    from: filters.from,
    to: filters.to,
    siteId: filters.siteId,
    providerId: filters.providerId,
  };
}
