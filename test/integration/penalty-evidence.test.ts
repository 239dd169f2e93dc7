import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_IMAGE_PNG } from '../../server/seed/demo-image';
import { servicesOf } from '../../server/modules/services';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

/**
 * Penalty evidence and appeal proofs go through the files module's one upload pipeline (issue 11
 * item 7): the type is decided by decoding, never by the name; images are stored re-encoded
 * without metadata, PDFs re-serialised by pdf-lib; one table (`uploaded_file`) holds them.
 */
let c: TestConsole;
let reviewer: string, owner1: string;
const EVIDENCE = 'mutation($i: UploadPenaltyFileInput!) { uploadPenaltyEvidence(input: $i) { id contentType sizeBytes sha256 purpose } }';
const PROOF = 'mutation($i: UploadPenaltyFileInput!) { uploadAppealProof(input: $i) { id contentType purpose } }';
const CONTENT = 'query($id: ID!) { penaltyFileContent(id: $id) { contentBase64 contentType } }';
const rows = async () => (await c.sql(`SELECT count(*)::int AS n FROM uploaded_file`))[0].n as number;
const b64 = (b: Buffer) => b.toString('base64');

beforeAll(async () => {
  c = await startTestConsole();
  [reviewer, owner1] = await Promise.all(['reviewer', 'owner1'].map((l) => c.signIn(l)));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await c?.close();
});

describe('penalty evidence upload', () => {
  it('refuses a JPEG header followed by HTML, a PNG header followed by HTML, a truncated image and a renamed text file: BAD_USER_INPUT, no row, no stored file', async () => {
    const png = DEMO_IMAGE_PNG;
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#0a0' } })
      .jpeg()
      .toBuffer();
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const refused: [string, Buffer][] = [
      ['JPEG header + HTML', Buffer.concat([jpeg.subarray(0, 20), html])],
      ['PNG header + HTML', Buffer.concat([png.subarray(0, 16), html])],
      ['truncated PNG', png.subarray(0, png.length - 20)],
      ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2))],
      ['renamed text file', Buffer.from('meeting notes, saved as photo.jpg\n')],
    ];
    const put = vi.spyOn(c.app.storage, 'put');
    const before = await rows();
    for (const [what, bytes] of refused) {
      for (const [m, token] of [
        [EVIDENCE, reviewer],
        [PROOF, owner1],
      ] as const) {
        const e = errorOf(await c.gql(m, { i: { fileName: 'photo.jpg', contentBase64: b64(bytes) } }, token), 'BAD_USER_INPUT');
        expect(JSON.stringify(e), what).toContain('contentBase64');
      }
    }
    expect(await rows()).toBe(before);
    expect(put).not.toHaveBeenCalled();
  });

  it('accepts a valid image (stored re-encoded, its metadata gone) and a valid PDF, one row and one stored file each', async () => {
    const put = vi.spyOn(c.app.storage, 'put');
    const before = await rows();
    const jpeg = await sharp({ create: { width: 24, height: 12, channels: 3, background: '#c00' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-owner', ImageDescription: 'gps 31.23N 121.47E' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const img = await c.gql(EVIDENCE, { i: { fileName: 'photo.png', contentBase64: b64(jpeg) } }, reviewer);
    expect(img.errors, JSON.stringify(img.errors)).toBeUndefined();
    expect(img.data.uploadPenaltyEvidence).toMatchObject({ contentType: 'image/jpeg', purpose: 'evidence' });
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const pdf = await c.gql(PROOF, { i: { fileName: 'orders.pdf', contentBase64: b64(Buffer.from(await doc.save())) } }, owner1);
    expect(pdf.errors, JSON.stringify(pdf.errors)).toBeUndefined();
    expect(pdf.data.uploadAppealProof).toMatchObject({ contentType: 'application/pdf', purpose: 'appeal_proof' });
    expect(await rows()).toBe(before + 2);
    expect(put).toHaveBeenCalledTimes(2);

    const stored = await c.gql(CONTENT, { id: img.data.uploadPenaltyEvidence.id }, reviewer);
    const bytes = Buffer.from(stored.data.penaltyFileContent.contentBase64, 'base64');
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 24, height: 12 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes('secret-owner')).toBe(false);
    expect(bytes.length).toBe(img.data.uploadPenaltyEvidence.sizeBytes);
    const [row] = await c.sql(`SELECT purpose, owner_account_id IS NOT NULL AS owned, store_id, file_name, sha256, attached_id FROM uploaded_file WHERE key = $1`, [img.data.uploadPenaltyEvidence.id]);
    expect(row).toEqual({ purpose: 'evidence', owned: true, store_id: null, file_name: 'photo.png', sha256: img.data.uploadPenaltyEvidence.sha256, attached_id: null });
  });

  it('a penalty upload is not a verification document: the verification flow does not accept its key', async () => {
    const img = await c.gql(PROOF, { i: { fileName: 'p.png', contentBase64: b64(DEMO_IMAGE_PNG) } }, owner1);
    const key = img.data.uploadAppealProof.id as string;
    const ownerAccount = (await c.sql(`SELECT owner_account_id, store_id FROM uploaded_file WHERE key = $1`, [key]))[0];
    const files = servicesOf(c.app).files;
    await expect(
      c.app.dataSource.transaction((em) => files.assertOwned(em, [{ field: 'input.idFront', key }], { storeId: ownerAccount.store_id, accountId: String(ownerAccount.owner_account_id) })),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('20 drafts citing one evidence file at once: exactly one cites it, the rest BAD_USER_INPUT', async () => {
    const f = await c.gql(EVIDENCE, { i: { fileName: 'e.png', contentBase64: b64(DEMO_IMAGE_PNG) } }, reviewer);
    const key = f.data.uploadPenaltyEvidence.id as string;
    const storeId = (await c.gql('{ me { storeId } }', {}, owner1)).data.me.storeId;
    const m = 'mutation($i: DraftPenaltyInput!) { draftPenalty(input: $i) { id evidence { id } } }';
    const facts = 'Shipped 20 orders a week late; courier records attached.';
    const results = await Promise.all(Array.from({ length: 20 }, () => c.gql(m, { i: { storeId, categoryCode: 'LATE_SHIPMENT', facts, evidenceFileIds: [key] } }, reviewer)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions.code === 'BAD_USER_INPUT')).toHaveLength(19);
    expect((await c.sql(`SELECT count(*)::int AS n FROM uploaded_file WHERE key = $1 AND attached_id IS NOT NULL`, [key]))[0].n).toBe(1);
  }, 60_000);
});
