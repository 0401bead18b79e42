/**
 * Fatture in Cloud webhook events (CloudEvents 1.0, binary or structured mapping): reading a
 * delivery, and which resource its ids point at so the trigger can fetch them. Events carry ids
 * only; deletions cannot be fetched.
 */
export interface FicEvent {
	id: string;
	type: string;
	time?: string;
	subject?: string;
	source?: string;
	companyId?: number;
	ids: Array<number | string>;
}

const EVENT_PREFIX = 'it.fattureincloud.webhooks.';

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value[0] === undefined ? undefined : String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

function idsOf(data: unknown): Array<number | string> {
	const ids = (data as { ids?: unknown } | undefined)?.ids;
	if (!Array.isArray(ids)) throw new Error('event data: expected {"ids": [...]}');
	return ids.filter((id) => typeof id === 'number' || typeof id === 'string') as Array<number | string>;
}

function companyOf(subject: string | undefined): number | undefined {
	const match = /^company:(\d+)$/.exec(subject ?? '');
	return match ? Number(match[1]) : undefined;
}

/** Reads a delivery in either mapping; throws naming what is missing. */
export function readFicEvent(headers: Record<string, unknown>, body: unknown): FicEvent {
	const ceId = header(headers, 'ce-id');
	if (ceId) {
		const type = header(headers, 'ce-type');
		if (!type) throw new Error('ce-type header is missing');
		const subject = header(headers, 'ce-subject');
		return {
			id: ceId,
			type,
			time: header(headers, 'ce-time'),
			subject,
			source: header(headers, 'ce-source'),
			companyId: companyOf(subject),
			ids: idsOf((body as { data?: unknown } | undefined)?.data),
		};
	}
	const event = body as Record<string, unknown> | undefined;
	if (!event || typeof event !== 'object' || typeof event.id !== 'string' || typeof event.type !== 'string') {
		throw new Error('not a CloudEvent: expected ce-* headers (binary mapping) or a body with id and type (structured mapping)');
	}
	const subject = typeof event.subject === 'string' ? event.subject : undefined;
	return {
		id: event.id,
		type: event.type,
		time: typeof event.time === 'string' ? event.time : undefined,
		subject,
		source: typeof event.source === 'string' ? event.source : undefined,
		companyId: companyOf(subject),
		ids: idsOf(event.data),
	};
}

/** The company-relative path of the resource an event's ids point at; undefined when it cannot be fetched. */
export function resourcePathOf(eventType: string): string | undefined {
	const name = eventType.startsWith(EVENT_PREFIX) ? eventType.slice(EVENT_PREFIX.length) : eventType;
	const parts = name.split('.');
	const action = parts[parts.length - 1];
	if (action === 'delete') return undefined;
	if (parts[0] === 'issued_documents') return 'issued_documents';
	if (parts[0] === 'received_documents') return parts[1] === 'e_invoices' ? undefined : 'received_documents';
	if (parts[0] === 'entities') return parts[1] === 'clients' ? 'entities/clients' : parts[1] === 'suppliers' ? 'entities/suppliers' : undefined;
	const simple: Record<string, string> = { receipts: 'receipts', taxes: 'taxes', archive_documents: 'archive', cashbook: 'cashbook', products: 'products' };
	return simple[parts[0]];
}

/** Dropdown groups: "Issued documents: invoices" -> its event types. */
export function eventTypeLabel(eventType: string): string {
	const name = eventType.replace(EVENT_PREFIX, '');
	return name
		.split('.')
		.map((part) => part.replace(/_/g, ' '))
		.join(' › ');
}
