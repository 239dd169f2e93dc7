import { Alert, Button } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useGetIdentity, useLocaleState, useTranslate } from 'react-admin';
import { policyApi } from './api';

export const MY_POLICY_STATUS = ['myPolicyStatus'];

/** Across the app, for merchants: one banner per document with a material change they have not acknowledged. */
export function PolicyBanner() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity } = useGetIdentity();
  const isMerchant = !!identity && identity.kind !== 'staff';
  const { data } = useQuery({ queryKey: MY_POLICY_STATUS, queryFn: policyApi.myStatus, enabled: isMerchant, refetchInterval: 60_000 });
  if (!isMerchant || !data) return null;
  return (
    <>
      {data
        .filter((s) => s.mustAcknowledge)
        .map((s) => (
          <Alert
            key={s.documentId}
            severity="warning"
            variant="filled"
            sx={{ mt: 1 }}
            data-testid="policy-banner"
            action={
              <Button color="inherit" size="small" variant="outlined" component={Link} to={`/policy-changes/${s.code}`} data-testid="policy-banner-link">
                {translate('mc.policies.banner_action')}
              </Button>
            }
          >
            {translate('mc.policies.banner', { title: locale.startsWith('zh') ? s.titleZh : s.titleEn, n: s.currentVersionNo ?? s.materialVersionNo ?? '' })}
          </Alert>
        ))}
    </>
  );
}
