export { PortalModule } from './portal.module';
export { PortalEngagementSignalsModule } from './engagement-signals/engagement-signals.module';
