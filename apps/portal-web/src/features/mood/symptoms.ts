import type { Symptom } from '../../api/client';

/** The API's fixed symptom vocabulary in a client's words (every value of LogMoodEntryDto.symptoms). */
export const SYMPTOM_WORDS: Record<Symptom, string> = {
  ANXIETY: 'Anxious or worried',
  INSOMNIA: 'Trouble sleeping',
  LOW_MOOD: 'Low or down',
  IRRITABILITY: 'Irritable',
  FATIGUE: 'Tired, low energy',
  PANIC: 'Panic',
  CRAVINGS: 'Cravings',
  APPETITE_CHANGE: 'Eating more or less than usual',
  ISOLATION: 'Keeping away from people',
  RACING_THOUGHTS: 'Racing thoughts',
  HOPELESSNESS: 'Hopeless',
  POOR_CONCENTRATION: 'Hard to concentrate',
  ANGER: 'Angry',
  PHYSICAL_PAIN: 'In pain',
};

export const SYMPTOMS = Object.keys(SYMPTOM_WORDS) as Symptom[];

export function symptomWords(s: string): string {
  return (SYMPTOM_WORDS as Record<string, string>)[s] ?? s.toLowerCase().replace(/_/g, ' ');
}

/** A score in words, so the number is never the only cue. */
export function scoreWords(score: number): string {
  if (score <= 2) return 'very low';
  if (score <= 4) return 'low';
  if (score <= 6) return 'okay';
  if (score <= 8) return 'good';
  return 'very good';
}
