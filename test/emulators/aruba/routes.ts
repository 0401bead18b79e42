/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The ws host: v1 /services/... and v2 /api/v2/... routes over the shared state, plus the admin
 * routes (/_emulator/...) the demo and the e2e suite drive the emulator with.
 */
import type { EmulatorRequest, EmulatorResponse } from '../common/server';
import { DENIED, page } from './auth';
import { invoiceJson, pdfOf, upload, type UploadBody } from './invoices';
import { runSdi } from './sdi';
import type { ArubaState, Bucket, InvoiceRecord, SdiOutcome, StoredNotification } from './state';
import { DAY, hexId, isoRome, json, message, parseQueryDate, truthy, zip, zipResponse } from './util';
import { notificationFileName } from '../../../lib/fatturapa';

export interface AdminHooks {
	advance(ms: number): void;
	receive(xml: Buffer, opts: { signed?: boolean; receivedAt?: number }): InvoiceRecord;
	scriptNext(outcome: SdiOutcome): void;
	state(): Record<string, unknown>;
}

const NOT_FOUND = (): EmulatorResponse => message(404, 'Fattura non trovata');
const TOO_MANY = { message: 'Too many requests' };

type Dir = 'out' | 'in';

export function notificationJson(n: StoredNotification): Record<string, unknown> {
	return {
		id: n.id,
		filename: n.filename,
		docType: n.docType,
		date: isoRome(n.date),
		notificationDate: isoRome(n.notificationDate),
		invoiceId: n.invoiceId,
		invoiceFilename: n.invoiceFilename,
		file: n.xml.toString('base64'),
		result: n.result,
		number: n.number,
	};
}

