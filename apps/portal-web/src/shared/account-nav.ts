/**
 * Screens of the client's own records from the clinic (issue 20): session summaries and audio messages. Kept apart
 * from the shell's main list so that the navigation's "More" list can take them as they are
 * (`[...MORE_NAV, ...ACCOUNT_NAV]`): same shape, a description in plain words. On wider screens the shell lists
 * them under the main entries; notifications link to them too.
 */
export interface AccountNavEntry {
  to: string;
  label: string;
  icon: string;
  description: string;
}

export const ACCOUNT_NAV: readonly AccountNavEntry[] = [
  {
    to: '/session-summaries',
    label: 'Session summaries',
    icon: '▤',
    description: 'What your therapist wrote for you after a session, to read or download.',
  },
  { to: '/audio-messages', label: 'Audio messages', icon: '♪', description: 'Audio messages from your therapist, to play any time.' },
];
