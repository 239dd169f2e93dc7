import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';

export type ChipColor = 'default' | 'primary' | 'secondary' | 'info' | 'success' | 'warning' | 'error';

/** How one resource shows its statuses: the label key prefix, a colour per status, and the chip's test id. */
export interface StatusStyle {
  /** Translation key prefix: the label of `s` is `${labels}.${s}` (the raw status when missing). */
  labels: string;
  colors: Readonly<Record<string, ChipColor>>;
  /** Statuses drawn outlined (e.g. a superseded version). */
  outlined?: readonly string[];
  /** `data-testid` of the chip: fixed, or from the status. */
  testId?: string | ((status: string) => string);
}

/** A status as a small coloured chip with its translated label (`data-status` carries the raw value); nothing for no status. */
export function StatusChip({ status, style }: { status?: string | null; style: StatusStyle }) {
  const translate = useTranslate();
  if (!status) return null;
  const testId = typeof style.testId === 'function' ? style.testId(status) : style.testId;
  return (
    <Chip
      size="small"
      color={Object.hasOwn(style.colors, status) ? style.colors[status] : 'default'}
      variant={style.outlined?.includes(status) ? 'outlined' : 'filled'}
      label={translate(`${style.labels}.${status}`, { _: status })}
      data-testid={testId}
      data-status={status}
    />
  );
}
