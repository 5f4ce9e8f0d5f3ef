import 'reflect-metadata';

import { runWorkerProcess } from '../src';
import { ProbeConsumerModule } from './probe';

// The real worker entry (configuration, start-up, SIGTERM drain, relay) plus the probe consumer: what the
// messaging tests run as a child process and kill.
runWorkerProcess([ProbeConsumerModule]);
