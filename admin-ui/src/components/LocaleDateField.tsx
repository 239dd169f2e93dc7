import { Typography } from '@mui/material';
import { useRecordContext, useTranslate, type DateFieldProps } from 'react-admin';
import { formatDate, formatDateTime } from './dates';

const get = (record: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), record);

/**
 * A date-time as "YYYY-MM-DD HH:mm" in Beijing time (a date alone as "YYYY-MM-DD" with
 * showTime={false}), the same in every UI language: see components/dates.ts.
 */
export function LocaleDateField({ source, showTime = true, emptyText, seconds, className }: DateFieldProps & { seconds?: boolean }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record && source ? get(record, source) : undefined;
  if (value == null || value === '') {
    return emptyText ? (
      <Typography component="span" variant="body2" className={className}>
        {translate(emptyText, { _: emptyText })}
      </Typography>
    ) : null;
  }
  return (
    <Typography component="span" variant="body2" className={className} sx={{ whiteSpace: 'nowrap' }}>
      {showTime ? formatDateTime(value, { seconds }) : formatDate(value)}
    </Typography>
  );
}
