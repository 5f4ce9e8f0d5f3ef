import { shiftDatesOf, stableUuid } from './deterministic';

/**
 * The client portal's care features in the demo data (issue 18): therapeutic goals with progress history, homework
 * in every state, resources recommended by the therapist, a customised crisis toolkit and one crisis-alert episode,
 * for the demo patients who have an active portal account (made by the portal accounts' demo module), with their
 * current primary therapist as the staff author. Pure: a function of the clients only, ids derived from their ids,
 * so a re-run adds nothing. Dates are anchored before and around the demo REFERENCE_DATE (2026-01-01).
 */

export interface DemoPortalClient {
  organizationId: string;
  patientId: string;
  accountId: string;
  therapistId: string;
}

type Row = Record<string, unknown>;

export interface DemoPortalCare {
  goals: Row[];
  goalProgress: Row[];
  homework: Row[];
  resources: Row[];
  toolkits: Row[];
  toolkitOpens: Row[];
  alerts: Row[];
  notifications: Row[];
}

const at = (day: string, time = '15:00:00') => `${day}T${time}Z`;

/** A PostgreSQL array literal of texts (the unnest insert takes one text per row, cast to text[]). */
export function pgTextArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const GOALS = [
  {
    key: 'sleep',
    title: 'Sleep 7 hours on most nights',
    description: 'Same bedtime on weeknights; screens off by 10 pm.',
    targetDate: '2026-03-01',
    by: 'staff' as const,
    history: [
      [0, 'active', null, '2025-10-06'],
      [30, 'active', 'Four good nights last week.', '2025-11-03'],
      [60, 'active', 'Bedtime routine is sticking.', '2025-12-08'],
    ] as const,
  },
  {
    key: 'walk',
    title: 'Walk 20 minutes after lunch',
    description: 'Three times a week, with a friend when possible.',
    targetDate: null,
    by: 'client' as const,
    history: [
      [0, 'active', null, '2025-09-15'],
      [50, 'active', 'Managed twice most weeks.', '2025-10-20'],
      [100, 'achieved', 'Three times a week for a month now.', '2025-11-24'],
    ] as const,
  },
];

const HOMEWORK = [
  {
    key: 'thought-record',
    status: 'assigned',
    type: 'thought_record',
    title: 'Thought Record Exercise',
    description: 'Complete a thought record for 3 situations this week.',
    assigned: '2025-12-22',
    due: '2026-01-05',
  },
  {
    key: 'activity-log',
    status: 'completed',
    type: 'behavioral_activation',
    title: 'Pleasant activity log',
    description: 'Plan and log one pleasant activity each day.',
    assigned: '2025-12-08',
    due: '2025-12-15',
  },
  {
    key: 'breathing',
    status: 'reviewed',
    type: 'mindfulness',
    title: 'Paced breathing practice',
    description: 'Five minutes of paced breathing each morning.',
    assigned: '2025-11-24',
    due: '2025-12-01',
  },
  {
    key: 'reading',
    status: 'cancelled',
    type: 'reading',
    title: 'Read the sleep hygiene handout',
    description: 'Replaced by a session on sleep.',
    assigned: '2025-11-10',
    due: '2025-11-17',
  },
] as const;

const RESOURCES = [
  {
    key: 'sleep',
    title: 'Sleep hygiene tips',
    description: 'Small changes that help you sleep.',
    url: 'https://www.sleepfoundation.org/sleep-hygiene',
  },
  {
    key: 'grounding',
    title: 'Grounding techniques',
    description: 'For moments when anxiety rises.',
    url: 'https://www.nami.org/your-journey/individuals-with-mental-illness/',
  },
] as const;

/** Generates the care rows of every client; the first client gets the crisis-alert episode. */
export function generatePortalCare(
  clients: readonly DemoPortalClient[],
  /** Whole weeks to move every date by (demoShift(today).days; 0: the late-2025 dates written here). */
  shiftDays = 0,
): DemoPortalCare {
  const care = generateUnshifted(clients);
  return Object.fromEntries(
    Object.entries(care).map(([table, rows]) => [table, shiftDatesOf(rows, shiftDays)]),
  ) as unknown as DemoPortalCare;
}

