import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { useAbility } from '../abilities';
import { GraphQLRequestError } from '../graphql';
import { createRole, getRole, storeCan, updateRole, type StoreRole } from './api';
import { useCatalogue, useHeld, useNotifyError } from './hooks';
import { PermissionTree, leavesToKeys } from './PermissionTree';

export const RoleCreate = () => <RoleEditor />;

export function RoleEdit() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const { data, error, isPending } = useQuery({
    queryKey: ['team', 'role', id],
    queryFn: () => getRole(id ?? ''),
  });
  if (isPending) return <CircularProgress sx={{ m: 4 }} />;
  if (error)
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {translate(error.message)}
      </Alert>
    );
  return <RoleEditor key={`${data.id}`} role={data} />;
}

/** Name, description and the permission tree of one store role; saves wait for the server. */
function RoleEditor({ role }: { role?: StoreRole }) {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const ability = useAbility();
  const catalogue = useCatalogue();
  const held = useHeld();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [leaves, setLeaves] = useState(new Set(role?.effectivePermissions ?? []));
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const canSave = storeCan(ability, role ? 'update' : 'create', 'StoreRole');

  if (catalogue.isPending || held.isPending) return <CircularProgress sx={{ m: 4 }} />;
  if (catalogue.error || held.error) return <Alert severity="error">{translate((catalogue.error ?? held.error)!.message)}</Alert>;

  const removed = role ? role.effectivePermissions.filter((p) => !leaves.has(p)) : [];
  const save = async () => {
    if (!name.trim()) return setNameError(translate('ra.validation.required'));
    if (name.trim().length > 32) return setNameError(translate('ra.validation.maxLength', { max: 32 }));
    setNameError(undefined);
    setBusy(true);
    try {
      const permissions = leavesToKeys(catalogue.data, leaves);
      const input = { name: name.trim(), description: description.trim() || undefined, permissions };
      if (role) await updateRole({ id: role.id, ...input });
      else await createRole(input);
      await queryClient.invalidateQueries({ queryKey: ['team'] });
      notify(role ? 'mc.team.role.saved' : 'mc.team.role.created', { type: 'success' });
      redirect('list', 'storeRoles');
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.code === 'CONFLICT') setNameError(translate('mc.team.role.name_taken'));
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ mt: 2, maxWidth: 960 }} data-testid="role-editor">
      <Title title={role ? translate('mc.team.role.edit_title', { name: role.name }) : 'mc.team.role.create_title'} />
      <Card>
        <CardContent>
          <Stack spacing={2}>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                name="name"
                label={translate('resources.storeRoles.fields.name')}
                value={name}
                onChange={(e) => setName(e.target.value)}
                error={!!nameError}
                helperText={nameError ?? translate('mc.team.role.name_help')}
                required
                sx={{ minWidth: 260 }}
                disabled={!canSave}
              />
              <TextField
                name="description"
                label={translate('resources.storeRoles.fields.description')}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                fullWidth
                slotProps={{ htmlInput: { maxLength: 200 } }}
                disabled={!canSave}
              />
            </Stack>
            <Typography variant="h6">{translate('mc.team.tree.title')}</Typography>
            <Alert severity="info">{translate('mc.team.tree.help')}</Alert>
            <PermissionTree catalogue={catalogue.data} value={leaves} onChange={setLeaves} held={new Set(held.data)} readOnly={!canSave} />
            {role && role.memberCount > 0 && (
              <Alert severity={removed.length ? 'warning' : 'info'} data-testid="members-note">
                {translate('mc.team.role.members_note', { smart_count: role.memberCount })}
              </Alert>
            )}
            <Stack direction="row" spacing={1}>
              {canSave && (
                <Button variant="contained" startIcon={busy ? <CircularProgress size={16} /> : <SaveIcon />} disabled={busy} onClick={save} data-testid="role-save">
                  {translate('ra.action.save')}
                </Button>
              )}
              <Button onClick={() => redirect('list', 'storeRoles')}>{translate('ra.action.cancel')}</Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
