import VisibilityIcon from '@mui/icons-material/Visibility';
import { Alert, Button } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { subject, useAbility } from '../abilities';
import { PurposeDialog } from '../components';
import type { ConsoleDataProvider } from '../providers/dataProvider';

/** "Reveal" next to a masked mobile: only where the ability allows revealing this merchant's mobile. */
export function RevealMobileButton() {
  const record = useRecordContext();
  const ability = useAbility();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null | undefined>(undefined);
  if (!record || !ability.can('reveal', subject('Merchant', { id: String(record.id) }), 'mobile')) return null;

  const close = () => {
    setOpen(false);
    setValue(undefined);
  };
  return (
    <>
      <Button size="small" startIcon={<VisibilityIcon />} onClick={() => setOpen(true)}>
        {translate('mc.reveal.button')}
      </Button>
      <PurposeDialog
        open={open}
        title={translate('mc.reveal.title', { name: record.nickname })}
        confirmLabel="mc.reveal.confirm"
        onClose={close}
        done={value !== undefined}
        onConfirm={async (purpose) => setValue(await dataProvider.revealPersonalData({ subject: 'Merchant', id: record.id, field: 'mobile', purpose }))}
      >
        {value !== undefined && (
          <Alert severity="info" data-testid="revealed-value">
            {translate('mc.reveal.value')}: <strong>{value ?? translate('mc.reveal.none')}</strong>
          </Alert>
        )}
      </PurposeDialog>
    </>
  );
}
