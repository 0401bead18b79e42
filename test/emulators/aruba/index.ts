/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * A stateful loopback emulator of Aruba Fatturazione Elettronica: the auth host and the ws host
 * as two listeners over one state, a virtual clock that drives an SDI simulation (RC, NS with
 * lib/fatturapa's error codes, MC, NE, DT, AT), the documented rate limits and upload error
 * codes, and admin routes for out-of-process use.
 */
import { isP7m, unwrapP7m } from '../../../lib/p7m';
import { makeSigner, signCms, type TestSigner } from '../../unit/p7m/cmsWriter';
import { startEmulatorServer, type EmulatorServer } from '../common/server';
import { authRoute } from './auth';
import { addReceived, invoiceJson, upload } from './invoices';
import { routeList } from './routeList';
import { wsRoute } from './routes';
import { deliverNow, runSdi } from './sdi';
import { BASIC, COMPANY_CEDENTE, MULTICEDENTI, PREMIUM, demoReceivedInvoices, demoSentInvoice } from './seed';
import { ArubaState, type InvoiceRecord, type Multicedente, type SdiOutcome, type Stats } from './state';
import { DAY, MINUTE, romeDate } from './util';

export type { SdiOutcome, Stats } from './state';
export { demoSentInvoice, COMPANY_CEDENTE, ARUBA_TRASMITTENTE } from './seed';

export interface ArubaEmulatorOptions {
	authPort?: number;
	wsPort?: number;
	seed?: 'demo' | 'empty';
	/** the real clock the virtual one is offset from; default Date.now */
	clock?: () => number;
	/** how long SDI takes for each step; default 60 000 ms */
	sdiDelayMs?: number;
	/** a refresh gives the new refresh token a fresh 3600 s (default true); false keeps the first expiry */
	slidingRefresh?: boolean;
	/** account space in bytes, for error 0003; default 1 GiB */
	quotaBytes?: number;
}

export interface ArubaEmulator {
	authUrl: string;
	wsUrl: string;
	auth: EmulatorServer;
	ws: EmulatorServer;
	users: { premium: { username: string; password: string }; basic: { username: string; password: string } };
	company: { denominazione: string; partitaIva: string; codiceFiscale: string };
	multicedenti: Multicedente[];
	stats: Stats;
	now(): number;
	advance(ms: number): void;
	receive(xml: string | Buffer, opts?: { signed?: boolean; receivedAt?: number }): Record<string, unknown>;
	scriptNext(outcome: SdiOutcome): void;
	sentInvoices(): Array<Record<string, unknown>>;
	receivedInvoices(): Array<Record<string, unknown>>;
	/** the next upload(s) answer 503 with errorCode 0096 (a fault switch on the ws host) */
	unavailable(times?: number): void;
	close(): Promise<void>;
}

/**
 * The data of an `arubaFatturazioneApi` credential pointed at this emulator, signed in as `user`
 * (default the Premium demo user), with the hidden token fields empty: n8n fills them itself at
 * the first sign-in.
 */
export function arubaCredentialData(emulator: Pick<ArubaEmulator, 'authUrl' | 'wsUrl' | 'users'>, user: { username: string; password: string } = emulator.users.premium): Record<string, string> {
	return { username: user.username, password: user.password, environment: 'custom', authUrl: emulator.authUrl, wsUrl: emulator.wsUrl, accessToken: '', refreshToken: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '', signedInAt: '' };
}

export async function startArubaEmulator(options: ArubaEmulatorOptions = {}): Promise<ArubaEmulator> {
	const state = new ArubaState(options.clock ?? Date.now, {
		sdiDelayMs: options.sdiDelayMs ?? 60_000,
		slidingRefresh: options.slidingRefresh ?? true,
		quotaBytes: options.quotaBytes ?? 1024 * 1024 * 1024,
		maxFileBytes: 5 * 1024 * 1024,
		limits: { signin: 1, upload: 30, search: 12, notification: 12 },
	});
	state.accounts.push({ ...PREMIUM }, { ...BASIC });
	state.multicedenti.set(
		PREMIUM.username,
		MULTICEDENTI.map((m) => ({ ...m, id: state.nextMulticedenteId() })),
	);
	let signer: TestSigner | undefined;
	const sign = (xml: Buffer, at: number) => {
		signer ??= makeSigner('ec', 'FORNITORE DEMO', 'TINIT-RSSMRA80A01H501U');
		return signCms(xml, signer, { signingTime: new Date(at) });
	};
	const receiveRecord = (input: string | Buffer, opts: { signed?: boolean; receivedAt?: number } = {}): InvoiceRecord => {
		const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
		const at = opts.receivedAt ?? state.now();
		if (bytes[0] !== 0x3c && bytes[0] !== 0xef && isP7m(bytes)) return addReceived(state, PREMIUM.username, unwrapP7m(bytes).content, bytes, true, at);
		return addReceived(state, PREMIUM.username, bytes, opts.signed ? sign(bytes, at) : bytes, opts.signed === true, at);
	};
	const advance = (ms: number) => {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance: ms must be a number >= 0');
		state.offset += ms;
		runSdi(state);
	};
	const scriptNext = (outcome: SdiOutcome) => {
		state.scriptQueue.push(outcome);
	};
	const counts = () => ({
		now: state.now(),
		sent: state.invoices.filter((i) => i.direction === 'out').length,
		received: state.invoices.filter((i) => i.direction === 'in').length,
		byStatus: state.invoices.reduce<Record<string, number>>((acc, i) => ((acc[i.status] = (acc[i.status] ?? 0) + 1), acc), {}),
		pendingSdiEvents: state.events.length,
		scripted: state.scriptQueue.length,
		stats: state.stats,
		routes: routeList,
	});

	if (options.seed !== 'empty') seedDemo(state, receiveRecord);

	const auth = await startEmulatorServer((req) => {
		runSdi(state);
		return authRoute(state, req);
	}, { port: options.authPort });
	const ws = await startEmulatorServer((req) => wsRoute(state, { advance, receive: receiveRecord, scriptNext, state: counts }, req), { port: options.wsPort });

	const list = (dir: 'out' | 'in') => {
		runSdi(state);
		return state.invoices.filter((i) => i.direction === dir).map((i) => ({ ...invoiceJson(i, { includeFile: true }), status: i.status, notifications: i.notifications.map((n) => ({ filename: n.filename, docType: n.docType, result: n.result })) }));
	};
	return {
		authUrl: auth.url,
		wsUrl: ws.url,
		auth,
		ws,
		users: { premium: { username: PREMIUM.username, password: PREMIUM.password }, basic: { username: BASIC.username, password: BASIC.password } },
		company: { denominazione: COMPANY_CEDENTE.denominazione, partitaIva: COMPANY_CEDENTE.partitaIva, codiceFiscale: COMPANY_CEDENTE.codiceFiscale },
		multicedenti: state.multicedenti.get(PREMIUM.username)!,
		stats: state.stats,
		now: () => state.now(),
		advance,
		receive: (xml, opts) => invoiceJson(receiveRecord(xml, opts)),
		scriptNext,
		sentInvoices: () => list('out'),
		receivedInvoices: () => list('in'),
		unavailable: (times = 1) => {
			ws.fault({ method: 'POST', path: /^\/services\/invoice\/upload(Signed)?$/, kind: 'status', status: 503, times, body: { errorCode: '0096', errorDescription: 'Servizio temporaneamente non disponibile' } });
		},
		close: async () => {
			await Promise.all([auth.close(), ws.close()]);
		},
	};
}

function seedDemo(state: ArubaState, receive: (xml: string | Buffer, opts: { signed?: boolean; receivedAt?: number }) => InvoiceRecord): void {
	const now = state.now();
	const dayOf = (daysAgo: number) => romeDate(now - daysAgo * DAY);
	for (const r of demoReceivedInvoices(dayOf)) receive(r.xml, { signed: r.signed, receivedAt: now - r.daysAgo * DAY + 9 * 60 * MINUTE });
	const sent = [
		{ numero: 'FT-1', data: dayOf(5), progressivoInvio: 'D0001', daysAgo: 5 },
		{ numero: 'FT-2', data: dayOf(2), progressivoInvio: 'D0002', daysAgo: 2 },
	];
	for (const s of sent) {
		const xml = demoSentInvoice({ numero: s.numero, data: s.data, progressivoInvio: s.progressivoInvio });
		const answer = upload(state, PREMIUM.username, { dataFile: Buffer.from(xml, 'utf8').toString('base64') }, false);
		const filename = (answer.body as { uploadFileName: string }).uploadFileName;
		const record = state.invoices.find((i) => i.filename === filename)!;
		record.creationDate = now - s.daysAgo * DAY;
		record.lastUpdate = record.creationDate;
		deliverNow(state, record, record.creationDate + state.options.sdiDelayMs);
	}
}
