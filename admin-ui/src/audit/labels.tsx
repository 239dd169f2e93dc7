import { Box, Tooltip, Typography } from '@mui/material';
import { useTranslate, type TranslateFunction } from 'react-admin';

const key = (code: string) => code.replace(/\./g, '_');

/** A translated label for an audit action code; refusals (`graphql.<operation>`) read "Refused: <operation>". */
export function auditActionLabel(translate: TranslateFunction, code: string): string {
  if (code.startsWith('graphql.')) return translate('mc.audit_label.refused', { operation: code.slice('graphql.'.length) });
  return translate(`mc.audit_label.action.${key(code)}`, { _: code });
}

export function actorKindLabel(translate: TranslateFunction, kind: string | null | undefined): string {
  return kind ? translate(`mc.audit_label.actor_kind.${kind}`, { _: kind }) : '—';
}

/** "Session #ab12cd34…": the target type translated, a long id shortened (the full one in a tooltip). */
export function AuditTarget({ type, id }: { type?: string | null; id?: string | null }) {
  const translate = useTranslate();
  if (!type) return <>—</>;
  const label = translate(`mc.audit_label.target.${type}`, { _: type });
  if (!id) return <>{label}</>;
  const short = id.length > 12 ? `${id.slice(0, 8)}…` : id;
  return (
    <Tooltip title={`${type} #${id}`}>
      <span>
        {label}{' '}
        <Box component="span" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
          #{short}
        </Box>
      </span>
    </Tooltip>
  );
}

/** The translated action with its code underneath in small monospace (and in a tooltip). */
export function AuditAction({ code }: { code: string }) {
  const translate = useTranslate();
  const label = auditActionLabel(translate, code);
  return (
    <Tooltip title={code}>
      <Box component="span" data-action={code}>
        <Typography component="span" variant="body2" sx={{ display: 'block' }}>
          {label}
        </Typography>
        {label !== code && (
          <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace' }}>
            {code}
          </Typography>
        )}
      </Box>
    </Tooltip>
  );
}

/** The actor's label (login or name), or its kind translated ("System", "Anonymous") when there is none. */
export function AuditActor({ record }: { record: { actorLabel?: string | null; actorKind?: string | null; [k: string]: unknown } }) {
  const translate = useTranslate();
  const kind = actorKindLabel(translate, record.actorKind);
  if (!record.actorLabel)
    return (
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {kind}
      </Box>
    );
  return (
    <Tooltip title={kind}>
      <span>{record.actorLabel}</span>
    </Tooltip>
  );
}
