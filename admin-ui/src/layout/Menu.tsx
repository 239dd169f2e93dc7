import { ListSubheader } from '@mui/material';
import { Fragment } from 'react';
import { Menu as RaMenu, useResourceDefinitions, useSidebarState, useTranslate } from 'react-admin';

/** Menu sections, in order; each lists its resources in order. A resource in none goes to the last one. */
const GROUPS: { key: string; resources: string[] }[] = [
  { key: 'review', resources: ['verificationCases', 'verificationReasonCodes', 'myVerification', 'merchants'] },
  { key: 'penalties', resources: ['penalties', 'penaltyAppeals', 'violationCategories', 'myPenalties'] },
  { key: 'aftersales', resources: ['disputes'] },
  { key: 'rewards', resources: ['rewards', 'rewardQueue', 'rewardProgrammes', 'rewardImports', 'payoutReconciliations', 'payoutAccount'] },
  { key: 'policies', resources: ['policyDocuments'] },
  { key: 'team', resources: ['subAccounts', 'storeRoles', 'staffAccounts', 'staffRoleGrants'] },
  { key: 'system', resources: ['notifications', 'sessions', 'auditEvents', 'serviceAccounts'] },
];

/**
 * react-admin's menu, grouped under headings (审核 / 处罚与申诉 / 售后 / 奖励与发放 / 政策 / 账号与权限 / 系统; no heading repeats a menu item's text); only the resources the
 * actor's ability registered appear, and a heading with none of them is left out.
 */
export function Menu() {
  const resources = useResourceDefinitions();
  const [open] = useSidebarState();
  const translate = useTranslate();
  const listed = Object.values(resources).filter((r) => r.hasList);
  const known = new Set(GROUPS.flatMap((g) => g.resources));
  const groups = GROUPS.map((g, i) => ({
    key: g.key,
    names: [...g.resources.filter((n) => listed.some((r) => r.name === n)), ...(i === GROUPS.length - 1 ? listed.filter((r) => !known.has(r.name)).map((r) => r.name) : [])],
  })).filter((g) => g.names.length > 0);
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {groups.map((g) => (
        <Fragment key={g.key}>
          {open && (
            <ListSubheader component="div" disableSticky sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent', fontSize: 12, letterSpacing: 1 }} data-testid={`menu-group-${g.key}`}>
              {translate(`mc.menu.${g.key}`)}
            </ListSubheader>
          )}
          {g.names.map((name) => (
            <RaMenu.ResourceItem key={name} name={name} />
          ))}
        </Fragment>
      ))}
    </RaMenu>
  );
}
