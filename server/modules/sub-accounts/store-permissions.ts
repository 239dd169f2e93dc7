import type { Action, Actor } from '../../core/abilities';

/**
 * The store permission catalogue (店铺权限), policy 2.3.4: what a store owner can hand to an
 * employee's sub-account through store roles. A tree: granting a node grants every grantable node
 * below it. Leaves are what is enforced: each maps to CASL rules (`action`, `subject`), always
 * conditioned on `{ storeId }` of the actor's store (see sub-accounts.permissions.ts).
 *
 * - `sensitive`: shown with a warning mark in the role editor (refunds, money, exports, team).
 * - `ownerOnly`: never grantable to a sub-account (payout account, store closure, ownership
 *   transfer); the store owner holds them on its own store.
 *
 * Subjects of modules that do not exist yet (Product, Order, Dispute ...) are the names those
 * modules will check with `@Can(action, subject)` and `whereAccessible(..., { storeId: ... })`.
 */
export type StoreRule = [Action | Action[], string, Record<string, unknown>?];

/** Penalties a store sees: issued or revoked, never drafts (penalties.permissions.ts holds the same rule). */
const VISIBLE_PENALTY = { status: { $in: ['issued', 'revoked'] } };

export interface StorePermissionDef {
  key: string;
  labelZh: string;
  labelEn: string;
  sensitive?: boolean;
  ownerOnly?: boolean;
  /** CASL rules this leaf grants: action(s), subject, optional extra conditions (the contributor adds `storeId`). */
  rules?: StoreRule[];
  children?: StorePermissionDef[];
}