function sorted(items: InvoiceRecord[]): InvoiceRecord[] {
	return [...items].sort((a, b) => b.creationDate - a.creationDate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const eq = (a: string, b: string | undefined) => b === undefined || b === '' || a.toUpperCase() === b.toUpperCase();

function dateRange(query: Record<string, string>, startKey: string, endKey: string): { start?: number; end?: number; error?: EmulatorResponse } {
	const start = parseQueryDate(query[startKey], 'start');
	const end = parseQueryDate(query[endKey], 'end');
	if (start !== undefined && Number.isNaN(start)) return { error: message(400, `Data non valida nel parametro ${startKey}: ${query[startKey]}`) };
	if (end !== undefined && Number.isNaN(end)) return { error: message(400, `Data non valida nel parametro ${endKey}: ${query[endKey]}`) };
	return { start, end };
}

const inRange = (t: number, r: { start?: number; end?: number }) => (r.start === undefined || t >= r.start) && (r.end === undefined || t <= r.end);

export function wsRoute(state: ArubaState, hooks: AdminHooks, req: EmulatorRequest): EmulatorResponse {
	runSdi(state);
	const { method, path, query } = req;
	const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;

	// ------------------------------------------------------------ admin (no token)
	if (path.startsWith('/_emulator/')) {
		if (method === 'POST' && path === '/_emulator/clock') {
			const ms = Number(body.advanceMs ?? 0);
			if (!Number.isFinite(ms) || ms < 0) return message(400, 'advanceMs must be a number >= 0');
			hooks.advance(ms);
			return json(200, { now: isoRome(state.now()), nowMs: state.now() });
		}
		if (method === 'POST' && path === '/_emulator/received') {
			if (typeof body.xml !== 'string') return message(400, 'xml (base64) is required');
			try {
				const record = hooks.receive(Buffer.from(body.xml, 'base64'), { signed: body.signed === true, receivedAt: typeof body.receivedAt === 'number' ? body.receivedAt : undefined });
				return json(200, invoiceJson(record));
			} catch (error) {
				return message(400, `not a FatturaPA: ${(error as Error).message}`);
			}
		}
		if (method === 'POST' && path === '/_emulator/script') {
			const type = body.type;
			if (type !== 'NS' && type !== 'MC' && type !== 'RC' && type !== 'NE') return message(400, 'type must be NS, MC, RC or NE');
			if (type === 'NE' && body.esito !== 'EC01' && body.esito !== 'EC02') return message(400, 'esito must be EC01 or EC02');
			if (type === 'NS' && body.errors !== undefined && !(Array.isArray(body.errors) && body.errors.every((e) => e && typeof e === 'object' && typeof (e as { codice?: unknown }).codice === 'string'))) {
				return message(400, 'errors must be a list of {codice, descrizione}');
			}
			hooks.scriptNext({ ...body, ...(type === 'NS' ? { errors: Array.isArray(body.errors) ? body.errors : [] } : {}) } as unknown as SdiOutcome);
			return json(200, { scripted: state.scriptQueue.length });
		}
		if (method === 'GET' && path === '/_emulator/state') return json(200, hooks.state());
		return message(404, 'Risorsa non trovata');
	}

	// ------------------------------------------------------------ API (token)
	const route = matchRoute(method, path);
	if (!route) return message(404, 'Risorsa non trovata');
	const username = state.userOf(req.headers.authorization);
	if (!username) return message(401, DENIED);
	if (route.bucket) {
		const limited = state.limit(route.bucket, username, TOO_MANY);
		if (limited) return limited;
	}
	const mine = (dir: Dir) => state.invoices.filter((i) => i.username === username && i.direction === dir);
	const dir = route.dir;
	const byId = (id: string | undefined) => (id ? mine(dir).find((i) => i.id === id) : undefined);
	const byFilename = (f: string | undefined) => (f ? mine(dir).find((i) => i.filename === f) : undefined);
	const byIdSdi = (s: string | undefined) => (s ? mine(dir).find((i) => i.idSdi === s) : undefined);
	const detail = (record: InvoiceRecord | undefined, extra: { unsignedAsFile?: boolean } = {}) =>
		record
			? json(200, invoiceJson(record, { includeFile: truthy(query.includeFile), includePdf: truthy(query.includePdf), includeUnsignedFile: truthy(query.includeUnsignedFile), ...extra }))
			: NOT_FOUND();
	const v2Pick = () => byId(query.id) ?? byFilename(query.filename) ?? byIdSdi(query.idSdi);
	const list = (records: InvoiceRecord[]) => {
		const size = Math.min(100, Math.max(1, Number.parseInt(query.size ?? '10', 10) || 10));
		return json(200, page(sorted(records).map((r) => invoiceJson(r)), { ...query, size: String(size) }));
	};
	const invoiceZip = (record: InvoiceRecord | undefined) => (record ? zipResponse(zip([{ name: record.filename, data: record.file }], state.now()), `${record.filename}.zip`) : NOT_FOUND());
	const pdd = (record: InvoiceRecord | undefined) =>
		record
			? zipResponse(zip([{ name: record.filename, data: record.file }, ...record.notifications.map((n) => ({ name: n.filename, data: n.xml }))], state.now()), `${record.filename.replace(/\.xml(\.p7m)?$/, '')}_pdd.zip`)
			: NOT_FOUND();
	const notifications = (record: InvoiceRecord | undefined) => (record ? json(200, { count: record.notifications.length, notifications: record.notifications.map(notificationJson) }) : NOT_FOUND());
	const notificationByName = (filename: string | undefined) => {
		const n = filename ? mine(dir).flatMap((i) => i.notifications).find((x) => x.filename === filename) : undefined;
		return n ? json(200, notificationJson(n)) : message(404, 'Notifica non trovata');
	};

	switch (route.name) {
		case 'upload':
			return upload(state, username, body as UploadBody, route.signed === true);
		case 'findV1': {
			if (!query.username) return message(400, 'Il parametro username è obbligatorio');
			if (query.username !== username) return message(403, "Il parametro username non corrisponde all'utente autenticato");
			const r = dateRange(query, 'startDate', 'endDate');
			if (r.error) return r.error;
			return list(
				mine(dir).filter(
					(i) =>
						inRange(i.creationDate, r) &&
						eq(i.sender.countryCode, query.countrySender) &&
						eq(i.sender.vatCode, query.vatcodeSender) &&
						eq(i.sender.fiscalCode, query.fiscalcodeSender) &&
						eq(i.receiver.countryCode, query.countryReceiver) &&
						eq(i.receiver.vatCode, query.vatcodeReceiver) &&
						eq(i.receiver.fiscalCode, query.fiscalcodeReceiver),
				),
			);
		}
		case 'findV2': {
			const created = dateRange(query, 'creationStartDate', 'creationEndDate');
			if (created.error) return created.error;
			const modified = dateRange(query, 'modifiedStartDate', 'modifiedEndDate');
			if (modified.error) return modified.error;
			return list(
				mine(dir).filter(
					(i) =>
						inRange(i.creationDate, created) &&
						inRange(i.lastUpdate, modified) &&
						eq(i.sender.countryCode, query.senderCountry) &&
						eq(i.sender.vatCode, query.senderVatcode) &&
						eq(i.receiver.countryCode, query.receiverCountry) &&
						eq(i.receiver.vatCode, query.receiverVatcode) &&
						eq(i.receiver.fiscalCode, query.receiverFiscalcode) &&
						(!query.status || i.status === query.status) &&
						(!query.documentType || i.bodies.some((b) => b.tipoDocumento === query.documentType)),
				),
			);
		}
		case 'getById':
			return detail(byId(route.param));
		case 'getByFilename':
			return detail(byFilename(query.filename));
		case 'getByIdSdi':
			return detail(byIdSdi(query.idSdi));
		case 'unsigned':
			return detail(byId(query.invoiceId) ?? byFilename(query.filename), { unsignedAsFile: true });
		case 'detailV2':
			return detail(v2Pick());
		case 'zipV1':
			return invoiceZip(byFilename(query.filename));
		case 'pddV1':
			return pdd(byFilename(query.invoiceFilename) ?? byId(query.invoiceId));
		case 'zipV2':
			return invoiceZip(v2Pick());
		case 'pddV2':
			return pdd(v2Pick());
		case 'notificationsById':
			return notifications(byId(route.param));
		case 'notificationsByInvoiceFilename':
			return notifications(byFilename(query.invoiceFilename));
		case 'notificationByFilename':
			return notificationByName(query.filename);
		case 'notificationsV2':
			return notifications(byId(query.id) ?? byFilename(query.filename));
		case 'notificationDetailV2':
			return notificationByName(query.filename);
		case 'sendEsito':
			return sendEsito(state, mine('in'), body);
		case 'esitoStatus': {
			const name = route.param ?? '';
			const record = mine('in').find((i) => i.filename === name || i.esitoCommittente?.filename === name);
			if (!record) return NOT_FOUND();
			const e = record.esitoCommittente;
			if (!e) return message(404, 'Nessun esito committente inviato per questa fattura');
			return json(200, { filename: e.filename, invoiceFilename: record.filename, esito: e.esito, status: e.status, date: isoRome(e.date) });
		}
		case 'bulk': {
			const ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
			if (!ids.length) return message(400, 'ids: indicare almeno una fattura');
			const records = ids.map((id) => mine(dir).find((i) => i.id === id));
			const missing = ids.filter((_, k) => !records[k]);
			if (missing.length) return message(404, `Fattura non trovata: ${missing.join(', ')}`);
			const types = Array.isArray(body.downloadTypes) && body.downloadTypes.length ? body.downloadTypes.map(String) : ['DownloadXml'];
			return json(200, { jobId: newJob(state, bulkEntries(records as InvoiceRecord[], types)) });
		}
		case 'multicedentiReport': {
			const rows = (state.multicedenti.get(username) ?? []).map((m) => [m.id, m.description, m.countryCode, m.vatCode, m.fiscalCode, m.status].join(';'));
			return json(200, { jobId: newJob(state, [{ name: 'multicedenti.csv', data: Buffer.from(['id;description;countryCode;vatCode;fiscalCode;status', ...rows].join('\r\n') + '\r\n', 'utf8') }]) });
		}
		case 'job': {
			const job = state.jobs.get(route.param ?? '');
			if (!job) return message(404, 'Job non trovato');
			const done = job.readyAt <= state.now();
			return json(200, done ? { jobId: job.jobId, status: 'COMPLETED', file: job.file.toString('base64') } : { jobId: job.jobId, status: 'PENDING' });
		}
	}
	return message(404, 'Risorsa non trovata');
}

function newJob(state: ArubaState, entries: Array<{ name: string; data: Buffer }>): string {
	const jobId = hexId();
	state.jobs.set(jobId, { jobId, readyAt: state.now() + state.options.sdiDelayMs, file: zip(entries, state.now()) });
	return jobId;
}

function bulkEntries(records: InvoiceRecord[], types: string[]): Array<{ name: string; data: Buffer }> {
	const entries: Array<{ name: string; data: Buffer }> = [];
	const stem = (r: InvoiceRecord) => r.filename.replace(/\.xml(\.p7m)?$/, '');
	for (const r of records) {
		if (types.includes('DownloadXml')) entries.push({ name: `${stem(r)}.xml`, data: r.xml });
		if (types.includes('DownloadP7m') || types.includes('DownloadArchiving')) entries.push({ name: r.filename, data: r.file });
		if (types.includes('DownloadPdf')) entries.push({ name: `${stem(r)}.pdf`, data: pdfOf(r) });
		if (types.includes('DownloadNotifications')) for (const n of r.notifications) entries.push({ name: n.filename, data: n.xml });
	}
	if (types.includes('ReportExcel')) {
		const rows = records.map((r) => [r.filename, r.idSdi ?? '', r.sender.vatCode, r.receiver.vatCode, r.bodies[0]?.number ?? '', r.bodies[0]?.invoiceDate ?? '', r.bodies[0]?.totalDocument ?? '', r.status].join(';'));
		entries.push({ name: 'report.csv', data: Buffer.from(['filename;idSdi;sender;receiver;number;date;total;status', ...rows].join('\r\n') + '\r\n', 'utf8') });
	}
	return entries;
}

function sendEsito(state: ArubaState, received: InvoiceRecord[], body: Record<string, unknown>): EmulatorResponse {
	const filename = typeof body.filename === 'string' ? body.filename : undefined;
	const sdiId = body.sdiId === undefined || body.sdiId === null ? undefined : String(body.sdiId);
	const record = received.find((i) => (filename ? i.filename === filename : sdiId !== undefined && i.idSdi === sdiId));
	if (!record) return NOT_FOUND();
	if (sdiId !== undefined && record.idSdi !== sdiId) return message(400, `sdiId ${sdiId} non corrisponde alla fattura ${record.filename} (IdentificativoSdI ${record.idSdi})`);
	if (body.esito !== 'EC01' && body.esito !== 'EC02') return message(400, 'esito deve essere EC01 (accettazione) o EC02 (rifiuto)');
	if (record.invoiceType !== 'FPA12') return message(400, "L'esito committente si invia solo per fatture verso la Pubblica Amministrazione (FPA12): questa è una FPR12");
	if (record.esitoCommittente) return message(400, `Esito committente già inviato per questa fattura (${record.esitoCommittente.esito})`);
	const now = state.now();
	if (now > (record.sdiReceivedAt ?? record.creationDate) + 15 * DAY) return message(400, "Termine scaduto: l'esito committente si può inviare entro 15 giorni dalla ricezione della fattura");
	if (body.esito === 'EC02' && !(typeof body.descrizione === 'string' && body.descrizione.trim())) {
		// SDI accepts EC02 without a reason; Aruba's form asks for one. Kept lenient.
	}
	const ecName = notificationFileName(record.filename, 'EC', 1);
	record.esitoCommittente = { filename: ecName, esito: body.esito, descrizione: typeof body.descrizione === 'string' ? body.descrizione : undefined, status: 'Inviato', date: now };
	record.lastUpdate = now;
	state.schedule(now + state.options.sdiDelayMs, record.id, 'esito');
	return json(200, { errorCode: '0000', errorDescription: 'Operazione effettuata', filename: ecName, invoiceFilename: record.filename });
}

interface Route {
	name: string;
	dir: Dir;
	bucket?: Bucket;
	param?: string;
	signed?: boolean;
}

function matchRoute(method: string, path: string): Route | undefined {
	let m: RegExpExecArray | null;
	if (method === 'POST') {
		if (path === '/services/invoice/upload') return { name: 'upload', dir: 'out', bucket: 'upload' };
		if (path === '/services/invoice/uploadSigned') return { name: 'upload', dir: 'out', bucket: 'upload', signed: true };
		if (path === '/services/invoice/in/sendEsitoCommittente') return { name: 'sendEsito', dir: 'in' };
		if ((m = /^\/api\/v2\/invoices-(out|in)\/download$/.exec(path))) return { name: 'bulk', dir: m[1] as Dir };
		if (path === '/api/v2/multicedenti/report') return { name: 'multicedentiReport', dir: 'out' };
		return undefined;
	}
	if (method !== 'GET') return undefined;
	if ((m = /^\/services\/invoice\/(out|in)\/([^/]+)$/.exec(path))) {
		const dir = m[1] as Dir;
		const names: Record<string, Route> = {
			findByUsername: { name: 'findV1', dir, bucket: 'search' },
			getByFilename: { name: 'getByFilename', dir },
			getByIdSdi: { name: 'getByIdSdi', dir },
			getZipByFilename: { name: 'zipV1', dir },
			pdd: { name: 'pddV1', dir },
			...(dir === 'in' ? { getInvoiceWithUnsignedFile: { name: 'unsigned', dir } } : {}),
		};
		return names[m[2]] ?? { name: 'getById', dir, param: decodeURIComponent(m[2]) };
	}
	if ((m = /^\/services\/invoice\/in\/sendEsitoCommittente\/([^/]+)$/.exec(path))) return { name: 'esitoStatus', dir: 'in', param: decodeURIComponent(m[1]) };
	if ((m = /^\/services\/notification\/(out|in)\/([^/]+)$/.exec(path))) {
		const dir = m[1] as Dir;
		if (m[2] === 'getByInvoiceFilename') return { name: 'notificationsByInvoiceFilename', dir, bucket: 'notification' };
		if (m[2] === 'getByFilename') return { name: 'notificationByFilename', dir, bucket: 'notification' };
		return { name: 'notificationsById', dir, bucket: 'notification', param: decodeURIComponent(m[2]) };
	}
	if ((m = /^\/api\/v2\/invoices-(out|in)(\/[a-z/]+)?$/.exec(path))) {
		const dir = m[1] as Dir;
		const rest = m[2] ?? '';
		const names: Record<string, Route> = {
			'': { name: 'findV2', dir, bucket: 'search' },
			'/detail': { name: 'detailV2', dir },
			'/zip': { name: 'zipV2', dir },
			'/pdd': { name: 'pddV2', dir },
			'/notifications': { name: 'notificationsV2', dir, bucket: 'notification' },
			'/notifications/detail': { name: 'notificationDetailV2', dir, bucket: 'notification' },
		};
		return names[rest];
	}
	if ((m = /^\/api\/v2\/download\/([^/]+)$/.exec(path))) return { name: 'job', dir: 'out', param: decodeURIComponent(m[1]) };
	return undefined;
}
