/** A billing code and its modifiers as billing writes them: "90853-HQ-GT", or a dash when there is no code. */
export function codeWords(code: string | null, modifiers: readonly string[]): string {
  if (!code) return '—';
  return [code, ...modifiers].join('-');
}
