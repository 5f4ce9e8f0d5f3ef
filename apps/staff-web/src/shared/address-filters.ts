import { useSearchParams } from 'react-router';

/**
 * A list page's filters and page number kept in the address (so a reload, the back button or a shared link shows
 * the same list): `setFilter` sets or clears one filter and goes back to the first page; `setPage` turns the page.
 */
export function useAddressFilters(pageParam = 'page') {
  const [params, setParams] = useSearchParams();
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete(pageParam);
    setParams(next);
  };
  const setPage = (page: number) => {
    const next = new URLSearchParams(params);
    next.set(pageParam, String(page));
    setParams(next);
  };
  const clear = () => setParams({});
  return { params, setParams, setFilter, setPage, clear };
}
