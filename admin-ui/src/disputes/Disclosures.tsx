import CheckIcon from '@mui/icons-material/Check';
import { useReloadAll } from '../components/DetailLayout';
import CloseIcon from '@mui/icons-material/Close';
import ShareIcon from '@mui/icons-material/Share';
import { Alert, Box, Button, Card, CardContent, Checkbox, FormControlLabel, FormGroup, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog, formatDateTime, StatusChip, type ActionDialogField } from '../components';
import { DISCLOSURE_FIELDS, disputeApi, disputeCan, errorKey, type Disclosure, type DisclosureField, type Dispute } from './api';

import { DISCLOSURE_STATUS, REASON_FIELD } from './status';

/** The one legal ground fitting a buyer's request (policy 4.1 i). */
const LEGAL_GROUND = '4.1i';
const REQUEST_REASON: ActionDialogField = { name: 'reason', label: 'mc.disputes.disclosure.request_reason', help: 'mc.disputes.reason_help', min: 10, max: 2000 };

const fieldLabel = (translate: (k: string) => string, f: string) => translate(`mc.disputes.disclosure.field.${f}`);

/** Exactly what would leave the platform, as a warning box (the request and the decision show it the same way). */
/** The fields that would leave the platform; `approving`: the second person reads it (what approval sets off). */
function LeavingBox({ fields, approving }: { fields: readonly string[]; approving?: boolean }) {
  const translate = useTranslate();
  return (
    <Alert severity={fields.length ? 'warning' : 'info'} sx={{ my: 1 }} data-testid="leaving-fields">
      {fields.length ? (
        <>
          <Typography variant="body2" sx={{ fontWeight: 'bold' }}>
            {translate('mc.disputes.disclosure.leaving', { smart_count: fields.length })}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {fields.map((f) => (
              <li key={f} data-testid={`leaving-${f}`}>
                {fieldLabel(translate, f)}
              </li>
            ))}
          </Box>
          <Typography variant="caption">{translate(approving ? 'mc.disputes.disclosure.leaving_terms_approver' : 'mc.disputes.disclosure.leaving_terms')}</Typography>
        </>
      ) : (
        translate('mc.disputes.disclosure.none_chosen')
      )}
    </Alert>
  );
}

function FieldChecks({ options, chosen, onChange }: { options: readonly DisclosureField[]; chosen: DisclosureField[]; onChange(next: DisclosureField[]): void }) {
  const translate = useTranslate();
  return (
    <FormGroup row>
      {options.map((f) => (
        <FormControlLabel
          key={f}
          control={
            <Checkbox
              name={`field-${f}`}
              checked={chosen.includes(f)}
              onChange={(e) => onChange(e.target.checked ? options.filter((o) => o === f || chosen.includes(o)) : chosen.filter((c) => c !== f))}
            />
          }
          label={fieldLabel(translate, f)}
        />
      ))}
    </FormGroup>
  );
}

/** Support: records the buyer's request to learn the merchant's identity (fields, ground, reason); a second person decides. */
export function RequestDisclosureButton({ d }: { d: Dispute }) {
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReloadAll();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<DisclosureField[]>([]);
  const pending = d.disclosures?.some((x) => x.status === 'requested');
  return (
    <>
      <Button
        startIcon={<ShareIcon />}
        color="inherit"
        onClick={() => setOpen(true)}
        disabled={pending}
        data-testid="request-disclosure"
        title={pending ? translate('errors.DISCLOSURE_PENDING') : undefined}
      >
        {translate('mc.disputes.disclosure.request')}
      </Button>
      <ActionDialog
        open={open}
        title="mc.disputes.disclosure.request_title"
        message="mc.disputes.disclosure.request_help"
        confirmLabel="mc.disputes.disclosure.request"
        color="warning"
        field={REQUEST_REASON}
        canConfirm={fields.length > 0}
        errorKey={errorKey}
        onClose={() => {
          setOpen(false);
          setFields([]);
        }}
        onConfirm={async (reason) => {
          await disputeApi.requestDisclosure({ disputeId: d.id, fields, legalGround: LEGAL_GROUND, reason });
          notify('mc.disputes.disclosure.requested', { type: 'success' });
          setFields([]);
          await reload();
        }}
      >
        <FieldChecks options={DISCLOSURE_FIELDS} chosen={fields} onChange={setFields} />
        <Typography variant="body2" color="text.secondary">
          {translate('mc.disputes.disclosure.ground', { ground: translate('mc.disputes.disclosure.ground_4_1i') })}
        </Typography>
        <LeavingBox fields={fields} />
      </ActionDialog>
    </>
  );
}

