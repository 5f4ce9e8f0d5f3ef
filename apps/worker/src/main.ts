import 'reflect-metadata';
import { runWorkerProcess } from './worker-process';

// The bounded contexts' consumer modules join this list as they arrive (e.g. PM's charge creation).
void runWorkerProcess([]);
