import { defineErrors } from '../../core/errors';

/** Refusals of revealing personal data unmasked (policy 2.2.1, 5.1.2). */
export const PersonalDataErrors = defineErrors({
  /** The staff member's roles do not let them see this field of this record unmasked (the refusal is audited). */
  REVEAL_NOT_ALLOWED: { code: 'FORBIDDEN', message: 'You may not see this field unmasked' },
});
