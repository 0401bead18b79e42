/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The state both Aruba hosts share: accounts, tokens, invoices with their notifications, the SDI
 * event queue on the virtual clock, export jobs, rate-limit windows and counters.
 */
import type { EmulatorResponse } from '../common/server';
import { MINUTE } from './util';

export interface Party {
	description: string;
	countryCode: string;
	vatCode: string;
	fiscalCode: string;
}

export interface Account extends Party {
	username: string;
	password: string;
	premium: boolean;
	pec: string;
}

export interface Multicedente {
	id: number;
	description: string;
	countryCode: string;
	vatCode: string;
	fiscalCode: string;
	status: 'ACTIVE' | 'INACTIVE' | 'PENDING';
}

export type SdiOutcome =
	| { type: 'NS'; errors: Array<{ codice: string; descrizione: string; suggerimento?: string }> }
	| { type: 'MC' }
	| { type: 'RC' }
	| { type: 'NE'; esito: 'EC01' | 'EC02' };

export type NotificationType = 'RC' | 'NS' | 'MC' | 'NE' | 'DT' | 'AT';

export interface StoredNotification {
	id: string;
	filename: string;
	docType: NotificationType;
	date: number;
	notificationDate: number;
	invoiceId: string;
	invoiceFilename: string;
	xml: Buffer;
	result: string | null;
	number: string | null;
}

export interface InvoiceBody {
	/** YYYY-MM-DD */
	invoiceDate: string;
	number: string;
	tipoDocumento: string;
	totalDocument: number;
	totalVat: number;
	netPayable: number;
}

export interface EsitoCommittente {
	filename: string;
	esito: 'EC01' | 'EC02';
	descrizione?: string;
	status: 'Inviato' | 'Consegnato' | 'Scartato';
	date: number;
}

export interface InvoiceRecord {
	id: string;
	filename: string;
	direction: 'out' | 'in';
	username: string;
	sender: Party;
	receiver: Party;
	/** cedente IdFiscaleIVA as IdPaese + IdCodice */
	senderIdFiscale: string;
	invoiceType: 'FPR12' | 'FPA12';
	creationDate: number;
	lastUpdate: number;
	idSdi: string | null;
	/** the file as stored (a p7m when it was signed) */
	file: Buffer;
	/** the invoice XML (unsigned) */
	xml: Buffer;
	signed: boolean;
	sha256: string;
	bodies: InvoiceBody[];
	status: string;
	statusDescription: string;
	codiceDestinatario: string;
	pecDestinatario?: string;
	notifications: StoredNotification[];
	/** SDI's DataOraRicezione */
	sdiReceivedAt?: number;
	/** the outcome SDI will give (decided when it takes the file) */
	outcome?: SdiOutcome;
	scripted?: SdiOutcome;
	esitoCommittente?: EsitoCommittente;
}

export interface SdiEvent {
	at: number;
	invoiceId: string;
	kind: 'take' | 'NE' | 'DT' | 'AT' | 'esito';
	seq: number;
}

export interface ExportJob {
	jobId: string;
	readyAt: number;
	file: Buffer;
}

export type Bucket = 'signin' | 'upload' | 'search' | 'notification';

export interface Stats {
	signIns: number;
	refreshes: number;
	/** requests let through, per rate-limit bucket (signin: password sign-in attempts) */
	byBucket: Record<Bucket, number>;
	/** requests answered 429, per bucket */
	limited: Record<Bucket, number>;
}

export interface ResolvedOptions {
	sdiDelayMs: number;
	slidingRefresh: boolean;
	quotaBytes: number;
	maxFileBytes: number;
	limits: Record<Bucket, number>;
}

export interface TokenInfo {
	username: string;
	expiresAt: number;
}

export interface RefreshInfo extends TokenInfo {
	issuedAt: number;
}

export class ArubaState {
	accounts: Account[] = [];
	multicedenti = new Map<string, Multicedente[]>();
	invoices: InvoiceRecord[] = [];
	events: SdiEvent[] = [];
	jobs = new Map<string, ExportJob>();
	scriptQueue: SdiOutcome[] = [];
	accessTokens = new Map<string, TokenInfo>();
	refreshTokens = new Map<string, RefreshInfo>();
	stats: Stats = {
		signIns: 0,
		refreshes: 0,
		byBucket: { signin: 0, upload: 0, search: 0, notification: 0 },
		limited: { signin: 0, upload: 0, search: 0, notification: 0 },
	};
	private windows = new Map<string, number[]>();
	private counters = { progressivo: 1, idSdi: 18_000_000_000, messageId: 900_000_000, event: 0, multicedente: 100 };
	offset = 0;

	constructor(
		private clock: () => number,
		readonly options: ResolvedOptions,
	) {}

	now(): number {
		return this.clock() + this.offset;
	}

	account(username: string | undefined): Account | undefined {
		return this.accounts.find((a) => a.username === username);
	}

	nextProgressivo(): string {
		return (this.counters.progressivo++).toString(36).padStart(5, '0');
	}

	nextIdSdi(): string {
		return String(this.counters.idSdi++ * 7 + 3);
	}

	nextMessageId(): string {
		return String(this.counters.messageId++);
	}

	nextMulticedenteId(): number {
		return this.counters.multicedente++;
	}

	schedule(at: number, invoiceId: string, kind: SdiEvent['kind']): void {
		this.events.push({ at, invoiceId, kind, seq: this.counters.event++ });
	}

	/**
	 * Rolling-minute limiter: undefined when the call may go ahead (and counts it), else the 429 to
	 * answer with a Retry-After in whole seconds.
	 */
	limit(bucket: Bucket, username: string, body: unknown): EmulatorResponse | undefined {
		const max = this.options.limits[bucket];
		const now = this.now();
		const key = `${bucket}:${username}`;
		const window = (this.windows.get(key) ?? []).filter((t) => t > now - MINUTE);
		this.windows.set(key, window);
		if (window.length >= max) {
			this.stats.limited[bucket]++;
			const retry = Math.max(1, Math.ceil((window[0] + MINUTE - now) / 1000));
			return { status: 429, body, headers: { 'retry-after': String(retry) } };
		}
		window.push(now);
		this.stats.byBucket[bucket]++;
		return undefined;
	}

	/** the username behind a live access token, or undefined */
	userOf(authorization: string | string[] | undefined): string | undefined {
		const header = Array.isArray(authorization) ? authorization[0] : authorization;
		const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
		if (!m) return undefined;
		const info = this.accessTokens.get(m[1]);
		if (!info || info.expiresAt <= this.now()) return undefined;
		return info.username;
	}
}
