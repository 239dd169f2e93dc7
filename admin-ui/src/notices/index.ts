export { NOTICES_PATH } from './path';
export { NoticeBoard } from './NoticeBoard';
