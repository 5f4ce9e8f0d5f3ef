export { DashboardsModule } from './dashboards.module';
export { DashboardsWorkerModule } from './dashboards-worker.module';
export { MetricStoreWorkerModule } from './metric-store/metric-store.module';
