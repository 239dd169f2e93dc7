/** Payout account (收款账户) messages; merged in i18n/index.ts. Both locales have the same shape. */

const en = {
  resources: {
    payoutAccount: { name: 'Payout account |||| Payout account' },
  },
  mc: {
    payoutAccount: {
      title: 'Payout account (Alipay)',
      current: 'Current payout account',
      status: { not_set: 'Not set', active: 'Active' },
      not_set_help: 'No payout account yet: platform rewards cannot be paid until you set one below and confirm it with the code sent to your mobile.',
      fields: { alipayLogin: 'Alipay account', payeeName: 'Payee name', activatedAt: 'Confirmed at', nameCheck: 'Name check', code: 'Confirmation code' },
      help: {
        alipayLogin: 'The Alipay login: a mainland mobile number or an e-mail address',
        payeeName: "The real name on the Alipay account: your verified name, or the enterprise's name (1-50 characters)",
      },
      validation: { alipayLogin: 'Enter a mainland mobile number (11 digits starting with 1) or an e-mail address' },
      name_matches: 'Matches the verified identity',
      name_mismatch: 'Does not match the verified identity: payouts are held',
      hold: {
        none: 'Payouts can be made to this account.',
        no_account: 'Payouts are held: no payout account is set.',
        change_pending: 'Payouts are held while a change waits for its code (until %{until} at the latest).',
        change_hold: 'Payouts are held until %{until} after the change (24 hours, to protect your account).',
        name_mismatch: 'Payouts are held: the payee name does not match the verified identity (or the enterprise name). Change the payout account.',
      },
      pending_title: 'Change waiting for confirmation',
      pending_body: 'New account %{login}, payee %{name}. The code went to %{mobile} and works until %{until}; %{left} tries left.',
      enter_code: 'Enter code',
      cancel_change: 'Cancel the change',
      cancel_confirm: 'The pending change is dropped and its code stops working. The current account stays.',
      cancelled: 'The change was cancelled',
      set_title: 'Set the payout account',
      change_title: 'Change the payout account',
      change_help: 'Only the store owner can do this. A code goes to your mobile; once confirmed, payouts are held for 24 hours.',
      send_code: 'Send the code',
      code_sent: 'A confirmation code was sent to %{mobile}',
      code_title: 'Confirm the change',
      code_help: 'Enter the 6-digit code sent to %{mobile} (valid until %{until}).',
      attempts_left: '%{left} tries left',
      confirm: 'Confirm',
      changed: 'Payout account changed; payouts are held until %{until}',
      reveal: 'Show the full %{field}',
    },
  },
};

const zhCN: typeof en = {
  resources: {
    payoutAccount: { name: '收款账户 |||| 收款账户' },
  },
  mc: {
    payoutAccount: {
      title: '收款账户（支付宝）',
      current: '当前收款账户',
      status: { not_set: '未设置', active: '已生效' },
      not_set_help: '尚未设置收款账户：在下方设置并用发送到您手机的验证码确认之前，平台奖励无法打款。',
      fields: { alipayLogin: '支付宝账号', payeeName: '收款人姓名', activatedAt: '确认时间', nameCheck: '姓名核验', code: '验证码' },
      help: {
        alipayLogin: '支付宝登录账号：大陆手机号或电子邮箱',
        payeeName: '支付宝账户的实名：须与实名认证的姓名（或企业名称）一致（1-50 个字符）',
      },
      validation: { alipayLogin: '请输入大陆手机号（1 开头的 11 位数字）或电子邮箱' },
      name_matches: '与实名认证一致',
      name_mismatch: '与实名认证不一致：打款暂停',
      hold: {
        none: '可向此账户打款。',
        no_account: '打款暂停：尚未设置收款账户。',
        change_pending: '有待确认的修改，打款暂停（最晚至 %{until}）。',
        change_hold: '账户修改后打款暂停至 %{until}（24 小时，保护账户安全）。',
        name_mismatch: '打款暂停：收款人姓名与实名认证（或企业名称）不一致，请修改收款账户。',
      },
      pending_title: '待确认的修改',
      pending_body: '新账户 %{login}，收款人 %{name}。验证码已发送至 %{mobile}，%{until} 前有效；还可尝试 %{left} 次。',
      enter_code: '输入验证码',
      cancel_change: '取消修改',
      cancel_confirm: '待确认的修改将被取消，验证码随即失效；当前账户保持不变。',
      cancelled: '已取消修改',
      set_title: '设置收款账户',
      change_title: '修改收款账户',
      change_help: '仅店铺主账号可操作。验证码将发送到您的手机；确认后打款暂停 24 小时。',
      send_code: '发送验证码',
      code_sent: '验证码已发送至 %{mobile}',
      code_title: '确认修改',
      code_help: '请输入发送到 %{mobile} 的 6 位验证码（%{until} 前有效）。',
      attempts_left: '还可尝试 %{left} 次',
      confirm: '确认',
      changed: '收款账户已修改，打款暂停至 %{until}',
      reveal: '查看完整%{field}',
    },
  },
};

export const payoutAccountMessages = { en, zhCN };
