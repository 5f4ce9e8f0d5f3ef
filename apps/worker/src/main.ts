import 'reflect-metadata';

import { runWorkerProcess } from '@cairn/platform/messaging';

import { WORKER_MODULES } from './worker.module';

void runWorkerProcess(WORKER_MODULES);
