import RateReviewIcon from '@mui/icons-material/RateReview';
import { AppealList } from './AppealList';

export const penaltyAppeals = { name: 'penaltyAppeals', list: AppealList, icon: RateReviewIcon };
