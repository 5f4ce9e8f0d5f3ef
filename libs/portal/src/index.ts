export { PortalModule } from './portal.module';
export { PortalWorkerModule } from './portal-worker.module';
