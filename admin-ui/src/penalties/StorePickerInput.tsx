import { Autocomplete, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useInput, useTranslate } from 'react-admin';
import { penaltyApi, type StoreOption } from './api';

/** Picks a store by its merchant's nickname or platform ID (value: the store ID); `optional` for a filter. */
export function StorePickerInput({ source, label, disabled, initialLabel, optional }: { source: string; label: string; disabled?: boolean; initialLabel?: string; optional?: boolean }) {
  const translate = useTranslate();
  const { field, fieldState } = useInput({ source, validate: optional ? undefined : (v: unknown) => (v ? undefined : 'ra.validation.required') });
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<StoreOption | null>(field.value ? { storeId: String(field.value), label: initialLabel ?? String(field.value) } : null);
  const { data = [], isFetching } = useQuery({
    queryKey: ['penaltyStorePicker', q],
    queryFn: () => penaltyApi.searchStores(q),
    enabled: !disabled,
  });
  return (
    <Autocomplete
      sx={{ width: 480, mb: 2 }}
      disabled={disabled}
      options={data}
      value={picked}
      loading={isFetching}
      filterOptions={(x) => x}
      isOptionEqualToValue={(a, b) => a.storeId === b.storeId}
      getOptionLabel={(o) => o.label}
      onInputChange={(_, v, reason) => reason === 'input' && setQ(v)}
      onChange={(_, v) => {
        setPicked(v);
        field.onChange(v?.storeId ?? '');
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          name={source}
          label={label}
          required={!optional}
          error={fieldState.invalid && fieldState.isTouched}
          helperText={fieldState.invalid && fieldState.isTouched ? translate(fieldState.error?.message ?? 'ra.validation.required') : translate('mc.penalties.store_help')}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}
