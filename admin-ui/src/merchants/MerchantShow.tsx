import { StatusChip } from '../components';
import { Stack } from '@mui/material';
import { Labeled, Show, SimpleShowLayout, TextField, WithRecord } from 'react-admin';
import { RevealMobileButton } from './RevealMobileButton';
import { STORE_STATUS } from './storeStatus';
import { LocaleDateField } from '../components/LocaleDateField';

export function MerchantShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="platformAccountId" />
        <TextField source="accountName" />
        <TextField source="nickname" />
        <Labeled source="mobileMasked">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField source="mobileMasked" />
            <RevealMobileButton />
          </Stack>
        </Labeled>
        <TextField source="store.name" emptyText="—" />
        <Labeled source="store.status">
          <WithRecord render={(r) => <StatusChip status={r.store?.status} style={STORE_STATUS} />} />
        </Labeled>
        <LocaleDateField source="store.openedAt" emptyText="—" />
        <LocaleDateField source="createdAt" />
      </SimpleShowLayout>
    </Show>
  );
}
