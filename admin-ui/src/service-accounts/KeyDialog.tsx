import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';

/**
 * Shows a newly issued API key, once: a warning that it cannot be shown again, the key to select
 * or copy, and the header to send it in. The key lives only in this dialog's props: closing it
 * forgets it (it is kept in no cache, URL or storage).
 */
export function KeyDialog({ apiKey, name, onClose }: { apiKey: string | null; name?: string; onClose(): void }) {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  const keyBox = useRef<HTMLElement>(null);
  const copy = async () => {
    if (!apiKey) return;
    // The Clipboard API needs a secure context (https or localhost); elsewhere the key is selected and copied the old way.
    if (navigator.clipboard) await navigator.clipboard.writeText(apiKey);
    else if (keyBox.current) {
      const range = document.createRange();
      range.selectNodeContents(keyBox.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      document.execCommand('copy');
    }
    setCopied(true);
  };
  const close = () => {
    setCopied(false);
    onClose();
  };
  return (
    <Dialog open={apiKey !== null} maxWidth="sm" fullWidth data-testid="api-key-dialog">
      <DialogTitle>{translate('mc.service_accounts.key_title', { name: name ?? '' })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('mc.service_accounts.key_warning')}
        </Alert>
        <Box
          component="code"
          ref={keyBox}
          data-testid="api-key"
          sx={{ display: 'block', p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontFamily: 'monospace', fontSize: 14, wordBreak: 'break-all', userSelect: 'all' }}
        >
          {apiKey}
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          {translate('mc.service_accounts.key_usage')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button startIcon={copied ? <CheckIcon /> : <ContentCopyIcon />} onClick={copy}>
          {translate(copied ? 'mc.service_accounts.copied' : 'mc.service_accounts.copy')}
        </Button>
        <Button variant="contained" onClick={close}>
          {translate('mc.service_accounts.key_done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
