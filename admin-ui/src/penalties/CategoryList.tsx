import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Button,
  Card,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { GraphQLRequestError } from '../graphql';
import { errorKey, penaltyApi, useLocalName, type ViolationCategory } from './api';
import { treeOrder, useCatalogue } from './catalogue';

type Draft = Partial<Omit<ViolationCategory, 'defaultSanctionDays' | 'defaultPoints' | 'sortOrder'>> & { defaultSanctionDays?: string; defaultPoints?: string; sortOrder?: string };

function CategoryDialog({ initial, onClose }: { initial: ViolationCategory | 'new'; onClose(): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const name = useLocalName();
  const { categories, sanctions } = useCatalogue();
  const editing = initial !== 'new' ? initial : null;
  const [v, setV] = useState<Draft>(
    editing
      ? { ...editing, defaultSanctionDays: editing.defaultSanctionDays?.toString() ?? '', defaultPoints: String(editing.defaultPoints), sortOrder: String(editing.sortOrder) }
      : { code: '', parentCode: '', nameZh: '', nameEn: '', ruleRef: '', defaultSanctionCode: '', defaultSanctionDays: '', defaultPoints: '0', sortOrder: '0' },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const int = (s?: string) => (s === undefined || s === '' ? undefined : Number(s));
  const f = (k: string) => translate(`resources.violationCategories.fields.${k}`);
  const save = async () => {
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      if (editing) {
        await penaltyApi.updateCategory({
          id: editing.id,
          version: editing.version,
          nameZh: v.nameZh,
          nameEn: v.nameEn,
          ruleRef: v.ruleRef ?? '',
          defaultSanctionCode: v.defaultSanctionCode ?? '',
          defaultSanctionDays: int(v.defaultSanctionDays),
          defaultPoints: int(v.defaultPoints),
          sortOrder: int(v.sortOrder),
          active: v.active,
        });
      } else {
        await penaltyApi.createCategory({
          code: v.code,
          parentCode: v.parentCode || undefined,
          nameZh: v.nameZh,
          nameEn: v.nameEn,
          ruleRef: v.ruleRef || undefined,
          defaultSanctionCode: v.defaultSanctionCode || undefined,
          defaultSanctionDays: int(v.defaultSanctionDays),
          defaultPoints: int(v.defaultPoints) ?? 0,
          sortOrder: int(v.sortOrder) ?? 0,
        });
      }
      await queryClient.invalidateQueries({ queryKey: ['violationCategories'] });
      notify('mc.catalogue.saved', { type: 'success' });
      onClose();
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) setErrors(e.body.errors);
      setError(errorKey(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldProps = (k: keyof Draft) => ({
    name: k,
    label: f(k),
    value: (v[k] as string) ?? '',
    onChange: set(k),
    error: !!errors[k],
    helperText: errors[k],
    fullWidth: true,
    margin: 'dense' as const,
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate(editing ? 'mc.catalogue.edit_title' : 'mc.catalogue.create_title', { code: editing?.code ?? '' })}</DialogTitle>
      <DialogContent>
        {!editing && <TextField {...fieldProps('code')} helperText={errors.code ?? translate('mc.catalogue.code_help')} />}
        {!editing && (
          <TextField {...fieldProps('parentCode')} select>
            <MenuItem value="">{translate('mc.catalogue.top_level')}</MenuItem>
            {categories
              .filter((c) => !c.parentCode)
              .map((c) => (
                <MenuItem key={c.code} value={c.code}>
                  {name(c)}
                </MenuItem>
              ))}
          </TextField>
        )}
        <TextField {...fieldProps('nameZh')} />
        <TextField {...fieldProps('nameEn')} />
        <TextField {...fieldProps('ruleRef')} />
        <TextField {...fieldProps('defaultSanctionCode')} select>
          <MenuItem value="">—</MenuItem>
          {sanctions.map((s) => (
            <MenuItem key={s.code} value={s.code}>
              {name(s)}
            </MenuItem>
          ))}
        </TextField>
        <Stack direction="row" spacing={1}>
          <TextField {...fieldProps('defaultSanctionDays')} type="number" />
          <TextField {...fieldProps('defaultPoints')} type="number" />
          <TextField {...fieldProps('sortOrder')} type="number" />
        </Stack>
        {editing && <FormControlLabel control={<Checkbox checked={v.active ?? true} onChange={(e) => setV({ ...v, active: e.target.checked })} />} label={f('active')} />}
        {error && <Alert severity="error">{translate(error, { _: translate('mc.error.INTERNAL') })}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={save} disabled={busy}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The violation catalogue as a tree with its defaults; ops_lead adds and edits categories. */
export function CategoryList() {
  const translate = useTranslate();
  const name = useLocalName();
  const ability = useAbility();
  const { categories, sanctions } = useCatalogue();
  const [editing, setEditing] = useState<ViolationCategory | 'new' | null>(null);
  const canEdit = ability.can('update', 'ViolationCategory');
  const f = (k: string) => translate(`resources.violationCategories.fields.${k}`);
  const sanctionName = (code: string | null) => name(sanctions.find((s) => s.code === code));
  return (
    <Box>
      <Title title={translate('resources.violationCategories.name', { smart_count: 2 })} />
      <Stack direction="row" sx={{ justifyContent: 'flex-end', my: 1 }}>
        {ability.can('create', 'ViolationCategory') && (
          <Button startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {translate('ra.action.create')}
          </Button>
        )}
      </Stack>
      <Card>
        <Table size="small">
          <TableHead>
            <TableRow>
              {['code', 'name', 'ruleRef', 'defaultSanctionCode', 'defaultPoints', 'active'].map((k) => (
                <TableCell key={k}>{f(k)}</TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {treeOrder(categories).map(({ node: c, depth }) => (
              <TableRow key={c.id} hover>
                <TableCell sx={{ pl: 2 + depth * 3, fontWeight: depth ? undefined : 'bold' }}>{c.code}</TableCell>
                <TableCell>{name(c)}</TableCell>
                <TableCell>{c.ruleRef ?? '—'}</TableCell>
                <TableCell>
                  {c.defaultSanctionCode ? sanctionName(c.defaultSanctionCode) : '—'}
                  {c.defaultSanctionDays ? ` · ${translate('mc.penalties.days', { smart_count: c.defaultSanctionDays })}` : ''}
                </TableCell>
                <TableCell>{c.leaf ? c.defaultPoints : ''}</TableCell>
                <TableCell>{c.active ? <Chip size="small" color="success" label={translate('mc.catalogue.active')} /> : <Chip size="small" label={translate('mc.catalogue.inactive')} />}</TableCell>
                <TableCell>
                  {canEdit && (
                    <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing(c)}>
                      {translate('ra.action.edit')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Typography variant="h6" sx={{ mt: 3 }}>
        {translate('mc.catalogue.sanctions')}
      </Typography>
      <Card>
        <Table size="small">
          <TableBody>
            {sanctions.map((s) => (
              <TableRow key={s.id}>
                <TableCell>{s.code}</TableCell>
                <TableCell>{name(s)}</TableCell>
                <TableCell>{translate(`mc.catalogue.effect.${s.effect}`, { _: s.effect })}</TableCell>
                <TableCell>{s.active ? translate('mc.catalogue.active') : translate('mc.catalogue.inactive')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {editing && <CategoryDialog initial={editing} onClose={() => setEditing(null)} />}
    </Box>
  );
}
