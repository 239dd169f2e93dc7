/**
 * The UI kit: the one copy of each mechanism the pages share. Use these; don't write another.
 *
 * - `StatusChip` + a per-resource `StatusStyle` (label key prefix, colour per status, test id):
 *   every status shown as a chip. The styles live with their resource (e.g. penalties/status.ts).
 * - `ActionDialog`: every destructive or state-changing action's confirmation, with an optional
 *   reason/note field, submit progress and the failure shown inside the dialog (pessimistic).
 *   Audited reads that need a purpose (reveal, export) use `PurposeDialog`.
 * - `compact` (drop empty filter values) and `dayStart` (filter day -> UTC instant): data provider filters.
 * - `prcToday`, `formatDate`, `formatDateTime`: PRC (Asia/Shanghai) calendar dates and Beijing times.
 * - `download`: a Blob or CSV text saved as a file.
 * - `formatFen` / `parseYuan`: money (integer fen) shown as ¥1,234.56 and typed in yuan, parsed exactly.
 *
 * Texts are translation keys; a resource's keys live in its messages file (or i18n/*.ts).
 */
export { ActionDialog, type ActionDialogField } from './ActionDialog';
export { StatusChip, type ChipColor, type StatusStyle } from './StatusChip';
export { PurposeDialog } from './PurposeDialog';
export { compact, dayStart, type Filter } from './filters';
export { formatDate, formatDateTime, prcToday } from './dates';
export { download } from './download';
export { fenToYuanText, formatFen, parseYuan } from './money';
export { DetailRow, DetailSection, useReloadAll } from './DetailLayout';
