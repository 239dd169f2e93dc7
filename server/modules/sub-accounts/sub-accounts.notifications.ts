/** The texts sub-accounts send (policy 2.3.4). */

/**
 * The invitation SMS: the store's name, the 6-digit code, its validity in minutes and the link to
 * the acceptance page (`<publicUrl>/#/invitations/<invitation id>`, admin-ui team/AcceptInvitation.tsx).
 */
export function invitationSms(a: { storeName: string; code: string; ttlMinutes: number; publicUrl: string; invitationId: string }): string {
  return `【商家后台】${a.storeName} 邀请您成为店铺子账户，验证码 ${a.code}，${a.ttlMinutes} 分钟内有效，请勿告诉他人。` + `接受邀请：${a.publicUrl}/#/invitations/${a.invitationId}`;
}
