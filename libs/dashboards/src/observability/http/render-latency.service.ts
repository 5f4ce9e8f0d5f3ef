import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, tap } from 'rxjs';

import { DashboardsMetrics } from '../infrastructure/dashboards-metrics.service';

/** The view routes whose render time is measured, by route template. */
const VIEW_ROUTES = /\/dashboards\/(me|cross-site|views\/:viewId)$/;

/**
 * Times every render of a dashboard view (cairn_dashboard_render_seconds{view,outcome}), labelled by the view key
 * the answer names (the caller's own view under /me too), or the route for a refusal. Registered app-wide by the
 * dashboards module; it ignores every other route.
 */
@Injectable()
export class RenderLatencyInterceptor implements NestInterceptor {
  constructor(private readonly metrics: DashboardsMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const route = typeof req.route?.path === 'string' ? (req.route.path as string) : '';
    const match = req.method === 'GET' ? VIEW_ROUTES.exec(route) : null;
    if (!match) return next.handle();
    const stop = this.metrics.render.startTimer();
    const fallback = match[1] === 'views/:viewId' ? 'unknown' : match[1]!;
    return next.handle().pipe(
      tap({
        next: (body) => {
          const key = (body as { view?: { key?: unknown } } | undefined)?.view?.key;
          stop({ view: typeof key === 'string' ? key : fallback, outcome: 'ok' });
        },
        error: () => stop({ view: fallback, outcome: 'error' }),
      }),
    );
  }
}
