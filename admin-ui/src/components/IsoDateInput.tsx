import EventIcon from '@mui/icons-material/Event';
import { IconButton, InputAdornment, TextField } from '@mui/material';
import { useRef, useState } from 'react';
import { FieldTitle, useInput, useResourceContext, useTranslate, type InputProps } from 'react-admin';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const valid = (s: string) => ISO.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * A calendar date typed or picked as YYYY-MM-DD, whatever the browser's language: the native
 * <input type="date"> shows mm/dd/yyyy in an English browser even when the console is in Chinese.
 * The calendar button opens the browser's picker; the value is the same "YYYY-MM-DD" string
 * DateInput gives.
 */
export function IsoDateInput(props: InputProps & { helperText?: string | false; fullWidth?: boolean }) {
  const translate = useTranslate();
  const resource = useResourceContext(props);
  const { field, fieldState, isRequired, id } = useInput(props);
  const value = typeof field.value === 'string' ? field.value.slice(0, 10) : '';
  const [text, setText] = useState(value);
  const picker = useRef<HTMLInputElement>(null);
  // The form's value changed from outside (reset, record loaded): show it (adjusting state while rendering, as React advises).
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const bad = text !== '' && !valid(text);
  const set = (s: string) => {
    setText(s);
    if (s === '') field.onChange(null);
    else if (valid(s)) field.onChange(s);
  };
  const error = bad || (fieldState.invalid && fieldState.isTouched);
  const helper = bad
    ? translate('mc.date.format_help')
    : fieldState.error?.message
      ? translate(fieldState.error.message, { _: fieldState.error.message })
      : props.helperText
        ? translate(props.helperText, { _: props.helperText })
        : props.helperText === false
          ? undefined
          : ' ';
  return (
    <TextField
      id={id}
      name={field.name}
      value={text}
      onChange={(e) => set(e.target.value.trim())}
      onBlur={field.onBlur}
      label={<FieldTitle label={props.label} source={props.source} resource={resource} isRequired={isRequired} />}
      placeholder="YYYY-MM-DD"
      error={error}
      helperText={helper}
      fullWidth={props.fullWidth}
      sx={{ minWidth: 190 }}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', maxLength: 10, 'data-testid': `date-${props.source}` },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton size="small" edge="end" aria-label={translate('mc.date.pick')} onClick={() => picker.current?.showPicker?.()}>
                <EventIcon fontSize="small" />
              </IconButton>
              <input
                ref={picker}
                type="date"
                tabIndex={-1}
                aria-hidden
                value={valid(text) ? text : ''}
                onChange={(e) => set(e.target.value)}
                style={{ position: 'absolute', right: 0, bottom: 0, width: 0, height: 0, opacity: 0, border: 0, padding: 0 }}
              />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