export const STORE_PERMISSION_TREE: StorePermissionDef[] = [
  {
    key: 'products',
    labelZh: '商品',
    labelEn: 'Products',
    children: [
      { key: 'products.view', labelZh: '查看商品', labelEn: 'View products', rules: [['read', 'Product']] },
      { key: 'products.edit', labelZh: '编辑商品', labelEn: 'Edit products', rules: [[['create', 'update', 'delete'], 'Product']] },
      { key: 'products.publish', labelZh: '上架/下架商品', labelEn: 'Publish / unpublish products', rules: [['publish', 'Product']] },
    ],
  },
  {
    key: 'orders',
    labelZh: '订单',
    labelEn: 'Orders',
    children: [
      { key: 'orders.view', labelZh: '查看订单', labelEn: 'View orders', rules: [['read', 'Order']] },
      { key: 'orders.ship', labelZh: '发货', labelEn: 'Ship orders', rules: [['create', 'Shipment']] },
      { key: 'orders.refund', labelZh: '退款', labelEn: 'Refund orders', sensitive: true, rules: [['approve', 'Refund']] },
    ],
  },
  {
    key: 'service',
    labelZh: '客服',
    labelEn: 'Customer service',
    children: [
      { key: 'service.chat', labelZh: '买家咨询', labelEn: 'Chat with buyers', rules: [[['read', 'create'], 'BuyerMessage']] },
      { key: 'service.reviews.reply', labelZh: '回复评价', labelEn: 'Reply to reviews', rules: [['create', 'ReviewReply']] },
    ],
  },
  {
    key: 'disputes',
    labelZh: '纠纷',
    labelEn: 'Disputes',
    children: [
      { key: 'disputes.view', labelZh: '查看纠纷', labelEn: 'View disputes', rules: [['read', 'Dispute']] },
      {
        key: 'disputes.respond',
        labelZh: '处理纠纷',
        labelEn: 'Respond to disputes',
        rules: [
          ['update', 'Dispute'],
          ['create', 'DisputeMessage'],
        ],
      },
    ],
  },
  {
    key: 'finance',
    labelZh: '财务',
    labelEn: 'Finance',
    children: [
      { key: 'finance.statements.view', labelZh: '查看对账单', labelEn: 'View statements', rules: [['read', 'Statement']] },
      { key: 'finance.rewards.view', labelZh: '查看平台奖励', labelEn: 'View rewards', rules: [['read', 'Reward']] },
      {
        key: 'finance.payoutAccount.manage',
        labelZh: '管理收款账户',
        labelEn: 'Manage the payout account',
        sensitive: true,
        ownerOnly: true,
        rules: [[['read', 'update'], 'PayoutAccount']],
      },
    ],
  },
  {
    key: 'store',
    labelZh: '店铺',
    labelEn: 'Store',
    children: [
      { key: 'store.verification.view', labelZh: '查看实名认证', labelEn: 'View identity verification', rules: [['read', 'Verification']] },
      { key: 'store.verification.submit', labelZh: '提交实名认证', labelEn: 'Submit identity verification', sensitive: true, rules: [['create', 'Verification']] },
      { key: 'store.profile.edit', labelZh: '编辑店铺资料', labelEn: 'Edit the store profile', rules: [['update', 'StoreProfile']] },
      { key: 'store.close', labelZh: '关闭店铺', labelEn: 'Close the store', sensitive: true, ownerOnly: true, rules: [['delete', 'Store']] },
      { key: 'store.ownership.transfer', labelZh: '转让店铺', labelEn: 'Transfer ownership', sensitive: true, ownerOnly: true, rules: [['update', 'StoreOwnership']] },
    ],
  },
  {
    key: 'compliance',
    labelZh: '合规',
    labelEn: 'Compliance',
    children: [
      {
        key: 'compliance.penalties.view',
        labelZh: '查看处罚',
        labelEn: 'View penalties',
        rules: [
          ['read', 'Penalty', VISIBLE_PENALTY],
          ['read', 'PenaltyAppeal'],
        ],
      },
      {
        key: 'compliance.penalties.appeal',
        labelZh: '提交申诉',
        labelEn: 'Appeal penalties',
        rules: [
          ['read', 'Penalty', VISIBLE_PENALTY],
          [['read', 'create'], 'PenaltyAppeal'],
        ],
      },
      { key: 'compliance.policies.acknowledge', labelZh: '确认政策', labelEn: 'Acknowledge policies', rules: [['create', 'PolicyAcknowledgement']] },
      { key: 'compliance.privacyRequests', labelZh: '个人信息权利请求', labelEn: 'Privacy requests', rules: [[['read', 'create'], 'PrivacyRequest']] },
    ],
  },
  {
    key: 'team',
    labelZh: '团队',
    labelEn: 'Team',
    children: [
      {
        key: 'team.subaccounts.view',
        labelZh: '查看子账户',
        labelEn: 'View sub-accounts',
        rules: [
          ['read', 'SubAccount'],
          ['read', 'StoreRole'],
        ],
      },
      {
        key: 'team.subaccounts.manage',
        labelZh: '管理子账户',
        labelEn: 'Manage sub-accounts',
        sensitive: true,
        rules: [
          [['read', 'update', 'delete'], 'SubAccount'],
          [['read', 'create', 'delete'], 'SubAccountInvitation'],
          ['read', 'SubAccountActivity'],
          ['read', 'StoreRole'],
        ],
      },
      { key: 'team.roles.manage', labelZh: '管理角色', labelEn: 'Manage roles', sensitive: true, rules: [[['read', 'create', 'update', 'delete'], 'StoreRole']] },
      // Owner only (issue 10 item 11, least privilege): managing sub-accounts (invitations, roles,
      // deactivation) never needs an employee's full mobile; it is the employee's personal data
      // (PIPL art. 6, minimum necessary) and the owner is who answers for the team, so only the
      // owner reveals it, with a purpose, audited. Masked everywhere else.
      {
        key: 'team.subaccounts.revealMobile',
        labelZh: '查看子账户完整手机号',
        labelEn: "Reveal a sub-account's mobile",
        sensitive: true,
        ownerOnly: true,
        rules: [['reveal', 'SubAccount']],
      },
    ],
  },
  {
    key: 'data',
    labelZh: '数据',
    labelEn: 'Data',
    children: [{ key: 'data.export', labelZh: '导出数据', labelEn: 'Export data', sensitive: true, rules: [['export', 'StoreData']] }],
  },
];

export interface FlatPermission extends StorePermissionDef {
  parentKey?: string;
  depth: number;
  /** Grantable leaves at or below this node. */
  leaves: string[];
}

function flatten(nodes: StorePermissionDef[], parentKey: string | undefined, depth: number, out: FlatPermission[]): string[] {
  const all: string[] = [];
  for (const n of nodes) {
    const entry: FlatPermission = { ...n, parentKey, depth, leaves: [] };
    out.push(entry);
    // Owner-only leaves are never part of what a node grants.
    entry.leaves = n.children?.length ? flatten(n.children, n.key, depth + 1, out) : n.ownerOnly ? [] : [n.key];
    all.push(...entry.leaves);
  }
  return all;
}

