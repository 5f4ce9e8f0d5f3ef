/**
 * Names for a set of ids, asked of an API list endpoint that takes `ids` (comma-separated, at most `perRequest`):
 * the ids go out in chunks, together, and the answers are merged into one id -> name map. An id the API does not
 * return is simply absent from the map.
 */
export async function namesByIds<T>(
  ids: readonly string[],
  perRequest: number,
  fetchChunk: (chunk: string[]) => Promise<{ items: T[] }>,
  entry: (item: T) => [id: string, name: string],
): Promise<Map<string, string>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += perRequest) chunks.push(ids.slice(i, i + perRequest));
  const pages = await Promise.all(chunks.map(fetchChunk));
  return new Map(pages.flatMap((page) => page.items.map(entry)));
}
