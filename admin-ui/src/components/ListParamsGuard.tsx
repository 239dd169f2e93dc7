import { useEffect, useRef } from 'react';
import { useListContext, useNotify, type SortPayload } from 'react-admin';
import { GraphQLRequestError } from '../graphql';

/**
 * Keeps a list usable when its saved or linked parameters are not (react-admin keeps a list's
 * filters, sort and paging in the URL and in local storage, so one bad value sticks):
 * - filters in `unusable` (inputs this actor is not shown, e.g. from a link a lead shared) are dropped;
 * - when the server refuses the parameters (BAD_USER_INPUT: an unknown sort field, perPage over
 *   100, a malformed filter value), they are reset to the list's defaults and the server's reason
 *   is shown, instead of an empty list with a total of -1.
 * Put it inside the <List>, and give the List `queryOptions={{ onError: () => undefined }}` so the
 * generic error notice does not appear as well.
 */
export function ListParamsGuard({ unusable = [], defaultSort, defaultFilters = {} }: { unusable?: string[]; defaultSort: SortPayload; defaultFilters?: Record<string, unknown> }) {
  const { error, filterValues, displayedFilters, setFilters, setPage, setPerPage, setSort } = useListContext();
  const notify = useNotify();
  const present = unusable.filter((k) => filterValues[k] !== undefined);
  useEffect(() => {
    if (!present.length) return;
    const keep = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !present.includes(k)));
    setFilters(keep(filterValues), keep(displayedFilters));
  }, [present.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  const handled = useRef<unknown>(null);
  useEffect(() => {
    if (!error || handled.current === error) return;
    handled.current = error;
    if (error instanceof GraphQLRequestError && error.code === 'BAD_USER_INPUT') {
      const reason = error.fields.length ? error.fields.map((f) => f.message).join('; ') : error.serverMessage;
      setFilters(defaultFilters, {});
      setSort(defaultSort);
      setPerPage(25);
      setPage(1);
      notify('mc.error.list_params_reset', { type: 'warning', messageArgs: { reason } });
    } else {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    }
  }, [error]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
