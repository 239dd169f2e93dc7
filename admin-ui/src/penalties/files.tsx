import AttachFileIcon from '@mui/icons-material/AttachFile';
import CloseIcon from '@mui/icons-material/Close';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Box, Button, CircularProgress, IconButton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useInput, useNotify, useTranslate } from 'react-admin';
import { errorKey, fileToBase64, penaltyApi, type FileMutation, type PenaltyFile } from './api';

/** Shows a file: an image inline (fetched through penaltyFileContent, audited), a PDF as a download. */
export function FileThumb({ file, localUrl, onRemove }: { file: Pick<PenaltyFile, 'id' | 'fileName' | 'contentType'>; localUrl?: string; onRemove?: () => void }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const content = useQuery({
    queryKey: ['penaltyFileContent', file.id],
    queryFn: () => penaltyApi.fileContent(file.id),
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
export function FileUploader({ mutation, files, onChange, max, testId }: { mutation: FileMutation; files: UploadedFile[]; onChange(files: UploadedFile[]): void; max: number; testId: string }) {
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
          const f = await penaltyApi.uploadFile(mutation, file.name, contentBase64);
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
