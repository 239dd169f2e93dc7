import FactCheckIcon from '@mui/icons-material/FactCheck';
import RuleIcon from '@mui/icons-material/Rule';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { CaseShow } from './CaseShow';
import { MyVerification } from './MyVerification';
import { QueueList } from './QueueList';
import { ReasonCodeCreate, ReasonCodeEdit, ReasonCodeList } from './ReasonCodes';

/** Operations: the review queue and case pages. */
export const verificationCases = { name: 'verificationCases', list: QueueList, show: CaseShow, icon: FactCheckIcon, recordRepresentation: 'storeName' };
/** ops_lead: the managed reason codes. */
export const verificationReasonCodes = { name: 'verificationReasonCodes', list: ReasonCodeList, edit: ReasonCodeEdit, create: ReasonCodeCreate, icon: RuleIcon };
/** Store owner: its own identity verification (status and form). */
export const myVerification = { name: 'myVerification', list: MyVerification, icon: VerifiedUserIcon };
export { VERIFICATION_LINK_PATH, VerificationLink } from './VerificationLink';
