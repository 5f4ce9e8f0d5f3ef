/**
 * Previous / next buttons for a paged list, in a labelled navigation landmark; nothing when there is one page.
 * The labels can name what is paged ("More encounters") where a page holds several lists.
 */
export function Pager({
  page,
  pages,
  onPage,
  label = 'Pages',
  previous = 'Previous page',
  next = 'Next page',
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  label?: string;
  previous?: string;
  next?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {previous}
      </button>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {next}
      </button>
    </nav>
  );
}
