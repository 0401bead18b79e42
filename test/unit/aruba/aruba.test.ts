/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import fc from 'fast-check';

import { ARUBA_HOSTS, hostsOf } from '../../../lib/aruba/environment';
import { prepareUpload, InvoiceRefusedError } from '../../../lib/aruba/invoiceFile';
import { RollingLimiter } from '../../../lib/aruba/rateLimit';
import { statusOfArubaInvoice, statusOfNotification } from '../../../lib/aruba/status';
import { describeSignInRefusal, planToken, signInWait, stateFromAnswer } from '../../../lib/aruba/token';
import { describeUploadRefusal, uploadCode, UPLOAD_CODES } from '../../../lib/aruba/upload';
import { pollWindow, type WindowState } from '../../../lib/polling/window';
import { demoSentInvoice } from '../../emulators/aruba/seed';
import { signCms, makeSigner } from '../p7m/cmsWriter';

describe('hosts', () => {
	test('demo and production hosts, custom URLs trimmed', () => {
		expect(hostsOf({ environment: 'demo' })).toEqual(ARUBA_HOSTS.demo);
		expect(hostsOf({})).toEqual(ARUBA_HOSTS.production);
		expect(hostsOf({ environment: 'custom', authUrl: 'http://127.0.0.1:1/ ', wsUrl: 'http://127.0.0.1:2//' })).toEqual({ auth: 'http://127.0.0.1:1', ws: 'http://127.0.0.1:2' });
	});
	test('a custom environment without URLs names the field', () => {
		expect(() => hostsOf({ environment: 'custom', authUrl: '', wsUrl: 'http://x' })).toThrow('Auth Base URL: expected an http(s) URL');
		expect(() => hostsOf({ environment: 'custom', authUrl: 'http://x', wsUrl: 'ftp://y' })).toThrow('Web Service Base URL');
	});
});

