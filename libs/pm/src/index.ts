export { PmModule } from './pm.module';
