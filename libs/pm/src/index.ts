export { PmContractHandlersModule, PmModule } from './pm.module';
