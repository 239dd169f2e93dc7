import type { NotifyInput } from '../notifications/notifications.service';

/** The texts accounts send (policy 2.1, 2.6.1), as `notify` inputs without their recipient. */
type Texts = Pick<NotifyInput, 'titleZh' | 'titleEn' | 'bodyZh' | 'bodyEn'>;

/** To the account holder: repeated failed sign-ins locked the account for `lockMinutes`. */
export function accountLockedNotice(lockMinutes: number): Texts {
  return {
    titleZh: '账号已临时锁定',
    titleEn: 'Account temporarily locked',
    bodyZh: `因多次登录失败，您的账号已锁定 ${lockMinutes} 分钟。如非本人操作，请尽快修改密码。`,
    bodyEn: `After repeated failed sign-ins your account is locked for ${lockMinutes} minutes. If this was not you, change your password.`,
  };
}

export type GrantEvent = 'requested' | 'granted' | 'approved' | 'refused' | 'revoked';

/** To every active auditor: admin `adminLogin` changed platform role `role` of account `accountLogin` (issue 10 item 6). */
export function roleGrantNotice(event: GrantEvent, role: string, adminLogin: string, accountLogin: string): Texts {
  const zh = { requested: '申请授予', granted: '已授予', approved: '已批准授予', refused: '已拒绝授予', revoked: '已撤销' }[event];
  return {
    titleZh: `平台角色变更：${zh} ${role}`,
    titleEn: `Platform role ${event}: ${role}`,
    bodyZh: `管理员 ${adminLogin} ${zh}账号 ${accountLogin} 的角色 ${role}。`,
    bodyEn: `Admin ${adminLogin}: role ${role} ${event} for account ${accountLogin}.`,
  };
}
