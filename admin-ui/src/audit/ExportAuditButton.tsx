import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';
import { PurposeDialog, download } from '../components';
import type { ConsoleDataProvider } from '../providers/dataProvider';

/** Exports the events matching the current filters as CSV, after asking for the purpose (audited). */
export function ExportAuditButton() {
  const { filterValues } = useListContext();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" startIcon={<DownloadIcon />} onClick={() => setOpen(true)}>
        {translate('ra.action.export')}
      </Button>
      <PurposeDialog
        open={open}
        title={translate('mc.audit.export_title')}
        confirmLabel="ra.action.export"
        onClose={() => setOpen(false)}
        onConfirm={async (purpose) => {
          const file = await dataProvider.exportAuditEvents({ filter: filterValues, purpose });
          download(file.fileName, file.csv);
          notify('mc.audit.exported', { type: 'success', messageArgs: { smart_count: file.rowCount } });
          setOpen(false);
        }}
      />
    </>
  );
}
