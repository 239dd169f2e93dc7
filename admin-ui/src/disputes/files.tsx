import AttachFileIcon from '@mui/icons-material/AttachFile';
import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, Chip, CircularProgress, Dialog, DialogContent, DialogTitle, IconButton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { download } from '../components';
import { fileToBase64 } from '../penalties/api';
import { disputeApi, errorKey, type DisputeFile } from './api';

const MAX_BYTES = 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
/** Files one message may cite (server: 10). */
export const MAX_FILES = 10;

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * An evidence file of the thread as a link: an image opens in a preview, a PDF downloads. The
 * content is fetched only on click (disputeFileContent, audited on the server).
 */
export function DisputeFileLink({ file }: { file: Pick<DisputeFile, 'id' | 'fileName' | 'contentType'> }) {
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    try {
      const f = await disputeApi.fileContent(file.id);
      if (f.contentType.startsWith('image/')) setPreview(`data:${f.contentType};base64,${f.contentBase64}`);
      else download(f.fileName || file.fileName, new Blob([bytesOf(f.contentBase64)], { type: f.contentType }));
    } catch (e) {
      notify(errorKey(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Chip
        size="small"
        variant="outlined"
        icon={busy ? <CircularProgress size={14} /> : <AttachFileIcon />}
        label={file.fileName}
        onClick={open}
        data-testid="dispute-file"
        title={translate('mc.disputes.thread.open_file')}
        sx={{ maxWidth: 260 }}
      />
      <Dialog open={!!preview} onClose={() => setPreview(null)} maxWidth="md">
        <DialogTitle sx={{ pr: 6 }}>
          {file.fileName}
          <IconButton aria-label={translate('ra.action.close')} onClick={() => setPreview(null)} sx={{ position: 'absolute', right: 8, top: 8 }}>
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent>{preview && <Box component="img" src={preview} alt={file.fileName} data-testid="file-preview" sx={{ maxWidth: '100%' }} />}</DialogContent>
      </Dialog>
    </>
  );
}

/** Uploads evidence as it is chosen (JPEG, PNG, WebP or PDF, 1 MiB each) and keeps the uploads for the next message. */
export function EvidencePicker({ files, onChange, disabled }: { files: DisputeFile[]; onChange(files: DisputeFile[]): void; disabled?: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const upload = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy(true);
    const added: DisputeFile[] = [];
    try {
      for (const file of Array.from(list)) {
        if (files.length + added.length >= MAX_FILES) {
          notify('mc.disputes.compose.too_many_files', { type: 'warning', messageArgs: { max: MAX_FILES } });
          break;
        }
        if (file.size > MAX_BYTES) {
          notify('mc.disputes.compose.file_too_big', { type: 'warning', messageArgs: { name: file.name } });
          continue;
        }
        try {
          added.push(await disputeApi.upload(file.name, await fileToBase64(file)));
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
    <Box>
      {files.length > 0 && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 1 }} data-testid="pending-files">
          {files.map((f) => (
            <Chip key={f.id} size="small" icon={<AttachFileIcon />} label={f.fileName} onDelete={() => onChange(files.filter((x) => x.id !== f.id))} data-testid="pending-file" />
          ))}
        </Stack>
      )}
      <Button component="label" size="small" variant="outlined" startIcon={busy ? <CircularProgress size={16} /> : <AttachFileIcon />} disabled={busy || disabled}>
        {translate('mc.disputes.compose.add_files')}
        <input hidden type="file" multiple accept={ACCEPT} data-testid="evidence-input" onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))} />
      </Button>
      <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
        {translate('mc.disputes.compose.files_help', { max: MAX_FILES })}
      </Typography>
    </Box>
  );
}
