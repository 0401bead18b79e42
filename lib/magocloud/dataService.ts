/**
 * Reads without MagicLink (Microarea samples):
 *  - data-service look-ups over Mago "ReferenceObjects" (hotlinks):
 *    GET {root}/data-service/getdata/{referenceObjectNamespace}/{selectionType}?filter=..
 *    e.g. ERP.Items.Dbl.Items/default ("code" is the older name of "default").
 *  - table reads: POST {magoServicesHubUrl}/magoservices/getDataTable
 *    {tableName, fieldsName[], filters[{key,value}], recordsPerPage} ->
 *    {response:"OK", responseData:{totalRecordsNumber, currentPageRecordsNumber, currentPageNumber, records[]}}.
 * The samples show no page-number request field; a later page is asked with `extra` (the name
 * your installation uses), and the answer's counters say whether more pages exist.
 */
import { MagoCloudError, MagoInputError, shown } from './errors';
import { authorizationHeader, producerInfoHeader, type ProducerKeys } from './headers';
import { assertMagoSuccess } from './failure';
import { baseUrlOf, type JsonRequest } from './login';

const NAMESPACE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){1,9}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function getDataRequest(input: { rootUrl: string; token: string; keys: ProducerKeys; namespace: string; selectionType?: string; filter?: string }): JsonRequest {
	const root = baseUrlOf(input.rootUrl, 'rootUrl');
	const ns = typeof input.namespace === 'string' ? input.namespace.trim() : '';
	if (!NAMESPACE.test(ns)) throw new MagoInputError('namespace', `expected a reference object namespace like ERP.Items.Dbl.Items, got ${shown(input.namespace)}`);
	const selection = (input.selectionType ?? 'default').trim();
	if (!NAME.test(selection)) throw new MagoInputError('selectionType', `expected a selection type like default or code, got ${shown(input.selectionType)}`);
	const filter = input.filter !== undefined && input.filter !== '' ? `?filter=${encodeURIComponent(String(input.filter))}` : '';
	return {
		method: 'GET',
		url: `${root}/data-service/getdata/${ns}/${selection}${filter}`,
		headers: { ...producerInfoHeader(input.keys), ...authorizationHeader(input.token) },
	};
}

export interface DataTableQuery {
	/** e.g. MA_Items */
	tableName: string;
	fieldsName?: readonly string[];
	/** equality filters, as the samples send them */
	filters?: readonly { key: string; value: string | number | boolean }[];
	recordsPerPage?: number;
	/** further body fields (e.g. a page number) the samples do not show; never overriding the ones above */
	extra?: Record<string, unknown>;
}

export function getDataTableRequest(input: { magoServicesHubUrl: string; token: string; keys: ProducerKeys } & DataTableQuery): JsonRequest {
	const hub = baseUrlOf(input.magoServicesHubUrl, 'magoServicesHubUrl');
	const tableName = typeof input.tableName === 'string' ? input.tableName.trim() : '';
	if (!NAME.test(tableName)) throw new MagoInputError('tableName', `expected a Mago table name like MA_Items, got ${shown(input.tableName)}`);
	const body: Record<string, unknown> = { tableName };
	if (input.fieldsName?.length)
		body.fieldsName = input.fieldsName.map((f, i) => {
			if (typeof f !== 'string' || !NAME.test(f.trim())) throw new MagoInputError(`fieldsName[${i}]`, `expected a column name like item, got ${shown(f)}`);
			return f.trim();
		});
	if (input.filters?.length)
		body.filters = input.filters.map((f, i) => {
			if (!f || typeof f.key !== 'string' || !NAME.test(f.key.trim())) throw new MagoInputError(`filters[${i}].key`, `expected a column name, got ${shown(f?.key)}`);
			if (typeof f.value !== 'string' && typeof f.value !== 'number' && typeof f.value !== 'boolean') throw new MagoInputError(`filters[${i}].value`, `expected text, a number or true/false, got ${shown(f.value)}`);
			return { key: f.key.trim(), value: f.value };
		});
	if (input.recordsPerPage !== undefined) {
		if (!Number.isSafeInteger(input.recordsPerPage) || input.recordsPerPage < 1 || input.recordsPerPage > 10000)
			throw new MagoInputError('recordsPerPage', `expected a whole number from 1 to 10000, got ${shown(input.recordsPerPage)}`);
		body.recordsPerPage = input.recordsPerPage;
	}
	for (const [key, value] of Object.entries(input.extra ?? {})) {
		if (key in body || !NAME.test(key)) throw new MagoInputError(`extra.${key}`, 'cannot override the documented fields and must be a plain name');
		body[key] = value;
	}
	return {
		method: 'POST',
		url: `${hub}/magoservices/getDataTable`,
		headers: { 'Content-Type': 'application/json', ...producerInfoHeader(input.keys), ...authorizationHeader(input.token) },
		body,
	};
}

export interface DataTablePage {
	records: Record<string, unknown>[];
	totalRecords: number;
	pageNumber: number;
	pageRecords: number;
	/** records seen up to this page are fewer than the total */
	hasMore: boolean;
}

function count(value: unknown, field: string): number {
	const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new MagoCloudError(`MagoCloud getDataTable answered responseData.${field} ${shown(value)}, expected a count`, '');
	return n;
}

/**
 * One page of a getDataTable answer. `recordsPerPage` is the page size asked for; with the
 * 0- or 1-based page number unknown, "more" is judged from the counts: total > records seen.
 */
export function readDataTablePage(answer: unknown, recordsPerPage: number, pagesReadBefore = 0): DataTablePage {
	assertMagoSuccess(answer, 'getDataTable');
	const data = answer && typeof answer === 'object' ? (answer as Record<string, unknown>).responseData : undefined;
	if (!data || typeof data !== 'object') throw new MagoCloudError('MagoCloud getDataTable answered without responseData', '');
	const d = data as Record<string, unknown>;
	if (!Array.isArray(d.records)) throw new MagoCloudError(`MagoCloud getDataTable answered responseData.records ${shown(d.records)}, expected a list`, '');
	const totalRecords = count(d.totalRecordsNumber, 'totalRecordsNumber');
	const pageRecords = d.currentPageRecordsNumber === undefined ? d.records.length : count(d.currentPageRecordsNumber, 'currentPageRecordsNumber');
	const pageNumber = d.currentPageNumber === undefined ? pagesReadBefore : count(d.currentPageNumber, 'currentPageNumber');
	const seen = pagesReadBefore * recordsPerPage + d.records.length;
	return { records: d.records as Record<string, unknown>[], totalRecords, pageNumber, pageRecords, hasMore: d.records.length > 0 && seen < totalRecords };
}
