export { PortalModule } from './portal.module';
export { PortalWorkerModule } from './portal-worker.module';
export { PortalEngagementSignalsModule } from './engagement-signals/engagement-signals.module';
