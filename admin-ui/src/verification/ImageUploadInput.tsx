import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { Box, Button, FormHelperText, LinearProgress, Paper, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useInput, useTranslate, type Validator } from 'react-admin';
import { GraphQLRequestError } from '../graphql';
import { uploadFile } from './api';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from './rules';

interface Props {
  source: string;
  label: string;
  validate?: Validator | Validator[];
  disabled?: boolean;
}

/**
 * One image of the submission: picks a JPEG/PNG/WebP (≤ 5 MiB), uploads it at once with a
 * progress bar and shows a preview; the form value is the upload key the server returned.
 */
export function ImageUploadInput({ source, label, validate, disabled }: Props) {
  const translate = useTranslate();
  const { field, fieldState, isRequired } = useInput({ source, validate });
  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (!IMAGE_TYPES.includes(file.type)) return setProblem(translate('mc.verification.upload.type'));
    if (file.size > MAX_IMAGE_BYTES) return setProblem(translate('mc.verification.upload.size'));
    setPreview(URL.createObjectURL(file));
    setProgress(0);
    field.onChange('');
    try {
      const { key } = await uploadFile(file, setProgress);
      field.onChange(key);
      field.onBlur();
    } catch (e) {
      setProgress(null);
      setPreview(null);
      setProblem(e instanceof GraphQLRequestError ? `${translate('mc.verification.upload.failed')} ${e.serverMessage}` : translate('mc.verification.upload.failed'));
    }
  };

  const error = problem ?? (fieldState.error?.message ? translate(fieldState.error.message, { _: fieldState.error.message }) : null);
  const uploading = progress !== null && progress < 1;
  return (
    <Paper variant="outlined" sx={{ p: 1.5, width: 240, borderColor: error ? 'error.main' : undefined }} data-testid={`upload-${source}`} data-uploaded={!!field.value}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {label}
        {isRequired ? ' *' : ''}
      </Typography>
      <Box sx={{ height: 120, bgcolor: 'grey.100', borderRadius: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
        {preview ? (
          <Box component="img" src={preview} alt={label} sx={{ maxWidth: '100%', maxHeight: '100%', imageRendering: 'pixelated', minWidth: 60 }} />
        ) : (
          <Typography variant="caption" color="text.secondary">
            {translate('mc.verification.upload.none')}
          </Typography>
        )}
      </Box>
      {progress !== null && (
        <LinearProgress variant="determinate" value={Math.round(progress * 100)} sx={{ mt: 1 }} data-testid={`progress-${source}`} aria-label={translate('mc.verification.upload.progress')} />
      )}
      {progress !== null && (
        <Typography variant="caption" color="text.secondary">
          {uploading ? translate('mc.verification.upload.uploading', { percent: Math.round(progress * 100) }) : translate('mc.verification.upload.done')}
        </Typography>
      )}
      <input
        ref={fileInput}
        type="file"
        hidden
        accept={IMAGE_TYPES.join(',')}
        name={source}
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Button size="small" startIcon={<CloudUploadIcon />} disabled={disabled || uploading} onClick={() => fileInput.current?.click()} sx={{ mt: 0.5, display: 'flex' }}>
        {translate(field.value ? 'mc.verification.upload.replace' : 'mc.verification.upload.choose')}
      </Button>
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Paper>
  );
}
