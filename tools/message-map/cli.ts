import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { MESSAGE_MAP_FILE, renderMessageMap } from './message-map';

// npm run message-map: rewrites docs/message-map.md from the sources.
const root = resolve(__dirname, '../..');
writeFileSync(join(root, MESSAGE_MAP_FILE), renderMessageMap(root));
console.log(`wrote ${MESSAGE_MAP_FILE}`);
