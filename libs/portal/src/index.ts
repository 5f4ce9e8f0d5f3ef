export { PortalModule } from './portal.module';
export { PortalEngagementSignalsModule } from './admin-oversight/portal-engagement-signals.module';
