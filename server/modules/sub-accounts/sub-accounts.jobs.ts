import { defineQueue } from '../../core/jobs/jobs';

/**
 * Sends one invitation SMS through the outbound channel. The job carries the recipient and the
 * text encrypted (the code is in clear nowhere else); the message id makes a retried delivery a no-op.
 */
export const INVITATION_SMS_QUEUE = defineQueue<{ messageId: string; to: string; body: string }>('sub-account-invitation-sms', async (app, data) => {
  await app.channels.send({ id: data.messageId, channel: 'sms', to: app.cipher.decrypt(data.to), body: app.cipher.decrypt(data.body) });
});
