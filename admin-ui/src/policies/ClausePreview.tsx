import { Box, Paper, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useTranslate } from 'react-admin';
// The server's own parser (pure, dependency-free): the preview shows exactly the structure a save recovers.
import { parsePolicy, type PolicyClause } from '../../../rules/policies/policy-parser';
import type { Clause } from './api';

function flatten(clauses: PolicyClause[], level = 1, out: Clause[] = []): Clause[] {
  for (const c of clauses) {
    out.push({ number: c.number, title: c.title, level, text: c.text, items: c.items });
    flatten(c.children, level + 1, out);
  }
  return out;
}

/** Clause list: number + title as headings, own text, lettered items. */
export function ClauseList({ clauses, dense }: { clauses: Clause[]; dense?: boolean }) {
  return (
    <Box>
      {clauses.map((c) => (
        <Box key={c.number} sx={{ pl: (c.level - 1) * 2, mb: 1 }} data-clause={c.number}>
          <Typography variant={c.level === 1 ? 'subtitle1' : 'subtitle2'} sx={{ fontWeight: 'bold' }}>
            {c.number} {c.title}
          </Typography>
          {!dense && c.text && (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>
              {c.text}
            </Typography>
          )}
          {c.items.map((i) => (
            <Typography key={i.label} variant="body2" sx={{ pl: 2 }}>
              <strong>{i.label}.</strong> {dense ? i.text.slice(0, 60) : i.text}
            </Typography>
          ))}
        </Box>
      ))}
    </Box>
  );
}

/** Live preview of the clause structure the server will recover from `body` on save. */
export function LivePreview({ body }: { body: string }) {
  const translate = useTranslate();
  const structure = useMemo(() => {
    try {
      return parsePolicy(body);
    } catch {
      return null;
    }
  }, [body]);
  const clauses = structure ? flatten(structure.sections) : [];
  return (
    <Paper variant="outlined" sx={{ p: 2, maxHeight: 640, overflow: 'auto' }} data-testid="policy-preview">
      <Typography variant="subtitle1" sx={{ fontWeight: 'bold' }}>
        {translate('mc.policies.preview')}
      </Typography>
      {structure?.title && <Typography variant="h6">{structure.title}</Typography>}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {clauses.length ? translate('mc.policies.preview_help', { smart_count: clauses.length }) : translate('mc.policies.preview_empty')}
      </Typography>
      <ClauseList clauses={clauses} />
    </Paper>
  );
}