describe('token rules', () => {
	const now = Date.parse('2026-12-01T10:00:00Z');
	test('refresh comes first while the refresh token lives', () => {
		expect(planToken({ refreshToken: 'r', refreshTokenExpiresAt: '2026-12-01T10:30:00Z' }, now)).toEqual({ kind: 'refresh', refreshToken: 'r' });
	});
	test('a refresh token about to end, or none, means a sign-in', () => {
		expect(planToken({ refreshToken: 'r', refreshTokenExpiresAt: '2026-12-01T10:00:10Z' }, now).kind).toBe('signIn');
		expect(planToken({}, now)).toEqual({ kind: 'signIn', waitMs: 0 });
	});
	test('at most one sign-in a minute', () => {
		expect(signInWait({ signedInAt: '2026-12-01T09:59:20Z' }, now)).toBe(20_000);
		expect(signInWait({ signedInAt: '2026-12-01T09:58:00Z' }, now)).toBe(0);
	});
	test('the state after a sign-in and after a refresh', () => {
		const signedIn = stateFromAnswer({ access_token: 'a1', refresh_token: 'r1', expires_in: 1800 }, now, {}, 'signIn');
		expect(signedIn).toEqual({ accessToken: 'a1', refreshToken: 'r1', accessTokenExpiresAt: '2026-12-01T10:30:00.000Z', refreshTokenExpiresAt: '2026-12-01T11:00:00.000Z', signedInAt: '2026-12-01T10:00:00.000Z' });
		const refreshed = stateFromAnswer({ access_token: 'a2', refresh_token: 'r1', expires_in: 1800 }, now + 1800_000, signedIn, 'refresh');
		// the same refresh token keeps its end; the sign-in time stays
		expect(refreshed.refreshTokenExpiresAt).toBe(signedIn.refreshTokenExpiresAt);
		expect(refreshed.signedInAt).toBe(signedIn.signedInAt);
		const rotated = stateFromAnswer({ access_token: 'a3', refresh_token: 'r2' }, now + 1800_000, signedIn, 'refresh');
		expect(rotated.refreshTokenExpiresAt).toBe('2026-12-01T11:30:00.000Z');
		expect(rotated.accessTokenExpiresAt).toBe('2026-12-01T11:00:00.000Z');
	});
	test('an answer without a token is an error', () => {
		expect(() => stateFromAnswer({ error: 'x' }, now, {}, 'signIn')).toThrow('without an access_token');
	});
	test('refusals read as what to do', () => {
		expect(describeSignInRefusal(400, { error: 'invalid_grant', error_description: 'Utente non abilitato: serve un account Premium' })).toMatch(/only to Premium accounts/);
		expect(describeSignInRefusal(400, { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' })).toMatch(/Check the username and password/);
		expect(describeSignInRefusal(429, {})).toMatch(/one a minute/);
	});
});

describe('upload codes', () => {
	test('every documented code has Italian and English words and a hint', () => {
		for (const code of ['0001', '0002', '0003', '0005', '0096', '0097']) {
			const entry = UPLOAD_CODES[code];
			expect(entry.message_it.length).toBeGreaterThan(5);
			expect(entry.message_en.length).toBeGreaterThan(5);
			expect(entry.hint.length).toBeGreaterThan(10);
		}
		expect(UPLOAD_CODES['0096'].retryable).toBe(true);
		expect(UPLOAD_CODES['0002'].retryable).toBe(false);
	});
	test('an unknown code keeps Aruba description', () => {
		expect(uploadCode({ errorCode: '0099', errorDescription: 'IdTrasmittente errato' })?.message_en).toBe('IdTrasmittente errato');
		expect(describeUploadRefusal({ errorCode: '0002', errorDescription: 'Fattura duplicata' })).toBe(
			'Aruba refused the invoice: 0002 Fattura duplicata - Duplicate invoice: one with the same seller, type, number and date was already sent. An invoice with this number and date was already sent and not rejected. Use a new number, or check the earlier one.',
		);
	});
});

describe('statuses', () => {
	test("Aruba's words and SdI notifications in one vocabulary", () => {
		expect(['Inviata', 'Consegnata', 'Non Consegnata', 'Scartata', 'Accettata', 'Rifiutata', 'Decorrenza Termini', 'Ricevuta', 'Nuovo stato'].map(statusOfArubaInvoice)).toEqual([
			'sent', 'delivered', 'not_delivered', 'rejected', 'accepted', 'refused', 'expired', 'received', 'unknown',
		]);
		expect(statusOfNotification('NE', 'EC02')).toBe('refused');
		expect(statusOfNotification('MC', null, 'FPR12')).toBe('not_delivered');
		expect(statusOfNotification('DT')).toBe('expired');
	});
});

describe('per-minute limiter', () => {
	test('never more than the limit in any rolling minute, whatever the arrival pattern', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 12 }), async (gaps, limit) => {
				let now = 0;
				const limiter = new RollingLimiter({ search: limit }, { now: () => now, sleep: async (ms) => void (now += ms) });
				const starts: number[] = [];
				for (const gap of gaps) {
					now += gap;
					await limiter.acquire('account', 'search');
					starts.push(now);
				}
				for (let i = 0; i < starts.length; i++) {
					const inWindow = starts.filter((t) => t >= starts[i] && t < starts[i] + 60_000).length;
					expect(inWindow).toBeLessThanOrEqual(limit);
				}
			}),
			{ numRuns: 200 },
		);
	});
	test('buckets and accounts are separate; an unlisted bucket never waits', async () => {
		let now = 0;
		const limiter = new RollingLimiter({ upload: 1 }, { now: () => now, sleep: async (ms) => void (now += ms) });
		await limiter.acquire('a', 'upload');
		expect(await limiter.acquire('b', 'upload')).toBe(0);
		expect(await limiter.acquire('a', 'other')).toBe(0);
		expect(await limiter.acquire('a', 'upload')).toBe(60_000);
	});
});

