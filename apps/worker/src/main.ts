import 'reflect-metadata';

import { runWorkerProcess } from '@cairn/platform/messaging';

import { WORKER_MODULES } from './worker.module';

runWorkerProcess(WORKER_MODULES);
