import { Chip, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';

/** Platform roles of staff accounts (server: PLATFORM_ROLES). */
export const PLATFORM_ROLES = ['ops_reviewer', 'ops_lead', 'legal', 'support', 'finance', 'auditor', 'admin'] as const;

export const roleChoices = PLATFORM_ROLES.map((id) => ({ id, name: `mc.role.${id}` }));

export function RoleChips({ roles }: { roles?: string[] }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {(roles ?? []).map((r) => (
        <Chip key={r} size="small" label={translate(`mc.role.${r}`, { _: r })} />
      ))}
    </Stack>
  );
}
