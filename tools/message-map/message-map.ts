import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { EVENT_TYPES, EVENTS_WITHOUT_CONSUMER, JOB_MAP, SCHEDULED_JOBS } from '@cairn/platform/messaging';

/**
 * docs/message-map.md, generated: which handler answers each command and query, and which consumer each event
 * queue has. The CQRS buses and BullMQ hide the trail from a sender to its handler (a static reader cannot
 * follow `CommandBus.execute`); this map restores it from the source text: `@CommandHandler(X)` /
 * `@QueryHandler(X)` decorators, `new X(` call sites, `extends EventConsumer<'queue'>` classes, the
 * `outbox.publish(NAME, ...)` calls and the job map itself.
 */
export const MESSAGE_MAP_FILE = 'docs/message-map.md';
const SOURCE_ROOTS = ['apps', 'libs'];

interface SourceFile {
  path: string;
  text: string;
}

/** Production TypeScript under apps/ and libs/ (no tests, no generated code, no web apps), sorted by path. */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (['node_modules', 'generated', 'dist', 'test'].includes(entry.name) || /-web$/.test(entry.name)) continue;
        walk(full);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|test-fixture)\.ts$/.test(entry.name)) {
        files.push({ path: relative(root, full).split(sep).join('/'), text: withoutComments(readFileSync(full, 'utf8')) });
      }
    }
  };
  for (const r of SOURCE_ROOTS) walk(join(root, r));
  return files;
}

/**
 * The code without its comments (block comments that open a line, and line comments), so an example in a JSDoc
 * (`@CommandHandler(SignProgressNoteCommand)` in the use-case decorator's) is not taken for a handler.
 */
export function withoutComments(text: string): string {
  return text.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
}

interface Handled {
  kind: 'command' | 'query';
  message: string;
  definedIn: string;
  handler: string;
  handlerFile: string;
  sentFrom: string[];
}

const CONSUMER = /export class (\w+) extends EventConsumer<'([\w-]+)'>/;
const CONSUMER_NAME = /consumerName = '([\w.-]+)'/;

function handledMessages(files: SourceFile[]): Handled[] {
  const defined = new Map<string, string>();
  for (const f of files) for (const m of f.text.matchAll(/export class (\w+(?:Command|Query))\b/g)) defined.set(m[1]!, f.path);
  const out: Handled[] = [];
  for (const f of files) {
    for (const m of f.text.matchAll(/@(Command|Query)Handler\((\w+)\)/g)) {
      // The class the decorator sits on: the next class declaration (other decorators may come between).
      const handler = /\bclass (\w+)/.exec(f.text.slice(m.index! + m[0].length))?.[1];
      if (!handler) throw new Error(`${f.path}: @${m[1]}Handler(${m[2]}) on no class`);
      const message = m[2]!;
      const sentFrom = files.filter((s) => s.path !== f.path && new RegExp(`new ${message}\\(`).test(s.text)).map((s) => s.path);
      out.push({
        kind: m[1] === 'Command' ? 'command' : 'query',
        message,
        definedIn: defined.get(message) ?? '?',
        handler,
        handlerFile: f.path,
        sentFrom,
      });
    }
  }
  return out.sort((a, b) => a.message.localeCompare(b.message) || a.handler.localeCompare(b.handler));
}

/** Event name constants (e.g. CL_GROUP_SESSION_DOCUMENTED_V1) -> event names, from their `export const` lines. */
function eventConstants(files: SourceFile[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of files) for (const m of f.text.matchAll(/export const (\w+_V\d+) = '([\w.]+)'/g)) names.set(m[1]!, m[2]!);
  return names;
}

