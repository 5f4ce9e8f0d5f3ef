import 'reflect-metadata';
import { ClWorkerModule } from '@cairn/cl';
import { PmContractHandlersModule, PmWorkerModule } from '@cairn/pm';
import { runWorkerProcess } from './worker-process';

// The bounded contexts' consumer modules, and the contract handlers their consumers send commands to.
void runWorkerProcess([
  PmContractHandlersModule,
  ClWorkerModule,
  PmWorkerModule,
]);
