export { PmContractHandlersModule, PmModule } from './pm.module';
export { PmWorkerModule } from './pm-worker.module';
