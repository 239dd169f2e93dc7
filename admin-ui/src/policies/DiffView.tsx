import { Box, Chip, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { DiffSegment, PolicyDiff } from './api';

const INS = { bgcolor: 'rgba(46, 160, 67, 0.22)', textDecoration: 'underline', textDecorationColor: 'rgba(46, 160, 67, 0.8)' };
const DEL = { bgcolor: 'rgba(248, 81, 73, 0.2)', textDecoration: 'line-through', textDecorationColor: 'rgba(200, 40, 40, 0.8)' };

/** Text with its insertions (green, underlined, <ins>) and deletions (red, struck through, <del>). */
export function Segments({ segments }: { segments: DiffSegment[] }) {
  return (
    <Typography component="div" variant="body2" sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>
      {segments.map((s, i) =>
        s.op === 'equal' ? (
          <span key={i}>{s.text}</span>
        ) : (
          <Box key={i} component={s.op === 'insert' ? 'ins' : 'del'} sx={s.op === 'insert' ? INS : DEL} data-op={s.op}>
            {s.text}
          </Box>
        ),
      )}
    </Typography>
  );
}

const CHANGE_COLOR = { added: 'success', removed: 'error', changed: 'warning' } as const;

/** A clause-level diff: only changed clauses, inline or side by side. */
export function DiffView({ diff, defaultMode = 'side' }: { diff: PolicyDiff; defaultMode?: 'inline' | 'side' }) {
  const translate = useTranslate();
  const [mode, setMode] = useState<'inline' | 'side'>(defaultMode);
  return (
    <Box data-testid="policy-diff">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1, flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 'bold' }}>
          {translate('mc.policies.diff_title', { from: diff.fromVersionNo, to: diff.toVersionNo })}
          <Typography component="span" color="text.secondary" sx={{ ml: 1 }} data-testid="diff-summary">
            {translate('mc.policies.diff_summary', { changed: diff.changed, added: diff.added, removed: diff.removed })}
          </Typography>
        </Typography>
        <ToggleButtonGroup size="small" exclusive value={mode} onChange={(_, v) => v && setMode(v)}>
          <ToggleButton value="side">{translate('mc.policies.side_by_side')}</ToggleButton>
          <ToggleButton value="inline">{translate('mc.policies.inline')}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {diff.titleChanged && <Chip size="small" label={translate('mc.policies.title_changed')} sx={{ mb: 1 }} />}
      {diff.clauses.length === 0 && !diff.preamble && <Typography color="text.secondary">{translate('mc.policies.diff_none')}</Typography>}
      {diff.preamble && (
        <Paper variant="outlined" sx={{ p: 1.5, mb: 1.5 }}>
          <Typography variant="subtitle2">{translate('mc.policies.preamble')}</Typography>
          <Segments segments={diff.preamble} />
        </Paper>
      )}
      {diff.clauses.map((c) => (
        <Paper key={c.number} variant="outlined" sx={{ p: 1.5, mb: 1.5 }} data-testid="diff-clause" data-clause={c.number} data-change={c.change}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Chip size="small" color={CHANGE_COLOR[c.change]} label={translate(`mc.policies.change.${c.change}`)} />
            <Typography variant="subtitle2" sx={{ fontWeight: 'bold' }}>
              {c.number} {c.newTitle ?? c.oldTitle}
            </Typography>
          </Stack>
          {mode === 'inline' ? (
            <Segments segments={c.inline} />
          ) : (
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
              <Box sx={{ borderRight: { md: 1 }, borderColor: { md: 'divider' }, pr: { md: 2 } }}>
                <Typography variant="caption" color="text.secondary">
                  {translate('mc.policies.old_version', { n: diff.fromVersionNo })}
                </Typography>
                <Segments segments={c.oldSegments} />
              </Box>
              <Box>
                <Typography variant="caption" color="text.secondary">
                  {translate('mc.policies.new_version', { n: diff.toVersionNo })}
                </Typography>
                <Segments segments={c.newSegments} />
              </Box>
            </Box>
          )}
        </Paper>
      ))}
    </Box>
  );
}
