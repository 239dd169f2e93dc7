import AttachFileIcon from '@mui/icons-material/AttachFile';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useInput, useNotify, useTranslate } from 'react-admin';
import { gql } from '../graphql';
import { CATEGORY_FIELDS, SANCTION_FIELDS, errorKey, fileToBase64, useLocalName, type PenaltyFile, type SanctionType, type ViolationCategory } from './api';
import { own } from '../../../rules/own';

const STATUS_COLOR: Record<string, 'default' | 'warning' | 'error' | 'success' | 'info'> = {
  draft: 'default',
  issued: 'error',
  revoked: 'success',
  cancelled: 'default',
  pending: 'warning',
  upheld: 'error',
  published: 'error',
  withdrawn: 'success',
};

/** A penalty's, appeal's or notice's status as a coloured chip; `kind` picks the translation group. */
export function StatusChip({ status, kind = 'status' }: { status?: string | null; kind?: 'status' | 'appeal_status' | 'notice_status' }) {
  const translate = useTranslate();
  if (!status) return null;
  return <Chip size="small" color={own(STATUS_COLOR, status) ?? 'default'} label={translate(`mc.penalties.${kind}.${status}`, { _: status })} data-testid={`status-${status}`} />;
}

/** The violation catalogue and sanction types (staff), cached for the session. */
export function useCatalogue() {
  const categories = useQuery({
    queryKey: ['violationCategories'],
    queryFn: () => gql<{ violationCategories: ViolationCategory[] }>(`query { violationCategories { ${CATEGORY_FIELDS} } }`).then((d) => d.violationCategories),
  });
  const sanctions = useQuery({
    queryKey: ['sanctionTypes'],
    queryFn: () => gql<{ sanctionTypes: SanctionType[] }>(`query { sanctionTypes { ${SANCTION_FIELDS} } }`).then((d) => d.sanctionTypes),
  });
  return { categories: categories.data ?? [], sanctions: sanctions.data ?? [], isPending: categories.isPending || sanctions.isPending };
}

/** Tree order: each group followed by its children (depth-first, by sortOrder). */
export function treeOrder<T extends { code: string; parentCode?: string | null; sortOrder?: number }>(all: T[]): { node: T; depth: number }[] {
  const out: { node: T; depth: number }[] = [];
  const byParent = (p: string | null) => all.filter((c) => (c.parentCode ?? null) === p).sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
  const walk = (p: string | null, depth: number) => {
    for (const c of byParent(p)) {
      out.push({ node: c, depth });
      walk(c.code, depth + 1);
    }
  };
  walk(null, 0);
  // Orphans (parent inactive or missing) at the end.
  for (const c of all) if (!out.some((o) => o.node === c)) out.push({ node: c, depth: 0 });
  return out;
}

/** Choices for a category select: groups shown but disabled unless `groupsSelectable` (filters), leaves indented. */
export function useCategoryChoices(categories: (ViolationCategory | { code: string; parentCode?: string | null; nameZh: string; nameEn: string; leaf?: boolean; active?: boolean })[], groupsSelectable = false) {
  const name = useLocalName();
  const hasChildren = (code: string) => categories.some((c) => c.parentCode === code);
  return treeOrder(categories.filter((c) => c.active !== false)).map(({ node, depth }) => ({
    id: node.code,
    name: `${'\u3000'.repeat(depth)}${name(node)}`,
    disabled: !groupsSelectable && hasChildren(node.code),
  }));
}

interface StoreOption {
  storeId: string;
  label: string;
}

