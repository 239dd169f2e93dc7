import ImageIcon from '@mui/icons-material/Image';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Box, Button, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { PurposeDialog } from '../components';
import type { ConsoleDataProvider } from '../providers/dataProvider';

/** Reveals one field of a case after asking for a purpose (audited on the server). */
function useReveal(caseId: string, field: string) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const reveal = async (purpose: string) => {
    setValue(await dataProvider.revealPersonalData({ subject: 'Verification', id: caseId, field, purpose }));
    // The reveal is now in the case's reveal log.
    await queryClient.invalidateQueries({ queryKey: ['verificationRevealLog', caseId] });
  };
  return { value, reveal };
}

/** A masked text value with a reveal button (where the ability allows revealing this field). */
export function RevealableText({ caseId, field, masked, label }: { caseId: string; field: string; masked?: string | null; label: string }) {
  const translate = useTranslate();
  const ability = useAbility();
  const [open, setOpen] = useState(false);
  const { value, reveal } = useReveal(caseId, field);
  if (masked === undefined || masked === null) return <Typography color="text.secondary">—</Typography>;
  const allowed = ability.can('reveal', 'Verification', field);
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid={`field-${field}`}>
      <Typography variant="body2" data-revealed={value !== undefined} sx={value !== undefined ? { fontWeight: 'bold' } : undefined}>
        {value !== undefined ? (value ?? translate('mc.reveal.none')) : masked}
      </Typography>
      {allowed && value === undefined && (
        <Tooltip title={translate('mc.verification.reveal.field', { field: label })}>
          <IconButton size="small" aria-label={translate('mc.verification.reveal.field', { field: label })} onClick={() => setOpen(true)}>
            <VisibilityIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      <PurposeDialog
        open={open}
        title={translate('mc.verification.reveal.field', { field: label })}
        confirmLabel="mc.reveal.confirm"
        onClose={() => setOpen(false)}
        onConfirm={async (purpose) => {
          await reveal(purpose);
          setOpen(false);
        }}
      />
    </Stack>
  );
}

/**
 * An image of the case: a blurred placeholder until revealed with a purpose; then the image itself
 * (a data URL from the server), which opens full size on click.
 */
export function RevealableImage({ caseId, field, label }: { caseId: string; field: string; label: string }) {
  const translate = useTranslate();
  const ability = useAbility();
  const [open, setOpen] = useState(false);
  const [zoom, setZoom] = useState(false);
  const { value, reveal } = useReveal(caseId, field);
  const allowed = ability.can('reveal', 'Verification', field);
  return (
    <Paper variant="outlined" sx={{ p: 1, width: 220 }} data-testid={`image-${field}`} data-revealed={!!value}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      {value ? (
        <Box
          component="img"
          src={value}
          alt={label}
          data-testid={`image-${field}-revealed`}
          onClick={() => setZoom(!zoom)}
          sx={{ display: 'block', width: '100%', height: zoom ? 'auto' : 140, objectFit: 'contain', cursor: 'zoom-in', bgcolor: 'grey.100', imageRendering: 'pixelated' }}
        />
      ) : (
        <Box
          data-testid={`image-${field}-blurred`}
          sx={{
            height: 140,
            position: 'relative',
            overflow: 'hidden',
            borderRadius: 1,
            // A blurred stand-in: the real image never reaches the browser before a reveal.
            background: 'repeating-linear-gradient(45deg, #b0bec5 0 12px, #cfd8dc 12px 24px)',
            filter: 'blur(6px)',
          }}
        />
      )}
      {!value && (
        <Stack sx={{ alignItems: 'center', mt: -11, mb: 6, position: 'relative' }}>
          <ImageIcon color="action" />
          {allowed ? (
            <Button size="small" variant="contained" startIcon={<VisibilityIcon />} onClick={() => setOpen(true)} data-testid={`reveal-${field}`}>
              {translate('mc.verification.reveal.image')}
            </Button>
          ) : (
            <Typography variant="caption">{translate('mc.verification.reveal.not_allowed')}</Typography>
          )}
        </Stack>
      )}
      <PurposeDialog
        open={open}
        title={translate('mc.verification.reveal.field', { field: label })}
        confirmLabel="mc.reveal.confirm"
        onClose={() => setOpen(false)}
        onConfirm={async (purpose) => {
          await reveal(purpose);
          setOpen(false);
        }}
      />
    </Paper>
  );
}