/** ops_lead / legal (never the requester): approve some or all of the requested fields, or refuse, with a reason. */
function DecideButtons({ x }: { x: Disclosure }) {
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReloadAll();
  const [mode, setMode] = useState<null | 'approve' | 'refuse'>(null);
  const [fields, setFields] = useState<DisclosureField[]>(x.requestedFields);
  const close = () => {
    setMode(null);
    setFields(x.requestedFields);
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
      <Button variant="contained" color="warning" startIcon={<CheckIcon />} onClick={() => setMode('approve')} data-testid="approve-disclosure">
        {translate('mc.disputes.disclosure.approve')}
      </Button>
      <Button color="inherit" startIcon={<CloseIcon />} onClick={() => setMode('refuse')} data-testid="refuse-disclosure">
        {translate('mc.disputes.disclosure.refuse')}
      </Button>
      <ActionDialog
        open={mode === 'approve'}
        title="mc.disputes.disclosure.approve_title"
        message="mc.disputes.disclosure.approve_help"
        confirmLabel="mc.disputes.disclosure.approve"
        color="warning"
        field={REASON_FIELD}
        canConfirm={fields.length > 0}
        errorKey={errorKey}
        onClose={close}
        onConfirm={async (reason) => {
          await disputeApi.decideDisclosure({ id: x.id, version: x.version, approve: true, fields, reason });
          notify('mc.disputes.disclosure.approved', { type: 'success' });
          await reload();
        }}
      >
        <Typography variant="body2" sx={{ mb: 0.5 }}>
          {translate('mc.disputes.disclosure.requested_by', { name: x.requestedByName ?? '—', reason: x.reason })}
        </Typography>
        <FieldChecks options={x.requestedFields} chosen={fields} onChange={setFields} />
        <LeavingBox fields={fields} approving />
      </ActionDialog>
      <ActionDialog
        open={mode === 'refuse'}
        title="mc.disputes.disclosure.refuse_title"
        message="mc.disputes.disclosure.refuse_help"
        confirmLabel="mc.disputes.disclosure.refuse"
        field={REASON_FIELD}
        errorKey={errorKey}
        onClose={close}
        onConfirm={async (reason) => {
          await disputeApi.decideDisclosure({ id: x.id, version: x.version, approve: false, reason });
          notify('mc.disputes.disclosure.refused', { type: 'success' });
          await reload();
        }}
      />
    </Stack>
  );
}

/** The disclosure requests of a dispute (a store: those made about it): status, fields, views used, expiry; decision buttons for a second person. */
export function DisclosurePanel({ d, staff }: { d: Dispute; staff: boolean }) {
  const translate = useTranslate();
  const ability = useAbility();
  const { identity } = useGetIdentity();
  const list = d.disclosures ?? [];
  if (!list.length) return <Typography color="text.secondary">{translate('mc.disputes.disclosure.none')}</Typography>;
  const names = (fs: readonly string[] | null) => (fs?.length ? fs.map((f) => fieldLabel(translate, f)).join(translate('mc.disputes.sep')) : '—');
  return (
    <Stack spacing={1} data-testid="disclosures">
      {list.map((x) => {
        const mine = !!identity?.id && String(identity.id) === x.requestedById;
        const canDecide = staff && x.status === 'requested' && disputeCan(ability, 'decide', 'DisputeDisclosure') && !mine;
        return (
          <Card variant="outlined" key={x.id} data-testid="disclosure-card">
            <CardContent>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
                <StatusChip status={x.status} style={DISCLOSURE_STATUS} />
                <Typography variant="body2" color="text.secondary">
                  {formatDateTime(x.createdAt)}
                  {x.requestedByName ? ` · ${x.requestedByName}` : ''}
                </Typography>
              </Stack>
              <Typography variant="body2" data-testid="disclosure-requested">
                {translate('mc.disputes.disclosure.requested_fields')}: {names(x.requestedFields)}
              </Typography>
              {x.approvedFields && (
                <Typography variant="body2" data-testid="disclosure-approved">
                  {translate('mc.disputes.disclosure.approved_fields')}: <strong>{names(x.approvedFields)}</strong>
                </Typography>
              )}
              <Typography variant="body2">
                {translate('mc.disputes.disclosure.ground', { ground: x.legalGround === LEGAL_GROUND ? translate('mc.disputes.disclosure.ground_4_1i') : x.legalGround })}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>
                {translate('mc.disputes.disclosure.reason')}: {x.reason}
              </Typography>
              {x.decidedAt && (
                <Typography variant="body2">
                  {translate('mc.disputes.disclosure.decided', { name: x.decidedByName ?? '—', date: formatDateTime(x.decidedAt), reason: x.decisionReason ?? '' })}
                </Typography>
              )}
              {(x.status === 'approved' || x.status === 'closed') && (
                <Typography variant="body2" data-testid="disclosure-views">
                  {translate('mc.disputes.disclosure.views', { used: x.viewCount, max: x.maxViews })}
                  {x.expiresAt ? ` · ${translate('mc.disputes.disclosure.expires', { date: formatDateTime(x.expiresAt) })}` : ''}
                </Typography>
              )}
              {staff && x.status === 'requested' && mine && (
                <Alert severity="info" sx={{ mt: 1 }}>
                  {translate('errors.DISCLOSURE_OWN_REQUEST')}
                </Alert>
              )}
              {canDecide && <DecideButtons x={x} />}
            </CardContent>
          </Card>
        );
      })}
    </Stack>
  );
}
