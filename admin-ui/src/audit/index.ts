import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import { AuditList } from './AuditList';

export const auditEvents = { name: 'auditEvents', list: AuditList, icon: HistoryEduIcon };
