export { PmContractHandlersModule, PmModule } from './pm.module';
export { PmWorkerModule } from './pm-worker.module';
export { PmPerformanceSignalsModule } from './performance-signals/performance-signals.module';
