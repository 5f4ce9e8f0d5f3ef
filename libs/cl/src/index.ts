export { ClModule } from './cl.module';
export { ClWorkerModule } from './cl-worker.module';
