/**
 * The two further policy documents the console manages besides the merchant privacy policy,
 * seeded as a short published version 1 (zh-CN and English Markdown). Legal replaces their text
 * with new versions through the normal workflow.
 */
export const SEED_DOCUMENTS: { code: string; titleZh: string; titleEn: string; bodyZh: string; bodyEn: string }[] = [
  {
    code: 'platform-rules',
    titleZh: '快手小店平台规则',
    titleEn: 'Platform Rules',
    bodyZh: `# 快手小店平台规则

本规则适用于在快手小店经营的全部商家。

## 1. 总则

1.1 商家应遵守法律法规及本规则，诚信经营。

1.2 平台可根据本规则对违规行为采取处罚措施，并依照商家隐私政策第 4.3 条公示处罚信息。

## 2. 违规与处罚

2.1 违规行为包括但不限于：

- a. 发布违禁商品信息；
- b. 虚假交易或虚假宣传；
- c. 侵犯他人知识产权。

2.2 商家可在收到处罚通知后十五个工作日内提出申诉。

## 3. 规则变更

3.1 本规则变更将在产品界面公布，并通过站内信通知商家。
`,
    bodyEn: `# Platform Rules

These rules apply to every merchant trading on the platform.

## 1. General

1.1 Merchants comply with the law and these rules and trade honestly.

1.2 The platform may sanction violations under these rules and publish penalty notices as clause 4.3 of the merchant privacy policy allows.

## 2. Violations and penalties

2.1 Violations include, among others:

- a. listing prohibited goods;
- b. fake transactions or false advertising;
- c. infringing intellectual property.

2.2 A merchant may appeal within fifteen working days of a penalty notice.

## 3. Changes

3.1 Changes to these rules are published in the product and notified to merchants in their inbox.
`,
  },
  {
    code: 'third-party-data-sharing',
    titleZh: '第三方数据共享清单',
    titleEn: 'Third-Party Data-Sharing List',
    bodyZh: `# 第三方数据共享清单

本清单列明平台为向商家提供服务而与第三方共享的个人信息（商家隐私政策第 2.3.5、2.7.2、4.1 条）。

## 1. 支付结算

1.1 第三方支付机构：为完成结算，共享商家账号信息及店铺信息。

## 2. 保险服务

2.1 保险公司：为投保及理赔，共享身份信息、订单信息及账号信息。

## 3. 平台奖励

3.1 支付宝：为发放平台奖励，共享收款账户信息。
`,
    bodyEn: `# Third-Party Data-Sharing List

This list names the personal information the platform shares with third parties to serve merchants (merchant privacy policy clauses 2.3.5, 2.7.2, 4.1).

## 1. Payment and settlement

1.1 Third-party payment institutions: account and store information, to settle payments.

## 2. Insurance

2.1 Insurers: identity, order and account information, for policies and claims.

## 3. Platform rewards

3.1 Alipay: payout account information, to pay platform rewards.
`,
  },
];
