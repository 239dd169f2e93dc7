import LockIcon from '@mui/icons-material/Lock';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Box, Checkbox, Chip, FormControlLabel, Stack, Tooltip, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { PermissionNode } from './api';

/** The label of a catalogue node in the current locale. */
export function useNodeLabel(): (n: Pick<PermissionNode, 'labelZh' | 'labelEn'>) => string {
  const [locale] = useLocaleState();
  return (n) => (locale.startsWith('zh') ? n.labelZh : n.labelEn);
}

/** Every node, parents before children. */
export function flattenCatalogue(nodes: PermissionNode[], out: PermissionNode[] = []): PermissionNode[] {
  for (const n of nodes) {
    out.push(n);
    flattenCatalogue(n.children ?? [], out);
  }
  return out;
}

/**
 * Granted leaves -> the keys to store: a node whose grantable leaves are all granted is sent as the
 * node (so a child added to it later reaches the role), the rest as leaves.
 */
export function leavesToKeys(catalogue: PermissionNode[], leaves: Set<string>): string[] {
  const keys: string[] = [];
  const walk = (nodes: PermissionNode[]) => {
    for (const n of nodes) {
      if (n.grants.length && n.grants.every((g) => leaves.has(g))) keys.push(n.key);
      else if (n.children?.length) walk(n.children);
    }
  };
  walk(catalogue);
  return keys;
}

interface Props {
  catalogue: PermissionNode[];
  /** Granted leaves. */
  value: Set<string>;
  onChange(next: Set<string>): void;
  /** Leaves the signed-in actor holds (nobody grants more than they hold). */
  held: Set<string>;
  readOnly?: boolean;
}

/**
 * The store permission catalogue as a tree of checkboxes: checking a node checks every grantable
 * permission below it; "sensitive" ones carry a mark; owner-only ones are shown disabled with the
 * reason, and so are those the actor does not hold itself.
 */
export function PermissionTree({ catalogue, value, onChange, held, readOnly }: Props) {
  return (
    <Box data-testid="permission-tree">
      {catalogue.map((n) => (
        <TreeNode key={n.key} node={n} depth={0} value={value} onChange={onChange} held={held} readOnly={readOnly} />
      ))}
    </Box>
  );
}

function TreeNode({ node, depth, value, onChange, held, readOnly }: Omit<Props, 'catalogue'> & { node: PermissionNode; depth: number }) {
  const translate = useTranslate();
  const label = useNodeLabel();
  // What this box can toggle: grantable leaves below it that the actor holds.
  const toggleable = node.grants.filter((g) => held.has(g));
  const checkedCount = node.grants.filter((g) => value.has(g)).length;
  const checked = node.grants.length > 0 && checkedCount === node.grants.length;
  const indeterminate = checkedCount > 0 && !checked;
  const notHeld = !node.ownerOnly && toggleable.length === 0;
  const disabled = readOnly || node.ownerOnly || notHeld;
  const toggle = () => {
    const next = new Set(value);
    if (checked) node.grants.forEach((g) => next.delete(g));
    else toggleable.forEach((g) => next.add(g));
    onChange(next);
  };
  const isGroup = (node.children?.length ?? 0) > 0;
  return (
    <Box sx={{ pl: depth * 3 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minHeight: 36 }} data-testid={`perm-${node.key}`} data-checked={checked}>
        <FormControlLabel
          sx={{ mr: 0 }}
          control={
            <Checkbox
              size="small"
              checked={checked}
              indeterminate={indeterminate}
              disabled={disabled}
              onChange={toggle}
              slotProps={{ input: { 'aria-label': label(node), name: `perm-${node.key}` } as object }}
            />
          }
          label={<Typography sx={{ fontWeight: isGroup ? 600 : 400 }}>{label(node)}</Typography>}
        />
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {node.key}
        </Typography>
        {node.sensitive && (
          <Tooltip title={translate('mc.team.tree.sensitive_help')}>
            <Chip size="small" color="warning" variant="outlined" icon={<WarningAmberIcon />} label={translate('mc.team.tree.sensitive')} data-testid="sensitive-mark" />
          </Tooltip>
        )}
        {node.ownerOnly && <Chip size="small" icon={<LockIcon />} label={translate('mc.team.tree.owner_only')} data-testid="owner-only-mark" />}
        {node.ownerOnly && (
          <Typography variant="caption" color="text.secondary">
            {translate('mc.team.tree.owner_only_help')}
          </Typography>
        )}
        {notHeld && !readOnly && (
          <Typography variant="caption" color="text.secondary">
            {translate('mc.team.tree.not_held')}
          </Typography>
        )}
      </Stack>
      {node.children?.map((c) => (
        <TreeNode key={c.key} node={c} depth={depth + 1} value={value} onChange={onChange} held={held} readOnly={readOnly} />
      ))}
    </Box>
  );
}

/** Chips naming permission keys (nodes or leaves) by their labels. */
export function PermissionChips({ keys, catalogue, max = 6 }: { keys: string[]; catalogue?: PermissionNode[]; max?: number }) {
  const label = useNodeLabel();
  const byKey = new Map(flattenCatalogue(catalogue ?? []).map((n) => [n.key, n]));
  const shown = keys.slice(0, max);
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {shown.map((k) => {
        const n = byKey.get(k);
        return <Chip key={k} size="small" variant="outlined" color={n?.sensitive ? 'warning' : 'default'} label={n ? label(n) : k} />;
      })}
      {keys.length > max && <Chip size="small" label={`+${keys.length - max}`} />}
    </Stack>
  );
}
