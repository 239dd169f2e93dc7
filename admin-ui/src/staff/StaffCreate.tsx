import { CheckboxGroupInput, Create, PasswordInput, SimpleForm, TextInput, maxLength, minLength, regex, required } from 'react-admin';
import { PASSWORD_MAX, PASSWORD_MIN } from '../components/passwordPolicy';
import { roleChoices } from './roles';

// The same rules as the server's CreateStaffAccountInput, so most mistakes are caught before sending.
const validateLogin = [required(), regex(/^[a-z][a-z0-9_.-]{2,63}$/, 'mc.staff.login_format')];
const validateName = [required(), maxLength(64)];
// Strength (common passwords, the login name…) is checked by the server's password policy.
const validatePassword = [required(), minLength(PASSWORD_MIN), maxLength(PASSWORD_MAX)];
const validateMobile = regex(/^(\+?86)?1[3-9]\d{9}$/, 'mc.staff.mobile_format');

export function StaffCreate() {
  return (
    <Create redirect="list" mutationMode="pessimistic">
      <SimpleForm>
        <TextInput source="loginName" validate={validateLogin} autoComplete="off" />
        <TextInput source="displayName" validate={validateName} />
        <TextInput source="mobile" validate={validateMobile} />
        <PasswordInput source="password" validate={validatePassword} autoComplete="new-password" />
        <CheckboxGroupInput source="roles" choices={roleChoices} validate={required()} helperText="mc.staff.roles_pending_help" />
      </SimpleForm>
    </Create>
  );
}