/** Picks a store by its merchant's nickname or platform ID (value: the store ID). */
export function StorePickerInput({ source, label, disabled, initialLabel }: { source: string; label: string; disabled?: boolean; initialLabel?: string }) {
  const translate = useTranslate();
  const { field, fieldState } = useInput({ source, validate: (v: unknown) => (v ? undefined : 'ra.validation.required') });
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<StoreOption | null>(field.value ? { storeId: String(field.value), label: initialLabel ?? String(field.value) } : null);
  const { data = [], isFetching } = useQuery({
    queryKey: ['penaltyStorePicker', q],
    queryFn: () =>
      gql<{ merchants: { items: { platformAccountId: string; nickname: string; store: { id: string; name: string; status: string } | null }[] } }>(
        `query Stores($filter: MerchantFilter) { merchants(filter: $filter, page: 1, perPage: 20) { items { platformAccountId nickname store { id name status } } } }`,
        { filter: q.trim() ? { q: q.trim() } : undefined },
      ).then((d) => d.merchants.items.filter((m) => m.store).map((m) => ({ storeId: m.store!.id, label: `${m.nickname} (${m.platformAccountId}) · ${m.store!.name}` }))),
    enabled: !disabled,
  });
  return (
    <Autocomplete
      sx={{ width: 480, mb: 2 }}
      disabled={disabled}
      options={data}
      value={picked}
      loading={isFetching}
      filterOptions={(x) => x}
      isOptionEqualToValue={(a, b) => a.storeId === b.storeId}
      getOptionLabel={(o) => o.label}
      onInputChange={(_, v, reason) => reason === 'input' && setQ(v)}
      onChange={(_, v) => {
        setPicked(v);
        field.onChange(v?.storeId ?? '');
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          name={source}
          label={label}
          required
          error={fieldState.invalid && fieldState.isTouched}
          helperText={fieldState.invalid && fieldState.isTouched ? translate(fieldState.error?.message ?? 'ra.validation.required') : translate('mc.penalties.store_help')}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}

/** Shows a file: an image inline (fetched through penaltyFileContent, audited), a PDF as a download. */
export function FileThumb({ file, localUrl, onRemove }: { file: Pick<PenaltyFile, 'id' | 'fileName' | 'contentType'>; localUrl?: string; onRemove?: () => void }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const content = useQuery({
    queryKey: ['penaltyFileContent', file.id],
    queryFn: () => gql<{ penaltyFileContent: { contentBase64: string; contentType: string } }>(`query F($id: ID!) { penaltyFileContent(id: $id) { contentBase64 contentType } }`, { id: file.id }).then((d) => d.penaltyFileContent),
    enabled: !localUrl && open,
    staleTime: Infinity,
  });
  const url = localUrl ?? (content.data ? `data:${content.data.contentType};base64,${content.data.contentBase64}` : undefined);
  const image = file.contentType.startsWith('image/');
  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1, width: 160, position: 'relative' }} data-testid="evidence-file">
      {onRemove && (
        <IconButton size="small" sx={{ position: 'absolute', top: 0, right: 0 }} onClick={onRemove} aria-label={translate('ra.action.remove')}>
          <CloseIcon fontSize="small" />
        </IconButton>
      )}
      {image && url ? (
        <Box component="img" src={url} alt={file.fileName} sx={{ width: '100%', height: 100, objectFit: 'contain' }} />
      ) : (
        <Box sx={{ height: 100, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {open && content.isFetching ? <CircularProgress size={24} /> : image ? <AttachFileIcon /> : <PictureAsPdfIcon />}
        </Box>
      )}
      <Typography variant="caption" sx={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={file.fileName}>
        {file.fileName}
      </Typography>
      {!localUrl && !url && (
        <Button size="small" onClick={() => setOpen(true)}>
          {translate('mc.penalties.view_file')}
        </Button>
      )}
      {url && !image && (
        <Button size="small" component="a" href={url} download={file.fileName}>
          {translate('mc.penalties.download_file')}
        </Button>
      )}
    </Box>
  );
}

/** Evidence (or proof) files already attached to a record. */
export function FileGallery({ files, emptyText }: { files: PenaltyFile[]; emptyText?: string }) {
  const translate = useTranslate();
  if (!files.length) return <Typography color="text.secondary">{translate(emptyText ?? 'mc.penalties.no_files')}</Typography>;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {files.map((f) => (
        <FileThumb key={f.id} file={f} />
      ))}
    </Stack>
  );
}

export interface UploadedFile {
  id: string;
  fileName: string;
  contentType: string;
  localUrl?: string;
}

const MAX_BYTES = 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/**
 * Uploads files as they are chosen (base64, 1 MiB each; JPEG, PNG, WebP, PDF) and keeps their IDs;
 * previews images from the local copy.
 */
export function FileUploader({ mutation, files, onChange, max, testId }: { mutation: 'uploadPenaltyEvidence' | 'uploadAppealProof'; files: UploadedFile[]; onChange(files: UploadedFile[]): void; max: number; testId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const upload = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy(true);
    const added: UploadedFile[] = [];
    try {
      for (const file of Array.from(list)) {
        if (files.length + added.length >= max) {
          notify('mc.penalties.too_many_files', { type: 'warning', messageArgs: { max } });
          break;
        }
        if (file.size > MAX_BYTES) {
          notify('mc.penalties.file_too_big', { type: 'warning', messageArgs: { name: file.name } });
          continue;
        }
        const contentBase64 = await fileToBase64(file);
        try {
          const res = await gql<Record<string, { id: string; fileName: string; contentType: string }>>(
            `mutation Up($input: UploadPenaltyFileInput!) { up: ${mutation}(input: $input) { id fileName contentType } }`,
            { input: { fileName: file.name, contentBase64 } },
          );
          const f = res.up;
          added.push({ ...f, localUrl: f.contentType.startsWith('image/') ? `data:${f.contentType};base64,${contentBase64}` : undefined });
        } catch (e) {
          notify(errorKey(e), { type: 'error' });
        }
      }
    } finally {
      setBusy(false);
      onChange([...files, ...added]);
    }
  };
  return (
    <Box sx={{ mb: 2 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 1 }}>
        {files.map((f) => (
          <FileThumb key={f.id} file={f} localUrl={f.localUrl} onRemove={() => onChange(files.filter((x) => x.id !== f.id))} />
        ))}
      </Stack>
      <Button component="label" variant="outlined" startIcon={busy ? <CircularProgress size={16} /> : <AttachFileIcon />} disabled={busy}>
        {translate('mc.penalties.add_files')}
        <input hidden type="file" multiple accept={ACCEPT} data-testid={testId} onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))} />
      </Button>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
        {translate('mc.penalties.files_help', { max })}
      </Typography>
    </Box>
  );
}