function generateUnshifted(clients: readonly DemoPortalClient[]): DemoPortalCare {
  const out: DemoPortalCare = {
    goals: [],
    goalProgress: [],
    homework: [],
    resources: [],
    toolkits: [],
    toolkitOpens: [],
    alerts: [],
    notifications: [],
  };
  clients.forEach((c, index) => {
    const base = { organization_id: c.organizationId, patient_id: c.patientId };
    const id = (...parts: (string | number)[]) => stableUuid('portal-care', c.patientId, ...parts);
    const notify = (kind: string, recordKind: string, recordId: string, createdAt: string, read: boolean) =>
      out.notifications.push({
        ...base,
        id: id('notification', kind, recordId),
        kind,
        record_kind: recordKind,
        record_id: recordId,
        created_at: createdAt,
        read_at: read ? createdAt : null,
        read_by: read ? c.therapistId : null,
      });

    for (const g of GOALS) {
      const goalId = id('goal', g.key);
      const author = g.by === 'client' ? c.accountId : c.therapistId;
      const last = g.history[g.history.length - 1]!;
      out.goals.push({
        ...base,
        id: goalId,
        title: g.title,
        description: g.description,
        target_date: g.targetDate,
        status: last[1],
        progress: last[0],
        created_by_kind: g.by,
        created_by: author,
        created_at: at(g.history[0][3]),
        updated_at: at(last[3]),
      });
      g.history.forEach(([progress, status, note, day], i) => {
        // Alternating authors after the first entry: goals are worked on together.
        const kind = i === 0 ? g.by : i % 2 === 1 ? 'client' : 'staff';
        out.goalProgress.push({
          ...base,
          id: id('goal', g.key, i),
          goal_id: goalId,
          progress,
          status,
          note,
          author_kind: kind,
          author_id: kind === 'client' ? c.accountId : c.therapistId,
          created_at: at(day),
        });
      });
      if (g.by === 'client') notify('goal.created', 'therapeutic_goal', goalId, at(g.history[0][3]), true);
    }

    for (const h of HOMEWORK) {
      const hwId = id('homework', h.key);
      const completedAt = h.status === 'completed' || h.status === 'reviewed' ? at(h.due, '02:30:00') : null;
      out.homework.push({
        ...base,
        id: hwId,
        title: h.title,
        description: h.description,
        homework_type: h.type,
        due_on: h.due,
        status: h.status,
        assigned_by: c.therapistId,
        assigned_at: at(h.assigned),
        completed_at: completedAt,
        completion_note: completedAt ? 'Done most days; harder on weekends.' : null,
        submission_file_id: null,
        reviewed_at: h.status === 'reviewed' ? at(h.due, '18:00:00') : null,
        reviewed_by: h.status === 'reviewed' ? c.therapistId : null,
        feedback: h.status === 'reviewed' ? 'Good consistency. Try it before bed as well this week.' : null,
        cancelled_at: h.status === 'cancelled' ? at(h.due) : null,
        cancelled_by: h.status === 'cancelled' ? c.therapistId : null,
        updated_at: at(h.due, '18:00:00'),
      });
      if (completedAt) notify('homework.completed', 'homework', hwId, completedAt, h.status === 'reviewed');
    }

    RESOURCES.forEach((r, i) =>
      out.resources.push({
        ...base,
        id: id('resource', r.key),
        kind: 'link',
        title: r.title,
        description: r.description,
        url: r.url,
        file_id: null,
        assigned_by: c.therapistId,
        assigned_at: at(`2025-1${i}-0${i + 3}`),
        withdrawn_at: null,
      }),
    );

    out.toolkits.push({
      ...base,
      id: id('toolkit'),
      coping_steps: pgTextArray([
        'Breathe in for 4, out for 6, five times.',
        'Hold something cold; name five things you can see.',
        'Text my sister or call 988.',
      ]),
      contacts: JSON.stringify([{ name: 'Sister', phone: '+1 520 555 0142', relationship: 'sister' }]),
      updated_by: c.therapistId,
      created_at: at('2025-10-06'),
      updated_at: at('2025-10-06'),
    });

    // One crisis-alert episode (the first client): an isolated open in November, then four opens in five days of
    // December, the third of which raised the alert; the episode is over since (7 days without an open).
    if (index === 0) {
      out.toolkitOpens.push({ ...base, id: id('open', 'nov'), opened_at: at('2025-11-02', '23:10:00'), alert_id: null });
      const alertId = id('alert', 1);
      const opens = ['2025-12-10T22:40:00Z', '2025-12-12T01:15:00Z', '2025-12-13T23:55:00Z', '2025-12-14T21:05:00Z'];
      opens.forEach((openedAt, i) => out.toolkitOpens.push({ ...base, id: id('open', 'dec', i), opened_at: openedAt, alert_id: alertId }));
      out.alerts.push({
        ...base,
        id: alertId,
        first_open_at: opens[0],
        raised_at: opens[2],
        last_open_at: opens[3],
        open_count: opens.length,
        acknowledged_at: '2025-12-14T15:30:00Z',
        acknowledged_by: c.therapistId,
      });
      notify('crisis_toolkit.alert', 'crisis_alert', alertId, opens[2]!, true);
    }
  });
  return out;
}

