import { StatusChip } from '../components';
import { Datagrid, FunctionField, List, SearchInput, SelectInput, TextField, useTranslate, type RaRecord } from 'react-admin';
import { EmptyState } from '../components/EmptyState';
import { STORE_STATUS, storeStatusChoices } from './storeStatus';
import { LocaleDateField } from '../components/LocaleDateField';

function useFilters() {
  const translate = useTranslate();
  return [<SearchInput key="q" source="q" alwaysOn placeholder={translate('mc.merchants.search')} />, <SelectInput key="storeStatus" source="storeStatus" choices={storeStatusChoices} alwaysOn />];
}

export function MerchantList() {
  return (
    <List exporter={false} filters={useFilters()} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} empty={<EmptyState message="mc.merchants.empty" />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="platformAccountId" sortable={false} />
        <TextField source="nickname" />
        <TextField source="mobileMasked" sortable={false} />
        <FunctionField source="store.status" sortable={false} render={(r: RaRecord) => <StatusChip status={r.store?.status} style={STORE_STATUS} />} />
        <LocaleDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}