/** A form field holding uploaded file IDs (evidence). */
export function EvidenceInput({ source, initial = [] }: { source: string; initial?: UploadedFile[] }) {
  const { field } = useInput({ source, defaultValue: initial.map((f) => f.id) });
  const [files, setFiles] = useState<UploadedFile[]>(initial);
  return (
    <FileUploader
      mutation="uploadPenaltyEvidence"
      files={files}
      max={20}
      testId="evidence-input"
      onChange={(next) => {
        setFiles(next);
        field.onChange(next.map((f) => f.id));
      }}
    />
  );
}

/**
 * A confirmation dialog, with an optional required reason; the action runs pessimistically
 * (the dialog stays open, busy, until the server answers) and a refusal is shown inside it.
 */
export function ActionDialog({
  open,
  title,
  message,
  confirmLabel,
  reason,
  reasonLabel,
  minReason = 2,
  onClose,
  onConfirm,
  children,
  danger,
  errorAction,
}: {
  open: boolean;
  title: string;
  message?: ReactNode;
  confirmLabel: string;
  reason?: boolean;
  reasonLabel?: string;
  minReason?: number;
  onClose(): void;
  onConfirm(reason: string): Promise<void>;
  children?: ReactNode;
  danger?: boolean;
  /** Shown in the error, e.g. a reload button after a conflict. */
  errorAction?: ReactNode;
}) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooShort = reason && text.trim().length < minReason;
  const close = () => {
    if (busy) return;
    setText('');
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(text.trim());
      setText('');
      onClose();
    } catch (e) {
      setError(errorKey(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="action-dialog">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {message && <Typography sx={{ mb: 1 }}>{message}</Typography>}
        {children}
        {reason && (
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            name="reason"
            label={reasonLabel ?? translate('mc.penalties.reason')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            helperText={translate('mc.penalties.reason_help', { min: minReason, max: 2000 })}
          />
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="action-error" action={errorAction}>
            {translate(error, { _: translate('mc.error.INTERNAL') })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" color={danger ? 'error' : 'primary'} onClick={confirm} disabled={busy || !!tooShort} startIcon={busy ? <CircularProgress size={16} /> : undefined}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
