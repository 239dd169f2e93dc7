import { Box, Checkbox, FormControlLabel, FormGroup, FormHelperText, Switch, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { MATERIAL_CATEGORIES, type PolicyVersion } from '../api';

/** Whether a version is material (clause 8.2) and in which categories. */
export type Material = Pick<PolicyVersion, 'isMaterial' | 'materialCategories'>;

/** The six categories of clause 8.2 with their meaning; at least one when material. */
export function MaterialForm({ value, onChange, disabled, error }: { value: Material; onChange(v: Material): void; disabled?: boolean; error?: string }) {
  const translate = useTranslate();
  const missing = value.isMaterial && value.materialCategories.length === 0;
  return (
    <Box data-testid="material-form">
      <Typography variant="subtitle1" sx={{ fontWeight: 'bold' }}>
        {translate('mc.policies.material_title')}
      </Typography>
      <FormControlLabel
        control={
          <Switch
            checked={value.isMaterial}
            disabled={disabled}
            onChange={(e) => onChange({ isMaterial: e.target.checked, materialCategories: e.target.checked ? value.materialCategories : [] })}
            name="isMaterial"
          />
        }
        label={translate('mc.policies.material')}
      />
      <FormHelperText>{translate('mc.policies.material_help')}</FormHelperText>
      {value.isMaterial && (
        <FormGroup sx={{ pl: 1 }}>
          {MATERIAL_CATEGORIES.map((c) => (
            <FormControlLabel
              key={c}
              control={
                <Checkbox
                  size="small"
                  name={`category-${c}`}
                  disabled={disabled}
                  checked={value.materialCategories.includes(c)}
                  onChange={(e) => onChange({ isMaterial: true, materialCategories: e.target.checked ? [...value.materialCategories, c].sort() : value.materialCategories.filter((x) => x !== c) })}
                />
              }
              label={translate(`mc.policies.category.${c}`)}
            />
          ))}
        </FormGroup>
      )}
      {(missing || error) && <FormHelperText error>{error ?? translate('mc.policies.material_needs_category')}</FormHelperText>}
    </Box>
  );
}
