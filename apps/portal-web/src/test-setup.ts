import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait up to 5 s (the default 1 s is too short when the machine runs several suites at once: a
// busy CI host rendered the review page in 2.1 s). A test that waits for something that never comes still fails.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => cleanup());
