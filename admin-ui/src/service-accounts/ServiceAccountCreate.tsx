import { Card, CardContent } from '@mui/material';
import { useState } from 'react';
import { CheckboxGroupInput, SimpleForm, TextInput, Title, maxLength, minLength, required, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { SERVICE_ACCOUNT_NAME_LENGTH } from '../../../rules/service-accounts/scopes';
import { GraphQLRequestError } from '../graphql';
import { createServiceAccount, scopeChoices, type IssuedKey } from './api';
import { KeyDialog } from './KeyDialog';

// The same bounds as the server (rules/service-accounts/scopes.ts), so most mistakes are caught before sending.
const validateName = [required(), minLength(SERVICE_ACCOUNT_NAME_LENGTH.min), maxLength(SERVICE_ACCOUNT_NAME_LENGTH.max)];

/**
 * Creates a service account, then shows its key once (KeyDialog) and goes back to the list. Not a
 * react-admin `Create`: the answer (with the key) must not land in the data provider's cache.
 */
export function ServiceAccountCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const save = async (values: Record<string, unknown>) => {
    try {
      setIssued(await createServiceAccount(String(values.name ?? '').trim(), (values.scopes as string[]) ?? []));
      return undefined;
    } catch (e) {
      // A refusal naming a field is shown on it (its message is the translated key); others as a notification.
      if (e instanceof GraphQLRequestError && e.fields.length) return Object.fromEntries(e.fields.map((f) => [f.field.replace(/^input\./, ''), e.message]));
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
      return undefined;
    }
  };
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('mc.service_accounts.create_title')} />
      <CardContent>
        <SimpleForm onSubmit={save} defaultValues={{ scopes: ['dispute.intake'] }}>
          <TextInput source="name" label="resources.serviceAccounts.fields.name" validate={validateName} helperText="mc.service_accounts.name_help" autoComplete="off" />
          <CheckboxGroupInput source="scopes" label="resources.serviceAccounts.fields.scopes" choices={scopeChoices} row={false} validate={required()} />
        </SimpleForm>
      </CardContent>
      <KeyDialog
        apiKey={issued?.apiKey ?? null}
        name={issued?.serviceAccount.name}
        onClose={() => {
          setIssued(null);
          void navigate('/serviceAccounts');
        }}
      />
    </Card>
  );
}
