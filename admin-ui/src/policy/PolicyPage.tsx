import { formatDate } from '../components';
import { Alert, Box, CircularProgress, Container, Link as MuiLink, List, ListItem, Paper, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, LocalesMenuButton, useLocaleState, useTranslate } from 'react-admin';
import { POLICY_CODE, publicPolicy } from './api';
import type { Clause } from '../policies/api';
import { VersionHistory } from '../policies/VersionHistory';

/** DOM id of a clause: "2.3.4" -> "clause-2-3-4" (the hash is the router's, so no #anchors). */
const anchorOf = (number: string) => `clause-${number.replace(/\./g, '-')}`;

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((p, i) => (
        <Typography key={i} component="p" sx={{ whiteSpace: 'pre-line', mb: 2 }}>
          {p}
        </Typography>
      ))}
    </>
  );
}

function Toc({ clauses }: { clauses: Clause[] }) {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" component="nav" sx={{ p: 2, mb: 3 }} aria-label={translate('mc.policy.toc')}>
      <Typography variant="h6" gutterBottom>
        {translate('mc.policy.toc')}
      </Typography>
      <List dense disablePadding>
        {clauses.map((c) => (
          <ListItem key={c.number} disablePadding sx={{ pl: (c.level - 1) * 2.5 }}>
            <MuiLink
              href={`#${anchorOf(c.number)}`}
              underline="hover"
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(anchorOf(c.number))?.scrollIntoView({ behavior: 'smooth' });
              }}
            >
              {c.number} {c.title}
            </MuiLink>
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}

function ClauseView({ clause }: { clause: Clause }) {
  const variant = clause.level <= 1 ? 'h5' : clause.level === 2 ? 'h6' : 'subtitle1';
  return (
    <Box component="section" id={anchorOf(clause.number)} sx={{ scrollMarginTop: 16, mb: 2 }} data-clause={clause.number}>
      <Typography variant={variant} component={clause.level <= 1 ? 'h2' : clause.level === 2 ? 'h3' : 'h4'} sx={{ fontWeight: 'bold', mt: 2, mb: 1 }}>
        {clause.number} {clause.title}
      </Typography>
      <Paragraphs text={clause.text} />
      {clause.items.length > 0 && (
        <Box component="ol" sx={{ listStyle: 'none', pl: 2 }}>
          {clause.items.map((item) => (
            <Typography component="li" key={item.label} sx={{ mb: 2 }}>
              <strong>{item.label}.</strong> {item.text}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** The merchant privacy policy in force, for anyone (no sign-in): /public/policy. */
export function PolicyPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const {
    data: doc,
    error,
    isPending,
  } = useQuery({
    queryKey: ['publicPolicy', POLICY_CODE],
    queryFn: () => publicPolicy(POLICY_CODE),
  });
  const current = doc?.current;
  return (
    <Container maxWidth="md" sx={{ py: 3 }}>
      <Stack direction="row" sx={{ mb: 2, alignItems: 'center', justifyContent: 'space-between' }}>
        <Link to="/">{translate('mc.policy.to_console')}</Link>
        <LocalesMenuButton />
      </Stack>
      {isPending && <CircularProgress aria-label={translate('ra.page.loading')} />}
      {error && <Alert severity="error">{translate(error.message, { _: translate('mc.error.INTERNAL') })}</Alert>}
      {doc && !current && <Alert severity="info">{translate('mc.policy.none')}</Alert>}
      {doc && current && (
        <article>
          <Typography variant="h4" component="h1" gutterBottom>
            {locale.startsWith('zh') ? doc.titleZh : doc.titleEn}
          </Typography>
          <Typography color="text.secondary" gutterBottom data-testid="policy-meta">
            {translate('mc.policy.version', { version: current.versionNo })}
            {' · '}
            {translate('mc.policy.effective', { date: current.effectiveDate ?? '—' })}
            {current.publishedAt && ` · ${translate('mc.policy.published', { date: formatDate(current.publishedAt) })}`}
          </Typography>
          {!locale.startsWith('zh') && (
            <Alert severity="info" sx={{ my: 2 }}>
              {translate('mc.policy.chinese_only')}
            </Alert>
          )}
          <Toc clauses={current.clauses} />
          <Paragraphs text={current.preamble} />
          {current.clauses.map((c) => (
            <ClauseView key={c.number} clause={c} />
          ))}
          {doc.history.length > 1 && (
            <Typography variant="body2" color="text.secondary">
              {translate('mc.policy.history', { versions: doc.history.map((h) => `v${h.versionNo}`).join(', ') })}
            </Typography>
          )}
          <VersionHistory history={doc.history} />
        </article>
      )}
    </Container>
  );
}
