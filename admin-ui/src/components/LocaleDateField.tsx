import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

/** A date-time in the UI language's format (DateField alone follows the browser's language). */
export function LocaleDateField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return <DateField showTime locales={locale} {...props} />;
}
