/**
 * Messages of the server's business refusals, by `extensions.errorCode`: `errors.<ERROR_CODE>`
 * (merged in i18n/index.ts, looked up only by providers/errors.ts). Every errorCode a server module
 * declares (its `errors` catalogue, plus `CoreErrors`) has a message here in both languages
 * (test/integration/ui-errors.test.ts). A few codes read differently where they are raised: those
 * overrides live under `errors.<scope>.<ERROR_CODE>` (scope = the UI area asking, e.g. `penalties`).
 */
const en = {
  errors: {
    // CoreErrors
    STALE_VERSION: 'This record was changed meanwhile — reload it and try again.',
    INVALID_TRANSITION: 'This is no longer possible in the current status. Reload the page.',
    MAKER_CHECKER: 'A second person must approve this: you cannot approve your own request.',
    ALREADY_EXISTS: 'This already exists (e.g. the name or number is taken).',
    // Sign-in
    PASSWORD_CHANGE_REQUIRED: 'Change your temporary password first.',
    // Staff accounts and role grants
    ACCOUNT_DISABLED: 'This account is deactivated: its roles can no longer change.',
    GRANT_DECIDED: 'This grant has already been decided.',
    OWN_ACCOUNT: 'You cannot do this to your own account.',
    LAST_CHECKER: 'At least two active admins must remain, so that every grant still has a second admin to approve it.',
    // Penalties and appeals
    CATEGORY_CITED: 'Penalties cite this category: it cannot be given sub-categories (create a sibling category instead).',
    APPEAL_WINDOW_CLOSED: 'The appeal period for this penalty has ended.',
    APPEAL_LIMIT_REACHED: 'This penalty has been appealed the maximum number of times.',
    APPEAL_PENDING: 'An appeal of this penalty is pending: it must be decided first.',
    /** Raised by the UI itself (appeals/AppealDecisionButton): the appeal was decided by someone else. */
    DECIDED_ELSEWHERE: 'Someone else decided first — reload to see the decision.',
    // Sub-account invitations (codes for the sub-accounts catalogue; until it raises them the page shows the server's text)
    INVITATION_USED: 'This invitation has already been used. Sign in with the login name chosen then.',
    INVITATION_CANCELLED: 'The store cancelled this invitation.',
    INVITATION_EXPIRED: 'The code has expired. Ask the store to send a new one.',
    INVITATION_INVALID: 'This invitation is no longer valid. Ask the store for a new one.',
    LOGIN_TAKEN: 'This login name is taken; choose another',
    /** `extensions.attemptsLeft` -> smart_count. */
    WRONG_CODE: 'Wrong code; %{smart_count} attempt left |||| Wrong code; %{smart_count} attempts left',
    // Scoped overrides
    invitation: {
      ALREADY_EXISTS: 'This mobile number already has a sub-account in this store.',
    },
    grants: {
      MAKER_CHECKER: 'Another admin must approve a grant you requested.',
      OWN_ACCOUNT: 'You cannot decide a grant of roles to yourself.',
    },
    penalties: {
      MAKER_CHECKER: 'Maker-checker: a suspension or closure must be issued by someone other than the person who drafted it. Ask another lead to issue it.',
      INVALID_TRANSITION: 'This is no longer possible in the penalty’s current status. Reload the page.',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zhCN: Shape<typeof en> = {
  errors: {
    STALE_VERSION: '该记录已被他人修改 —— 请刷新后重试。',
    INVALID_TRANSITION: '当前状态下已不能执行此操作，请刷新页面。',
    MAKER_CHECKER: '须由另一人审批：不能审批自己发起的操作（双人复核）。',
    ALREADY_EXISTS: '该记录已存在（例如名称或号码已被占用）。',
    PASSWORD_CHANGE_REQUIRED: '请先修改临时密码。',
    ACCOUNT_DISABLED: '该账号已停用，其角色不能再变更。',
    GRANT_DECIDED: '该授权已被处理。',
    OWN_ACCOUNT: '不能对自己的账号执行此操作。',
    LAST_CHECKER: '须至少保留两名启用的管理员，以便每项授权都有第二位管理员审批。',
    CATEGORY_CITED: '已有处罚引用该类目，不能再为其添加子类目（请新建同级类目）。',
    APPEAL_WINDOW_CLOSED: '该处罚的申诉期已结束。',
    APPEAL_LIMIT_REACHED: '该处罚的申诉次数已达上限。',
    APPEAL_PENDING: '该处罚有待处理的申诉，须先对申诉作出决定。',
    DECIDED_ELSEWHERE: '已有他人先作出决定 —— 请刷新查看结果。',
    INVITATION_USED: '此邀请已被使用，请用当时设置的登录名登录。',
    INVITATION_CANCELLED: '店铺已取消此邀请。',
    INVITATION_EXPIRED: '验证码已过期，请联系店铺重新发送。',
    INVITATION_INVALID: '此邀请已失效，请联系店铺重新邀请。',
    LOGIN_TAKEN: '登录名已被占用，请换一个',
    WRONG_CODE: '验证码错误，还可尝试 %{smart_count} 次',
    invitation: {
      ALREADY_EXISTS: '此手机号在该店铺已有子账户。',
    },
    grants: {
      MAKER_CHECKER: '您发起的授权须由另一位管理员批准。',
      OWN_ACCOUNT: '不能审批授予自己的角色。',
    },
    penalties: {
      MAKER_CHECKER: '双人复核：暂停经营或关闭店铺的处罚须由起草人以外的人员签发，请另一位审核主管签发。',
      INVALID_TRANSITION: '处罚当前状态下已不能执行此操作，请刷新页面。',
    },
  },
};

export const errorMessages = { en, zhCN };
