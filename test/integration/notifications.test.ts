import { systemContext } from '../../server/core/context';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../server/core/channels';
import { transaction } from '../../server/core/transaction';
import { notify } from '../../server/modules/notifications/notifications.service';
import { startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const sample = (accountId: string, title: string) => ({
  accountId,
  kind: 'rule_change' as const,
  titleZh: title,
  titleEn: title,
  bodyZh: '平台规则更新',
  bodyEn: 'Platform rules updated',
});

async function ownerAccountId(login = 'owner1'): Promise<string> {
  const [a] = await c.sql(`SELECT id FROM account WHERE login_name = $1`, [login]);
  return String(a.id);
}

const smsTitled = async (title: string) => (await c.outbox.list('sms')).filter((m) => m.body.includes(title));

describe('notifications', () => {
  it('a committed notification reaches the inbox and the SMS outbox exactly once [policy 2.4]', async () => {
    const accountId = await ownerAccountId();
    await transaction(systemContext(c.app), (tx) => notify(tx, sample(accountId, '提交后送达')));
    const sent = await c.waitFor(async () => (await smsTitled('提交后送达')).length > 0 && smsTitled('提交后送达'));
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toMatch(/^\+861\d{10}$/);
    // The outbox file is written just before the delivery row's commit: wait for the commit.
    const d = await c.waitFor(async () => {
      const [row] = await c.sql(`SELECT status, attempts FROM outbound_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.title_zh = '提交后送达'`);
      return row?.status === 'sent' && row;
    });
    expect(d).toEqual({ status: 'sent', attempts: 1 });
  });

  it('a notification enqueued in a rolled-back transaction is never delivered', async () => {
    const accountId = await ownerAccountId();
    await expect(
      transaction(systemContext(c.app), async (tx) => {
        await notify(tx, sample(accountId, '回滚不发送'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // A marker committed after it: once the marker is delivered, the rolled-back one would have been too.
    await transaction(systemContext(c.app), (tx) => notify(tx, sample(accountId, '标记消息')));
    await c.waitFor(async () => (await smsTitled('标记消息')).length > 0);
    expect(await smsTitled('回滚不发送')).toEqual([]);
    expect(await c.sql(`SELECT 1 FROM notification WHERE title_zh = '回滚不发送'`)).toEqual([]);
  });

  it('retries a failing channel and still delivers once', async () => {
    const accountId = await ownerAccountId('owner2');
    const real = c.app.channels;
    let failures = 0;
    c.app.channels = {
      async send(m: OutboundMessage) {
        if (m.body.includes('重试送达') && failures < 1) {
          failures++;
          throw new Error('gateway timeout');
        }
        return real.send(m);
      },
    };
    try {
      await transaction(systemContext(c.app), (tx) => notify(tx, sample(accountId, '重试送达')));
      const sent = await c.waitFor(async () => (await smsTitled('重试送达')).length > 0 && smsTitled('重试送达'), 20_000);
      expect(failures).toBe(1);
      expect(sent).toHaveLength(1);
      const d = await c.waitFor(async () => {
        const [row] = await c.sql(`SELECT status, attempts FROM outbound_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.title_zh = '重试送达'`);
        return row?.status === 'sent' && row;
      });
      expect(d.status).toBe('sent');
    } finally {
      c.app.channels = real;
    }
  });

  it('a repeated delivery of the same message id sends nothing more', async () => {
    const msg = { id: '00000000-0000-4000-8000-000000000001', channel: 'sms' as const, to: '+8613800000000', body: '幂等测试' };
    expect(await c.outbox.send(msg)).toBe(true);
    expect(await c.outbox.send(msg)).toBe(false);
    expect((await c.outbox.list('sms')).filter((m) => m.body === '幂等测试')).toHaveLength(1);
  });

  it('the inbox lists own messages, counts unread, marks read; ids of others are ignored', async () => {
    const owner1 = await c.signIn('owner1');
    const owner2 = await c.signIn('owner2');
    const unread = (await c.gql('{ unreadNotificationCount }', {}, owner1)).data.unreadNotificationCount;
    expect(unread).toBeGreaterThanOrEqual(2);
    const list = (await c.gql('{ myNotifications(unreadOnly: true) { totalCount items { id kind titleZh readAt } } }', {}, owner1)).data.myNotifications;
    expect(list.totalCount).toBe(unread);
    const otherIds = (await c.gql('{ myNotifications { items { id } } }', {}, owner2)).data.myNotifications.items.map((n: { id: string }) => n.id);
    expect((await c.gql('mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: otherIds }, owner1)).data.markNotificationsRead).toBe(0);
    expect((await c.gql('{ unreadNotificationCount }', {}, owner2)).data.unreadNotificationCount).toBe(otherIds.length);
    const one = list.items[0].id;
    expect((await c.gql('mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: [one] }, owner1)).data.markNotificationsRead).toBe(1);
    expect((await c.gql('{ unreadNotificationCount }', {}, owner1)).data.unreadNotificationCount).toBe(unread - 1);
    expect((await c.gql('mutation { markNotificationsRead }', {}, owner1)).data.markNotificationsRead).toBe(unread - 1);
    expect((await c.gql('{ unreadNotificationCount }', {}, owner1)).data.unreadNotificationCount).toBe(0);
  });

  it('rejects an unknown kind filter', async () => {
    const r = await c.gql('{ myNotifications(kind: "spam") { totalCount } }', {}, await c.signIn('owner1'));
    expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
