import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteIcon from '@mui/icons-material/Delete';
import { Button, Menu, MenuItem, ListItemText } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  NumberField,
  SearchInput,
  TextField,
  TopToolbar,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog } from '../components';
import { EmptyState } from '../components/EmptyState';
import { LocaleDateField } from '../components/LocaleDateField';
import { copyTemplate, deleteRole, storeCan, type StoreRole } from './api';
import { useCatalogue, useNotifyError, useTemplates } from './hooks';
import { PermissionChips } from './PermissionTree';

/** Copies a preset template (客服 / 运营 / 财务 / 商品) into a new role, then opens it. */
function CopyTemplateButton() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const templates = useTemplates();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const copy = async (code: string) => {
    setAnchor(null);
    try {
      const role = await copyTemplate(code);
      await queryClient.invalidateQueries({ queryKey: ['team'] });
      notify('mc.team.role.copied', { type: 'success', messageArgs: { name: role.name } });
      redirect('edit', 'storeRoles', role.id);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <>
      <Button size="small" startIcon={<ContentCopyIcon />} onClick={(e) => setAnchor(e.currentTarget)} data-testid="copy-template">
        {translate('mc.team.role.copy_template')}
      </Button>
      <Menu open={!!anchor} anchorEl={anchor} onClose={() => setAnchor(null)}>
        {(templates.data ?? []).map((t) => (
          <MenuItem key={t.code} onClick={() => copy(t.code)} data-testid={`template-${t.code}`}>
            <ListItemText primary={locale.startsWith('zh') ? t.nameZh : t.nameEn} secondary={t.permissions.join(', ')} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

function DeleteRoleButton() {
  const record = useRecordContext<StoreRole>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <>
      <Button size="small" color="error" startIcon={<DeleteIcon />} onClick={(e) => (e.stopPropagation(), setOpen(true))}>
        {translate('ra.action.delete')}
      </Button>
      <ActionDialog
        open={open}
        title="mc.team.role.delete_title"
        message="mc.team.role.delete_content"
        translateOptions={{ name: record.name, smart_count: record.memberCount }}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          await deleteRole(record.id);
          notify('mc.team.role.deleted', { type: 'success' });
          refresh();
        }}
      />
    </>
  );
}

const RoleActions = () => {
  const ability = useAbility();
  return (
    <TopToolbar>
      {storeCan(ability, 'create', 'StoreRole') && <CopyTemplateButton />}
      {storeCan(ability, 'create', 'StoreRole') && <CreateButton />}
    </TopToolbar>
  );
};

/** The store's roles: what each grants and how many sub-accounts hold it. */
export function RoleList() {
  const ability = useAbility();
  const catalogue = useCatalogue();
  const canEdit = storeCan(ability, 'update', 'StoreRole');
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      actions={<RoleActions />}
      sort={{ field: 'createdAt', order: 'ASC' }}
      empty={<EmptyState message="mc.team.role.empty" />}
      perPage={25}
    >
      <Datagrid rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="description" sortable={false} />
        <FunctionField source="permissions" sortable={false} render={(r: StoreRole) => <PermissionChips keys={r.permissions} catalogue={catalogue.data} />} />
        <NumberField source="memberCount" sortable={false} />
        <LocaleDateField source="createdAt" showTime />
        {storeCan(ability, 'delete', 'StoreRole') && <DeleteRoleButton />}
      </Datagrid>
    </List>
  );
}