describe('window polling', () => {
	interface Source {
		key: string;
		/** when the record becomes visible to a search */
		visibleAt: number;
		/** the timestamp the search filters on (may be earlier: late commit) */
		at: number;
	}

	test('every record is emitted exactly once, across late arrivals within the overlap and failed polls', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ arrive: fc.integer({ min: 0, max: 10 * 3600_000 }), lateBy: fc.integer({ min: 0, max: 290_000 }) }), { maxLength: 80 }),
				fc.array(fc.record({ gap: fc.integer({ min: 60_000, max: 40 * 60_000 }), fails: fc.boolean() }), { minLength: 1, maxLength: 60 }),
				async (arrivals, polls) => {
					const records: Source[] = arrivals.map((a, i) => ({ key: `k${i}`, visibleAt: a.arrive + 1000, at: a.arrive + 1000 - a.lateBy }));
					let state: WindowState = {};
					let now = 0;
					const emitted: string[] = [];
					const run = async (fails: boolean) => {
						const result = await pollWindow(
							state,
							async (from, to) => {
								if (fails) throw new Error('network');
								const f = Date.parse(from);
								const t = Date.parse(to);
								return records.filter((r) => r.visibleAt <= now && r.at >= f && r.at <= t).map((r) => ({ key: r.key, fingerprint: r.key, data: r }));
							},
							{ now, overlapSeconds: 300 },
						);
						emitted.push(...result.changes.map((c) => c.key));
						state = result.state;
					};
					// first poll at 0 (before any arrival), then the random schedule, then two clean polls well after the end
					await run(false);
					for (const p of polls) {
						now += p.gap;
						await run(p.fails).catch(() => undefined);
					}
					now = Math.max(now, 11 * 3600_000);
					await run(false);
					now += 15 * 60_000;
					await run(false);
					// every record became visible after the first poll, so every one is news exactly once
					expect(emitted.sort()).toEqual(records.map((r) => r.key).sort());
				},
			),
			{ numRuns: 150 },
		);
	});

	test('the first poll only remembers, unless asked to emit what exists', async () => {
		const list = async () => [{ key: 'a', fingerprint: 'a', data: {} }];
		expect((await pollWindow({}, list, { now: 1_000_000 })).changes).toEqual([]);
		expect((await pollWindow({}, list, { now: 1_000_000, emitExisting: true, firstLookBackSeconds: 3600 })).changes.map((c) => c.key)).toEqual(['a']);
	});

	test('a changed fingerprint is emitted again, an unchanged one is not', async () => {
		let fp = 'v1';
		const list = async () => [{ key: 'a', fingerprint: fp, data: {} }];
		const first = await pollWindow({}, list, { now: 1_000_000 });
		const same = await pollWindow(first.state, list, { now: 1_900_000 });
		expect(same.changes).toEqual([]);
		fp = 'v2';
		const changed = await pollWindow(same.state, list, { now: 2_800_000 });
		expect(changed.changes.map((c) => [c.key, c.first])).toEqual([['a', false]]);
	});
});

describe('preparing an upload', () => {
	const xml = demoSentInvoice({ numero: 'U-1', data: '2026-11-30', trasmittente: { idPaese: 'IT', idCodice: '04123456784' } });

	test('plain XML goes to /upload with Aruba as trasmittente; the identity is read', () => {
		const prepared = prepareUpload(Buffer.from(xml));
		expect(prepared.route).toBe('/services/invoice/upload');
		expect(prepared.trasmittenteSet).toBe(true);
		expect(Buffer.from(prepared.dataFile, 'base64').toString('utf8')).toContain('<IdCodice>01879020517</IdCodice>');
		expect(prepared.identity).toMatchObject({ formato: 'FPR12', cedente: 'IT04123456784', documents: [{ numero: 'U-1', data: '2026-11-30', tipoDocumento: 'TD01' }] });
	});

	test('switched off, the file is sent as it is', () => {
		const prepared = prepareUpload(Buffer.from(xml), { setArubaTrasmittente: false });
		expect(prepared.trasmittenteSet).toBe(false);
		expect(Buffer.from(prepared.dataFile, 'base64').toString('utf8')).toBe(xml);
	});

	test('a signed .p7m goes byte for byte to /uploadSigned', () => {
		const signed = signCms(Buffer.from(xml), makeSigner('ec', 'TEST', 'TINIT-RSSMRA80A01H501U'));
		const prepared = prepareUpload(signed);
		expect(prepared.route).toBe('/services/invoice/uploadSigned');
		expect(Buffer.from(prepared.dataFile, 'base64').equals(signed)).toBe(true);
		expect(prepared.identity?.documents[0].numero).toBe('U-1');
	});

	test('an empty file, an unreadable one and one SdI would reject are refused', () => {
		expect(() => prepareUpload(Buffer.alloc(0))).toThrow(InvoiceRefusedError);
		expect(() => prepareUpload(Buffer.from('not xml at all'))).toThrow(/neither FatturaPA XML nor a readable signed .p7m|would be rejected/);
		const bad = xml.replace('<PrezzoTotale>1000.00</PrezzoTotale>', '<PrezzoTotale>999.00</PrezzoTotale>');
		try {
			prepareUpload(Buffer.from(bad));
			throw new Error('not refused');
		} catch (error) {
			expect(error).toBeInstanceOf(InvoiceRefusedError);
			expect((error as InvoiceRefusedError).findings.map((f) => f.code)).toContain('00423');
		}
	});

	test('over 5 MB is refused before upload', () => {
		const huge = Buffer.concat([Buffer.from(xml), Buffer.alloc(5 * 1024 * 1024, 0x20)]);
		expect(() => prepareUpload(huge, { validate: false, setArubaTrasmittente: false })).toThrow(/Aruba accepts at most 5242880/);
	});
});