function publishers(files: SourceFile[], constants: Map<string, string>): Map<string, string[]> {
  const byEvent = new Map<string, string[]>();
  for (const f of files) {
    for (const m of f.text.matchAll(/\.publish(?:In)?\((?:\w+, )?(\w+_V\d+)\b/g)) {
      const event = constants.get(m[1]!);
      if (!event) continue;
      const list = byEvent.get(event) ?? [];
      if (!list.includes(f.path)) list.push(f.path);
      byEvent.set(event, list.sort());
    }
  }
  return byEvent;
}

const code = (s: string) => `\`${s}\``;
const list = (items: string[]) => (items.length ? items.map(code).join('<br>') : '—');

/** The whole document, from the sources under `root`. */
export function renderMessageMap(root: string): string {
  const files = readSources(root);
  const handled = handledMessages(files);
  const constants = eventConstants(files);
  const published = publishers(files, constants);
  const consumers = files.flatMap((f) => {
    const m = CONSUMER.exec(f.text);
    return m ? [{ queue: m[2]!, consumer: m[1]!, name: CONSUMER_NAME.exec(f.text)?.[1] ?? '?', file: f.path, text: f.text }] : [];
  });
  /** The event handler a processor dispatches an event to: its `case CONSTANT: return this.field.handle(` and the field's class. */
  const dispatchedTo = (text: string, event: string): string | undefined => {
    for (const m of text.matchAll(/case (\w+_V\d+):\s*return this\.(\w+)\.handle\(/g)) {
      if (constants.get(m[1]!) !== event) continue;
      return new RegExp(`private readonly ${m[2]}: (\\w+)`).exec(text)?.[1];
    }
    return undefined;
  };

  const lines = [
    '# Message map',
    '',
    '<!-- Generated by `npm run message-map` (tools/message-map); do not edit. CI (tools/message-map/message-map.spec.ts) fails when it is stale. -->',
    '',
    'Who answers what on the CQRS buses and the event queues. A sender names a command or query class and the bus',
    'finds its handler at run time, and an event travels through the outbox, the relay and BullMQ: neither trail can be',
    'followed by reading the code, so this page is generated from it.',
    '',
    '## Commands',
    '',
    '| command | defined in | handled by | sent from |',
    '| --- | --- | --- | --- |',
    ...handled
      .filter((h) => h.kind === 'command')
      .map((h) => `| ${code(h.message)} | ${code(h.definedIn)} | ${code(h.handler)}<br>${code(h.handlerFile)} | ${list(h.sentFrom)} |`),
    '',
    '## Queries',
    '',
    '| query | defined in | handled by | sent from |',
    '| --- | --- | --- | --- |',
    ...handled
      .filter((h) => h.kind === 'query')
      .map((h) => `| ${code(h.message)} | ${code(h.definedIn)} | ${code(h.handler)}<br>${code(h.handlerFile)} | ${list(h.sentFrom)} |`),
    '',
    '## Integration events',
    '',
    'Routed by `JOB_MAP` (libs/platform/messaging/src/job-map.ts); one processor per queue, which only dispatches to the event handler after the arrow.',
    '',
    '| event | published from | queue | consumer (processed-events name) |',
    '| --- | --- | --- | --- |',
  ];
  const dispatch = (text: string, event: string) => {
    const handler = dispatchedTo(text, event);
    return handler ? `<br>→ ${code(handler)}` : '';
  };
  const waiting: readonly string[] = EVENTS_WITHOUT_CONSUMER;
  for (const event of [...EVENT_TYPES].sort()) {
    const queues = Object.entries(JOB_MAP)
      .filter(([, events]) => (events as readonly string[]).includes(event))
      .map(([q]) => q);
    const from = list(published.get(event) ?? []);
    if (queues.length === 0) {
      lines.push(
        `| ${code(event)} | ${from} | none${waiting.includes(event) ? ' (EVENTS_WITHOUT_CONSUMER: kept in the outbox until a consumer exists)' : ''} | — |`,
      );
      continue;
    }
    for (const q of queues) {
      const c = consumers.filter((x) => x.queue === q);
      lines.push(
        `| ${code(event)} | ${from} | ${code(q)} | ${c.length ? c.map((x) => `${code(x.consumer)} (${code(x.name)})<br>${code(x.file)}${dispatch(x.text, event)}`).join('<br>') : '**none**'} |`,
      );
    }
  }
  lines.push(
    '',
    '## Scheduled jobs',
    '',
    'Queues the worker fills itself on a timer (`SCHEDULED_JOBS`); the relay never sees them.',
    '',
    '| queue | job | scheduled by |',
    '| --- | --- | --- |',
    ...Object.entries(SCHEDULED_JOBS)
      .sort()
      .map(([q, job]) => {
        const by = files.filter((f) => f.text.includes(`'${q}'`) && /upsertJobScheduler/.test(f.text)).map((f) => f.path);
        return `| ${code(q)} | ${code(job)} | ${list(by)} |`;
      }),
    '',
  );
  return lines.join('\n');
}
