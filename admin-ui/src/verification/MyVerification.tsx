import { StatusChip, formatDateTime, prcToday } from '../components';
import { IsoDateInput } from '../components/IsoDateInput';
import SendIcon from '@mui/icons-material/Send';
import { Alert, AlertTitle, Box, Card, CardContent, CircularProgress, Divider, Grid, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { BooleanInput, Form, FormDataConsumer, RadioButtonGroupInput, SaveButton, SelectInput, TextInput, Title, maxLength, required, useNotify, useTranslate, type Validator } from 'react-admin';
import { STORE_STATUS } from '../merchants/storeStatus';
import { useAbility } from '../abilities';
import { GraphQLRequestError } from '../graphql';
import { myVerification, submitVerification, type VerificationCase } from './api';
import { ImageUploadInput } from './ImageUploadInput';
import { ageOn } from '../../../rules/identity/documents';
import { parseResidentId } from '../../../rules/identity/resident-id';
import { holderBirthDate, idNumberProblem, isMobile, isServicePhone, usccProblem } from './rules';
import { VERIFICATION_STATUS, idDocTypeChoices, subjectTypeChoices, useReasonLabel } from './status';

const QUERY_KEY = ['myVerification'];

/** The store owner's identity verification: where it stands, what to fix, and the form. */
export function MyVerification() {
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({ queryKey: QUERY_KEY, queryFn: myVerification });
  // A sub-account may hold "view" without "submit" (store permissions, policy 2.3.4).
  const canSubmit = useAbility().can('create', 'Verification');
  if (isPending) return <CircularProgress sx={{ m: 4 }} />;
  if (error) return <Alert severity="error">{translate(error.message)}</Alert>;
  const c = data ?? null;
  return (
    <Box sx={{ mt: 2, maxWidth: 1000 }} data-testid="my-verification">
      <Title title="mc.verification.mine.title" />
      <Stack spacing={2}>
        <StatusCard c={c} />
        {!c || c.canResubmit ? (
          canSubmit ? (
            <SubmissionForm key={c ? `${c.id}-${c.rowVersion}` : 'new'} c={c} />
          ) : (
            <Alert severity="info" data-testid="view-only">
              {translate('mc.team.verification_view_only')}
            </Alert>
          )
        ) : (
          <Alert severity={c.status === 'approved' ? 'success' : 'error'} data-testid="form-closed">
            {translate(c.status === 'approved' ? 'mc.verification.mine.closed_approved' : 'mc.verification.mine.closed_rejected')}
          </Alert>
        )}
      </Stack>
    </Box>
  );
}

function StatusCard({ c }: { c: VerificationCase | null }) {
  const translate = useTranslate();
  const label = useReasonLabel();
  if (!c)
    return (
      <Alert severity="info" data-testid="verification-intro">
        <AlertTitle>{translate('mc.verification.mine.not_submitted')}</AlertTitle>
        {translate('mc.verification.mine.intro')}
      </Alert>
    );
  const sentBack = c.status === 'resubmission_requested' || c.status === 'rejected';
  return (
    <Card data-testid="verification-status-card">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h6">{translate('mc.verification.mine.status')}</Typography>
          <StatusChip status={c.status} style={VERIFICATION_STATUS} />
          <Typography variant="body2" color="text.secondary">
            {translate('mc.verification.mine.submitted_at', { at: formatDateTime(c.submittedAt) })}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('mc.verification.mine.store')}
          </Typography>
          <StatusChip status={c.storeStatus} style={STORE_STATUS} />
        </Stack>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate(`mc.verification.mine.explain.${c.status}`, { _: '' })}
        </Typography>
        {sentBack && (
          <Alert severity={c.status === 'rejected' ? 'error' : 'warning'} sx={{ mt: 2 }} data-testid="decision-reasons">
            <AlertTitle>{translate(c.status === 'rejected' ? 'mc.verification.mine.rejected_title' : 'mc.verification.mine.fix_title')}</AlertTitle>
            {c.reasons.length > 0 && (
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {c.reasons.map((r) => (
                  <li key={r.code}>{label(r)}</li>
                ))}
              </Box>
            )}
            {c.applicantComment && (
              <Typography variant="body2" sx={{ mt: 1 }} data-testid="applicant-comment">
                {translate('mc.verification.applicant_comment')}: {c.applicantComment}
              </Typography>
            )}
            {c.status === 'resubmission_requested' && (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {translate('mc.verification.mine.fix_help')}
              </Typography>
            )}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

// ---------- the form ----------

const v =
  (test: (value: string, all: Record<string, any>) => string | undefined): Validator =>
  (value, all) =>
    value ? test(String(value), all) : undefined;
const mobile = v((x) => (isMobile(x) ? undefined : 'mc.verification.validation.mobile'));
const phone = v((x) => (isServicePhone(x) ? undefined : 'mc.verification.validation.cs_phone'));
const idNumber = v((x, all) => idNumberProblem(all.idDocType, x));
const uscc = v((x) => usccProblem(x));
const notFuture = v((x) => (x > prcToday() ? 'mc.verification.validation.future_date' : undefined));
const guardianId = v((x) => {
  const r = parseResidentId(x);
  if (!r.ok) return `mc.verification.validation.resident_id_${r.reason}`;
  return ageOn(r.birthDate, prcToday()) < 18 ? 'mc.verification.validation.guardian_adult' : undefined;
});
const trademarkPair = v((_x, all) => (all.trademarkIdNumber && !all.trademarkName ? 'mc.verification.validation.trademark_name' : undefined));
const consent: Validator = (value) => (value ? undefined : 'mc.verification.validation.consent');
const req = required();
const name = [req, maxLength(50)];
const address = [req, maxLength(200)];

/** Form values -> SubmitVerificationInput. */
function toInput(f: Record<string, any>, under14: boolean): Record<string, unknown> {
  const t = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  const enterprise = f.subjectType === 'enterprise';
  return {
    subjectType: f.subjectType,
    realName: t(f.realName),
    idDocType: f.idDocType,
    idNumber: t(f.idNumber)?.toUpperCase(),
    birthDate: f.idDocType !== 'resident_id' ? t(f.birthDate) : undefined,
    idValidUntil: f.idLongTerm ? undefined : t(f.idValidUntil),
    idFrontKey: f.idFrontKey,
    idBackKey: f.idBackKey,
    handheldKey: f.handheldKey,
    companyName: enterprise ? t(f.companyName) : undefined,
    uscc: enterprise ? t(f.uscc)?.toUpperCase() : undefined,
    legalRepName: enterprise ? t(f.legalRepName) : undefined,
    licenceKey: enterprise ? t(f.licenceKey) : undefined,
    contactName: t(f.contactName),
    contactMobile: t(f.contactMobile),
    contactAddress: t(f.contactAddress),
    csPhone: t(f.csPhone),
    returnName: t(f.returnName),
    returnMobile: t(f.returnMobile),
    returnAddress: t(f.returnAddress),
    trademarkName: t(f.trademarkName),
    trademarkIdNumber: t(f.trademarkIdNumber),
    thirdPartyConsent: f.thirdPartyConsent === true,
    guardian: under14 ? { name: t(f.guardian?.name), relation: t(f.guardian?.relation), idNumber: t(f.guardian?.idNumber)?.toUpperCase(), consentKey: f.guardian?.consentKey } : undefined,
  };
}

/** The holder's age today (Asia/Shanghai), when the form says enough to know it. */
function holderAge(f: Record<string, any>): number | undefined {
  const birth = holderBirthDate(f);
  return birth ? ageOn(birth, prcToday()) : undefined;
}

function SubmissionForm({ c }: { c: VerificationCase | null }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const f = (n: string) => translate(`mc.verification.field.${n}`);
  const defaults = { subjectType: c?.submission.subjectType ?? 'individual', idDocType: c?.submission.idDocType ?? 'resident_id', idLongTerm: false, thirdPartyConsent: false };

  const onSubmit = async (values: Record<string, any>) => {
    const age = holderAge(values);
    try {
      const saved = await submitVerification(toInput(values, age !== undefined && age < 14));
      queryClient.setQueryData(QUERY_KEY, saved);
      notify('mc.verification.mine.submitted', { type: 'success' });
      window.scrollTo({ top: 0 });
      return undefined;
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) {
        notify('mc.error.BAD_USER_INPUT', { type: 'error' });
        // Server field errors on their inputs; a missing guardian record on the guardian's name.
        const errors: Record<string, string> = {};
        for (const [k, msg] of Object.entries(e.body.errors)) errors[k === 'guardian' ? 'guardian.name' : k] = msg;
        return errors;
      }
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
      return undefined;
    }
  };

  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(c ? 'mc.verification.mine.form_resubmit' : 'mc.verification.mine.form_title')}
        </Typography>
        {c && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('mc.verification.mine.reenter')}
          </Alert>
        )}
        <Form onSubmit={onSubmit} defaultValues={defaults} mode="onBlur" reValidateMode="onChange">
          <Stack spacing={1}>
            <RadioButtonGroupInput source="subjectType" label={f('subjectType')} choices={subjectTypeChoices} validate={req} />
            <FormDataConsumer>
              {({ formData }) =>
                formData.subjectType === 'enterprise' && (
                  <Box>
                    <Section title={translate('mc.verification.section.enterprise')} />
                    <Grid container spacing={2}>
                      <Grid size={{ xs: 12, sm: 6 }}>
                        <TextInput source="companyName" label={f('companyName')} validate={[req, maxLength(100)]} fullWidth />
                      </Grid>
                      <Grid size={{ xs: 12, sm: 6 }}>
                        <TextInput source="uscc" label={f('uscc')} validate={[req, uscc]} fullWidth helperText="mc.verification.help.uscc" />
                      </Grid>
                      <Grid size={{ xs: 12, sm: 6 }}>
                        <TextInput source="legalRepName" label={f('legalRepName')} validate={name} fullWidth />
                      </Grid>
                    </Grid>
                    <ImageUploadInput source="licenceKey" label={f('licence')} validate={req} />
                  </Box>
                )
              }
            </FormDataConsumer>

            <Section title={translate('mc.verification.section.holder')} />
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="realName" label={f('realName')} validate={name} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <SelectInput source="idDocType" label={f('idDocType')} choices={idDocTypeChoices} validate={req} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="idNumber" label={f('idNumber')} validate={[req, idNumber]} fullWidth />
              </Grid>
              <FormDataConsumer>
                {({ formData }) =>
                  formData.idDocType !== 'resident_id' && (
                    <Grid size={{ xs: 12, sm: 6 }}>
                      <IsoDateInput source="birthDate" label={f('birthDate')} validate={[req, notFuture]} fullWidth />
                    </Grid>
                  )
                }
              </FormDataConsumer>
              <Grid size={{ xs: 12, sm: 6 }}>
                <BooleanInput source="idLongTerm" label={f('idLongTerm')} />
                <FormDataConsumer>{({ formData }) => !formData.idLongTerm && <IsoDateInput source="idValidUntil" label={f('idValidUntil')} validate={req} fullWidth />}</FormDataConsumer>
              </Grid>
            </Grid>
            <FormDataConsumer>
              {({ formData }) => {
                const age = holderAge(formData);
                if (age === undefined) return null;
                return (
                  <Alert severity={age < 18 ? 'warning' : 'info'} data-testid="holder-age" sx={{ py: 0 }}>
                    {translate('mc.verification.mine.age', { age })} {age < 14 ? translate('mc.verification.mine.under14') : age < 18 ? translate('mc.verification.mine.under18') : ''}
                  </Alert>
                );
              }}
            </FormDataConsumer>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
              <ImageUploadInput source="idFrontKey" label={f('idFront')} validate={req} />
              <ImageUploadInput source="idBackKey" label={f('idBack')} validate={req} />
              <ImageUploadInput source="handheldKey" label={f('handheld')} validate={req} />
            </Stack>

            <FormDataConsumer>
              {({ formData }) => {
                const age = holderAge(formData);
                return (
                  age !== undefined &&
                  age < 14 && (
                    <Box data-testid="guardian-section">
                      <Section title={translate('mc.verification.section.guardian')} />
                      <Alert severity="warning" sx={{ mb: 1 }}>
                        {translate('mc.verification.mine.guardian_help')}
                      </Alert>
                      <Grid container spacing={2}>
                        <Grid size={{ xs: 12, sm: 4 }}>
                          <TextInput source="guardian.name" label={f('guardianName')} validate={name} fullWidth />
                        </Grid>
                        <Grid size={{ xs: 12, sm: 4 }}>
                          <TextInput source="guardian.relation" label={f('guardianRelation')} validate={[req, maxLength(32)]} fullWidth />
                        </Grid>
                        <Grid size={{ xs: 12, sm: 4 }}>
                          <TextInput source="guardian.idNumber" label={f('guardianIdNumber')} validate={[req, guardianId]} fullWidth />
                        </Grid>
                      </Grid>
                      <ImageUploadInput source="guardian.consentKey" label={f('guardianConsent')} validate={req} />
                    </Box>
                  )
                );
              }}
            </FormDataConsumer>

            <Section title={translate('mc.verification.section.contact')} />
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 4 }}>
                <TextInput source="contactName" label={f('contactName')} validate={name} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 4 }}>
                <TextInput source="contactMobile" label={f('contactMobile')} validate={[req, mobile]} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 4 }}>
                <TextInput source="csPhone" label={f('csPhone')} validate={[req, phone]} fullWidth helperText="mc.verification.help.cs_phone" />
              </Grid>
              <Grid size={{ xs: 12 }}>
                <TextInput source="contactAddress" label={f('contactAddress')} validate={address} fullWidth />
              </Grid>
            </Grid>
            <Section title={translate('mc.verification.section.return')} />
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="returnName" label={f('returnName')} validate={name} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="returnMobile" label={f('returnMobile')} validate={[req, mobile]} fullWidth />
              </Grid>
              <Grid size={{ xs: 12 }}>
                <TextInput source="returnAddress" label={f('returnAddress')} validate={address} fullWidth />
              </Grid>
            </Grid>
            <Section title={translate('mc.verification.section.trademark')} />
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="trademarkName" label={f('trademarkName')} validate={[maxLength(100), trademarkPair]} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="trademarkIdNumber" label={f('trademarkIdNumber')} validate={maxLength(32)} fullWidth />
              </Grid>
            </Grid>
            <Divider />
            <BooleanInput source="thirdPartyConsent" label={f('thirdPartyConsent')} validate={consent} />
            <Box>
              <SaveButton label={c ? 'mc.verification.mine.resubmit' : 'mc.verification.mine.submit'} icon={<SendIcon />} alwaysEnable />
            </Box>
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
}

function Section({ title }: { title: string }) {
  return (
    <Typography variant="subtitle1" sx={{ mt: 2, fontWeight: 'bold' }}>
      {title}
    </Typography>
  );
}
