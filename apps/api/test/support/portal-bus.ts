import type { INestApplication } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { ClsService } from 'nestjs-cls';

import { TENANT_CONTEXT, TenantContext } from '@cairn/platform/db';

const QUERY_HANDLER = '__queryHandler__';

/**
 * Sends a query the API has no route for on its own (a section a portal overview assembles) through the real query
 * bus and use-case pipeline, as `tenant`. The query class is found by name among the registered handlers, so a test
 * needs no deep import into a context.
 */
export async function executeQueryAs<T>(app: INestApplication, tenant: TenantContext, queryName: string, ...args: unknown[]): Promise<T> {
  const discovery = app.get(DiscoveryService);
  const query = discovery
    .getProviders()
    .map((p) =>
      p.metatype ? (Reflect.getMetadata(QUERY_HANDLER, p.metatype) as (new (...a: unknown[]) => object) | undefined) : undefined,
    )
    .find((q) => q?.name === queryName);
  if (!query) throw new Error(`no handler registered for ${queryName}`);
  const cls = app.get(ClsService);
  return cls.run(async () => {
    cls.set(TENANT_CONTEXT, tenant);
    return app.get(QueryBus).execute(new query(...args)) as Promise<T>;
  });
}