/** The columns (and their PostgreSQL types) of each table the generator fills, for an unnest insert. */
export const PORTAL_CARE_TABLES: readonly {
  table: string;
  key: keyof DemoPortalCare;
  columns: Record<string, string>;
  casts?: Record<string, string>;
}[] = [
  {
    table: 'po_goals',
    key: 'goals',
    columns: {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      title: 'text',
      description: 'text',
      target_date: 'date',
      status: 'text',
      progress: 'int',
      created_by_kind: 'text',
      created_by: 'uuid',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  {
    table: 'po_goal_progress',
    key: 'goalProgress',
    columns: {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      goal_id: 'uuid',
      progress: 'int',
      status: 'text',
      note: 'text',
      author_kind: 'text',
      author_id: 'uuid',
      created_at: 'timestamptz',
    },
  },
  {
    table: 'po_homework',
    key: 'homework',
    columns: {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      title: 'text',
      description: 'text',
      homework_type: 'text',
      due_on: 'date',
      status: 'text',
      assigned_by: 'uuid',
      assigned_at: 'timestamptz',
      completed_at: 'timestamptz',
      completion_note: 'text',
      submission_file_id: 'uuid',
      reviewed_at: 'timestamptz',
      reviewed_by: 'uuid',
      feedback: 'text',
      cancelled_at: 'timestamptz',
      cancelled_by: 'uuid',
      updated_at: 'timestamptz',
    },
  },
  {
    table: 'po_resources',
    key: 'resources',
    columns: {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      kind: 'text',
      title: 'text',
      description: 'text',
      url: 'text',
      file_id: 'uuid',
      assigned_by: 'uuid',
      assigned_at: 'timestamptz',
      withdrawn_at: 'timestamptz',
    },
  },
  {
    table: 'po_crisis_toolkits',
    key: 'toolkits',
    columns: {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      coping_steps: 'text',
      contacts: 'text',
      updated_by: 'uuid',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    casts: { coping_steps: 'text[]', contacts: 'jsonb' },
  },
  {
    table: 'po_crisis_alerts',
    key: 'alerts',
    columns: {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      first_open_at: 'timestamptz',
      raised_at: 'timestamptz',
      last_open_at: 'timestamptz',
      open_count: 'int',
      acknowledged_at: 'timestamptz',
      acknowledged_by: 'uuid',
    },
  },
  {
    table: 'po_crisis_toolkit_opens',
    key: 'toolkitOpens',
    columns: { organization_id: 'uuid', id: 'uuid', patient_id: 'uuid', opened_at: 'timestamptz', alert_id: 'uuid' },
  },
  {
    table: 'po_notifications',
    key: 'notifications',
    columns: {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      kind: 'text',
      record_kind: 'text',
      record_id: 'uuid',
      created_at: 'timestamptz',
      read_at: 'timestamptz',
      read_by: 'uuid',
    },
  },
];
