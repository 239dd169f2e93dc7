import { defineErrors } from '../../core/errors';

/** The data-sharing register's refusals (policy 4.1, 4.4: the only grounds, minimum necessary). */
export const DataSharingErrors = defineErrors({
  /** No recipient of that key in the managed list. */
  UNKNOWN_RECIPIENT: { code: 'BAD_USER_INPUT', message: 'no such data recipient' },
  /** The legal ground is not one a share with this kind of recipient may cite. */
  GROUND_NOT_FIT: { code: 'BAD_USER_INPUT', message: 'this legal ground does not allow sharing with this recipient' },
  /** A field outside the recipient's declared minimum set. */
  FIELDS_BEYOND_MINIMUM: { code: 'BAD_USER_INPUT', message: 'these fields are beyond what this recipient may receive' },
});
