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
    PASSWORD_LENGTH: 'The password must be 10 to 256 characters.',
    PASSWORD_DEMO: 'The demo password cannot be used in production.',
    PASSWORD_HAS_LOGIN: 'The password must not contain the login name.',
    PASSWORD_WEAK: 'The password is too easy to guess.',
    CURRENT_PASSWORD_WRONG: 'The current password is wrong.',
    PASSWORD_UNCHANGED: 'Choose a password different from the current one.',
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
    INVITATION_NO_LONGER_VALID: 'This invitation is no longer valid. Ask the store for a new one.',
    LOGIN_TAKEN: 'This login name is taken; choose another',
    /** `extensions.attemptsLeft` -> smart_count. */
    WRONG_CODE: 'Wrong code; %{smart_count} attempt left |||| Wrong code; %{smart_count} attempts left',
    // Identity verification, penalties, policies, personal data, sub-accounts (module catalogues)
    ASSIGNEE_NOT_REVIEWER: 'The assignee must be an active reviewer or ops lead.',
    HELD_BY_ANOTHER: 'Another reviewer holds this case; only they or an ops lead can release it.',
    NOT_CLAIMED: 'Claim the case before deciding it.',
    FINAL_REASON_NOT_RETRY: 'A final reason cannot ask for resubmission; reject instead.',
    SECOND_APPROVAL_LEAD_ONLY: 'A second approval needs an ops lead.',
    REVIEW_INTERNALS_STAFF_ONLY: 'Only staff may filter by review flags, holder or internal status.',
    CATEGORY_IS_GROUP: 'Choose a specific category, not a group.',
    CATEGORY_UNAVAILABLE: 'This violation category does not exist or is no longer active.',
    SANCTION_UNAVAILABLE: 'This sanction type does not exist or is no longer active.',
    NO_SUCH_STORE: 'This store does not exist.',
    FILE_NOT_CLAIMABLE: 'Each file must be one you uploaded and not used elsewhere.',
    NOT_DRAFTER: 'Only the drafter may edit a draft.',
    CANCEL_NOT_ALLOWED: 'Only the drafter or an ops lead may cancel a draft.',
    NOT_A_DRAFT: 'Only drafts can be edited.',
    NOT_A_STORE: 'Only a store (its owner or a permitted sub-account) acknowledges policies.',
    NOT_SUBMITTABLE: 'The version is not ready for review.',
    NO_SOURCE_VERSION: 'The document has no version to start from: write a body.',
    OTHER_DOCUMENT: 'The version belongs to another document.',
    REVEAL_NOT_ALLOWED: 'You may not see this field unmasked.',
    OWN_ROLES: 'You cannot decide a grant of roles to yourself.',
    EXCEEDS_OWN_PERMISSIONS: 'You cannot grant permissions you do not hold.',
    OWNER_ONLY_PERMISSION: 'Owner-only permissions cannot be granted.',
    OWN_ROLE: 'You cannot change a role you hold.',
    ROLE_EXCEEDS_OWN: 'This role has permissions you do not hold.',
    TARGET_EXCEEDS_OWN: 'This sub-account has permissions you do not hold.',
    OWN_SUB_ACCOUNT: 'You cannot change your own sub-account or roles.',
    STORE_OWNER: 'The store owner cannot be changed this way.',
    OWNER_MOBILE: "The store owner's mobile number cannot become a sub-account.",
    SUB_ACCOUNT_REMOVED: 'This sub-account was removed.',
    MOBILE_HAS_SUB_ACCOUNT: 'This mobile number already has a sub-account in this store.',
    INVITATION_NOT_PENDING: 'This invitation is no longer pending.',
    INVITATION_LOCKED: 'Too many wrong codes: ask the store for a new invitation.',
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
    PASSWORD_LENGTH: '密码须为 10 至 256 个字符。',
    PASSWORD_DEMO: '生产环境不能使用演示密码。',
    PASSWORD_HAS_LOGIN: '密码不能包含登录名。',
    PASSWORD_WEAK: '密码太容易被猜到。',
    CURRENT_PASSWORD_WRONG: '当前密码不正确。',
    PASSWORD_UNCHANGED: '新密码须与当前密码不同。',
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
    INVITATION_NO_LONGER_VALID: '此邀请已失效，请联系店铺重新邀请。',
    LOGIN_TAKEN: '登录名已被占用，请换一个',
    WRONG_CODE: '验证码错误，还可尝试 %{smart_count} 次',
    ASSIGNEE_NOT_REVIEWER: '指派对象须为在职的审核员或审核主管。',
    HELD_BY_ANOTHER: '该案件由另一位审核员处理中，只有其本人或审核主管可以释放。',
    NOT_CLAIMED: '请先领取案件再作出决定。',
    FINAL_REASON_NOT_RETRY: '终局原因不能要求重新提交，请改为驳回。',
    SECOND_APPROVAL_LEAD_ONLY: '二次审批须由审核主管进行。',
    REVIEW_INTERNALS_STAFF_ONLY: '只有平台员工可按审核标记、处理人或内部状态筛选。',
    CATEGORY_IS_GROUP: '请选择具体类目，而不是类目分组。',
    CATEGORY_UNAVAILABLE: '该违规类目不存在或已停用。',
    SANCTION_UNAVAILABLE: '该处罚措施不存在或已停用。',
    NO_SUCH_STORE: '该店铺不存在。',
    FILE_NOT_CLAIMABLE: '每个文件须为您本人上传且未被其他记录使用。',
    NOT_DRAFTER: '只有起草人可以编辑草稿。',
    CANCEL_NOT_ALLOWED: '只有起草人或审核主管可以取消草稿。',
    NOT_A_DRAFT: '只有草稿可以编辑。',
    NOT_A_STORE: '只有店铺（店主或获授权的子账户）可以确认政策。',
    NOT_SUBMITTABLE: '该版本尚不能提交审核。',
    NO_SOURCE_VERSION: '该文档还没有可作为起点的版本，请填写正文。',
    OTHER_DOCUMENT: '该版本属于另一份文档。',
    REVEAL_NOT_ALLOWED: '您无权查看该字段的明文。',
    OWN_ROLES: '不能审批授予自己的角色。',
    EXCEEDS_OWN_PERMISSIONS: '不能授予自己没有的权限。',
    OWNER_ONLY_PERMISSION: '店主专属权限不能授予他人。',
    OWN_ROLE: '不能修改自己所担任的角色。',
    ROLE_EXCEEDS_OWN: '该角色包含您没有的权限。',
    TARGET_EXCEEDS_OWN: '该子账户拥有您没有的权限。',
    OWN_SUB_ACCOUNT: '不能修改自己的子账户或角色。',
    STORE_OWNER: '不能通过此操作变更店主。',
    OWNER_MOBILE: '店主的手机号不能成为子账户。',
    SUB_ACCOUNT_REMOVED: '该子账户已被移除。',
    MOBILE_HAS_SUB_ACCOUNT: '此手机号在该店铺已有子账户。',
    INVITATION_NOT_PENDING: '此邀请已不在待接受状态。',
    INVITATION_LOCKED: '验证码错误次数过多，请联系店铺重新邀请。',
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
