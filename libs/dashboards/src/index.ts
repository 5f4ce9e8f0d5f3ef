export { DashboardsModule } from './dashboards.module';
export { MetricStoreWorkerModule } from './metric-store/metric-store.module';
