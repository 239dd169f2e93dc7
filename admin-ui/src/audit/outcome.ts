/** Outcomes of audit events (server: audit-writer). */
export const outcomeChoices = ['success', 'denied', 'failed'].map((id) => ({ id, name: `mc.audit.outcome.${id}` }));
