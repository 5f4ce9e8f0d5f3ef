export { ClModule } from './cl.module';
export { ClWorkerModule } from './cl-worker.module';
export { ClPerformanceSignalsModule } from './performance-signals/performance-signals.module';
