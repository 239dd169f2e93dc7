import { Pagination, useListContext, useTranslate, type PaginationProps } from 'react-admin';

/**
 * Pagination that says "10,000+" when the server stopped counting (`totalCountExact` false,
 * passed by the data provider in the list's `meta`).
 */
export function CappedPagination(props: PaginationProps) {
  const { meta } = useListContext();
  const translate = useTranslate();
  const capped = meta?.totalCountExact === false;
  const labelDisplayedRows = ({ from, to, count }: { from: number; to: number; count: number }) =>
    translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: capped ? '10,000+' : count.toLocaleString('en-US'), _: `${from}-${to} / ${count}` });
  // react-admin's Pagination passes extra props on to MUI's TablePagination (its type omits this one).
  return <Pagination {...props} {...({ labelDisplayedRows } as object)} />;
}