/** Every node in tree order (parents before children). */
export const STORE_PERMISSIONS: FlatPermission[] = [];
flatten(STORE_PERMISSION_TREE, undefined, 0, STORE_PERMISSIONS);
const BY_KEY = new Map(STORE_PERMISSIONS.map((p) => [p.key, p]));

/** Every leaf key (what is enforced), owner-only ones included. */
export const STORE_PERMISSION_LEAVES = STORE_PERMISSIONS.filter((p) => !p.children?.length).map((p) => p.key);
/** Leaves a sub-account can be given. */
export const GRANTABLE_LEAVES = STORE_PERMISSION_LEAVES.filter((k) => !BY_KEY.get(k)!.ownerOnly);
/** Leaves only the store owner holds. */
export const OWNER_ONLY_LEAVES = STORE_PERMISSION_LEAVES.filter((k) => BY_KEY.get(k)!.ownerOnly);

/** The CASL subjects that store rules use. */
export const STORE_SUBJECTS = [...new Set(STORE_PERMISSIONS.flatMap((p) => (p.rules ?? []).map(([, s]) => s)))].sort();

/**
 * Whether some store permission grants `action` on `subject`: an operation declaring
 * `@Can(action, subject)` is then store-scoped (its records belong to one store). Staff-only
 * actions on a shared subject (e.g. deciding a Verification) are not.
 */
export function isStoreScoped(action: string, subject: string): boolean {
  return STORE_PERMISSIONS.some((p) => (p.rules ?? []).some(([a, s]) => s === subject && (Array.isArray(a) ? a.includes(action as Action) : a === action)));
}

export function isStorePermissionKey(key: string): boolean {
  return BY_KEY.has(key);
}

export function isOwnerOnly(key: string): boolean {
  return !!BY_KEY.get(key)?.ownerOnly;
}

export function permissionDef(key: string): FlatPermission | undefined {
  return BY_KEY.get(key);
}

/** The grantable leaves that a set of granted keys (nodes or leaves) stands for; unknown keys are ignored. */
export function expandGrantable(keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) for (const leaf of BY_KEY.get(k)?.leaves ?? []) out.add(leaf);
  return out;
}

/** The CASL rules of one leaf. */
export function rulesOf(leaf: string): StoreRule[] {
  return BY_KEY.get(leaf)?.rules ?? [];
}

/**
 * The store permissions the actor holds on its store, as leaves: the owner holds all of them
 * (owner-only ones included); a sub-account holds the union of its roles' grantable leaves;
 * anyone else none.
 */
export function effectiveStorePermissions(actor: Actor | undefined): Set<string> {
  if (!actor?.storeId) return new Set();
  if (actor.kind === 'merchant') return new Set(STORE_PERMISSION_LEAVES);
  if (actor.kind === 'sub_account') return expandGrantable(actor.storePermissions ?? []);
  return new Set();
}

/**
 * Normalises granted keys for storage: unknown keys are refused by the caller, duplicates and keys
 * already covered by a granted ancestor are dropped; sorted in catalogue order.
 */
export function normaliseKeys(keys: string[]): string[] {
  const set = new Set(keys);
  const covered = (k: string): boolean => {
    const parent = BY_KEY.get(k)?.parentKey;
    return !!parent && (set.has(parent) || covered(parent));
  };
  return STORE_PERMISSIONS.map((p) => p.key).filter((k) => set.has(k) && !covered(k));
}

/** Preset role templates (角色模板), copied by owners into store roles. */
export interface StoreRoleTemplateDef {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
}

export const STORE_ROLE_TEMPLATES: StoreRoleTemplateDef[] = [
  { code: 'customer_service', nameZh: '客服', nameEn: 'Customer service', permissions: ['service', 'orders.view', 'disputes'] },
  { code: 'operations', nameZh: '运营', nameEn: 'Operations', permissions: ['products', 'orders.view', 'compliance.penalties.view'] },
  { code: 'finance', nameZh: '财务', nameEn: 'Finance', permissions: ['finance.statements.view', 'orders.view', 'finance.rewards.view'] },
  { code: 'products', nameZh: '商品', nameEn: 'Products', permissions: ['products'] },
];

/** The leaf keys of `leaves` in catalogue order. */
export function sortedKeys(leaves: Set<string>): string[] {
  return STORE_PERMISSIONS.map((p) => p.key).filter((k) => leaves.has(k));
}
