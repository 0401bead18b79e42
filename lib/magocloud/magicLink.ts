/**
 * MagicLink over REST (Microarea samples, mago-cloud-api magoAPIClient.js): the MagicLink XML of
 * Mago4 (tbNamespace + xTechProfile envelopes, as in the MagicLinkSamples files), base64-encoded
 * into `POST {tbServerUrl}tbserver/api/tb/document/runRestFunction/` with
 * `ns: Extensions.XEngine.TBXmlTransfer.GetDataRest` and `args {param, useApproximation, loginName}`;
 * the answer `{success, retVal, result:[base64 XML]}`. The write function's name, SetDataRest,
 * is by analogy (the SDK method is SetXmlData): an assumption until a sample shows it.
 */
import { escapeAttribute, escapeText, parseXml, XmlParseError, type XmlDocument, type XmlElement } from '../xml';
import { MagoCloudError, MagoInputError, shown } from './errors';
import { assertMagoSuccess } from './failure';
import { tbServerHeaders, type ProducerKeys } from './headers';
import { baseUrlOf, type JsonRequest } from './login';

export const GET_DATA_REST = 'Extensions.XEngine.TBXmlTransfer.GetDataRest';
export const SET_DATA_REST = 'Extensions.XEngine.TBXmlTransfer.SetDataRest';
const SCHEMA_ROOT = 'http://www.microarea.it/Schema/2004/Smart';
const TB_NAMESPACE = /^Document\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\.Documents\.([A-Za-z0-9_]+)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const PROFILE = /^[A-Za-z0-9_-]{1,128}$/;

export interface MagicLinkTarget {
	/** e.g. Document.ERP.Sales.Documents.Invoice */
	tbNamespace: string;
	/** the export profile (xTechProfile), e.g. DefaultLight */
	profile: string;
	/** the folder of the profile: Standard (shipped) or AllUsers / a user (custom); default Standard */
	profileLocation?: string;
}

/** Root element name and schema namespace of a document, as every sample writes them. */
export function magicLinkEnvelope(target: MagicLinkTarget): { root: string; schemaNamespace: string; tbNamespace: string; profile: string } {
	const tbNamespace = typeof target.tbNamespace === 'string' ? target.tbNamespace.trim() : '';
	const m = TB_NAMESPACE.exec(tbNamespace);
	if (!m) throw new MagoInputError('tbNamespace', `expected a document namespace like Document.ERP.Sales.Documents.Invoice, got ${shown(target.tbNamespace)}`);
	const profile = typeof target.profile === 'string' ? target.profile.trim() : '';
	if (!PROFILE.test(profile)) throw new MagoInputError('profile', `expected an export profile name like DefaultLight, got ${shown(target.profile)}`);
	const location = (target.profileLocation ?? 'Standard').trim();
	if (!PROFILE.test(location)) throw new MagoInputError('profileLocation', `expected Standard, AllUsers or a user name, got ${shown(target.profileLocation)}`);
	return { root: m[3], schemaNamespace: `${SCHEMA_ROOT}/${m[1]}/${m[2]}/${m[3]}/${location}/${profile}.xsd`, tbNamespace, profile };
}

export type FieldValue = string | number;
export type MagicLinkRecord = Record<string, FieldValue>;

export interface MagicLinkSlave {
	name: string;
	attributes?: Record<string, string>;
	/** a one-record slave (e.g. JESlave) */
	fields?: MagicLinkRecord;
	/** a row slave (e.g. GLJournal with GLJournalRow rows) */
	rowName?: string;
	rows?: MagicLinkRecord[];
}

export interface MagicLinkData {
	master: { name: string; attributes?: Record<string, string>; fields: MagicLinkRecord };
	slaves?: MagicLinkSlave[];
}

function requireName(value: unknown, field: string): string {
	if (typeof value !== 'string' || !NAME.test(value)) throw new MagoInputError(field, `expected an XML element name like DocNo, got ${shown(value)}`);
	return value;
}

function fieldText(value: unknown, field: string): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || /e/i.test(String(value))) throw new MagoInputError(field, `expected a plain number, got ${value}`);
		return String(value);
	}
	if (typeof value !== 'string') throw new MagoInputError(field, `expected text or a number, got ${shown(value)}`);
	return value;
}

function attributesText(attributes: Record<string, string> | undefined, field: string): string {
	return Object.entries(attributes ?? {})
		.map(([k, v]) => ` ${requireName(k, `${field}.attributes`)}="${escapeAttribute(fieldText(v, `${field}.attributes.${k}`))}"`)
		.join('');
}

function recordXml(record: MagicLinkRecord, indent: string, field: string): string {
	if (!record || typeof record !== 'object' || Array.isArray(record)) throw new MagoInputError(field, 'expected an object of field names and values');
	return Object.entries(record)
		.map(([k, v]) => `${indent}<maxs:${requireName(k, field)}>${escapeText(fieldText(v, `${field}.${k}`))}</maxs:${k}>\n`)
		.join('');
}

function open(target: MagicLinkTarget): { start: string; end: string } {
	const e = magicLinkEnvelope(target);
	return {
		start: `<?xml version="1.0"?>\n<maxs:${e.root} tbNamespace="${e.tbNamespace}" xTechProfile="${e.profile}" xmlns:maxs="${e.schemaNamespace}">\n`,
		end: `</maxs:${e.root}>\n`,
	};
}

/** The XML of a GetData call: the search fields in the default dialog and group, as the samples write them. */
export function magicLinkParametersXml(target: MagicLinkTarget, fields: MagicLinkRecord, titles: { dialog?: string; group?: string } = {}): string {
	const { start, end } = open(target);
	if (!fields || Object.keys(fields).length === 0) throw new MagoInputError('parameters', 'give at least one search field (e.g. DocNo)');
	return (
		start +
		'    <maxs:Parameters>\n' +
		`        <maxs:DefaultDialog title="${escapeAttribute(titles.dialog ?? 'Ricerca campi')}">\n` +
		`            <maxs:DefaultGroup title="${escapeAttribute(titles.group ?? 'Gruppo di ricerca')}">\n` +
		recordXml(fields, '                ', 'parameters') +
		'            </maxs:DefaultGroup>\n' +
		'        </maxs:DefaultDialog>\n' +
		'    </maxs:Parameters>\n' +
		end
	);
}

/** The XML of a SetData call: the master record (master="true") and its slaves. */
export function magicLinkDataXml(target: MagicLinkTarget, data: MagicLinkData): string {
	const { start, end } = open(target);
	if (!data?.master) throw new MagoInputError('master', 'the document needs its master record');
	const masterName = requireName(data.master.name, 'master.name');
	let xml = `${start}    <maxs:Data>\n        <maxs:${masterName} master="true"${attributesText(data.master.attributes, 'master')}>\n${recordXml(data.master.fields, '            ', 'master.fields')}        </maxs:${masterName}>\n`;
	(data.slaves ?? []).forEach((s, i) => {
		const at = `slaves[${i}]`;
		const name = requireName(s?.name, `${at}.name`);
		if ((s.fields !== undefined) === (s.rows !== undefined)) throw new MagoInputError(at, 'give either fields (a one-record slave) or rowName and rows');
		xml += `        <maxs:${name}${attributesText(s.attributes, at)}>\n`;
		if (s.fields) xml += recordXml(s.fields, '            ', `${at}.fields`);
		else {
			const rowName = requireName(s.rowName, `${at}.rowName`);
			if (!Array.isArray(s.rows)) throw new MagoInputError(`${at}.rows`, 'expected a list of rows');
			s.rows.forEach((r, j) => (xml += `            <maxs:${rowName}>\n${recordXml(r, '                ', `${at}.rows[${j}]`)}            </maxs:${rowName}>\n`));
		}
		xml += `        </maxs:${name}>\n`;
	});
	return `${xml}    </maxs:Data>\n${end}`;
}

export interface MagicLinkDocument {
	tbNamespace: string;
	profile: string;
	schemaNamespace: string;
	data?: MagicLinkData;
	parameters?: MagicLinkRecord;
}

function attributesOf(el: XmlElement, skip: string[] = []): Record<string, string> | undefined {
	const list = el.attributes.filter((a) => !a.name.startsWith('xmlns') && !skip.includes(a.local));
	return list.length ? Object.fromEntries(list.map((a) => [a.local, a.value])) : undefined;
}

function recordOf(el: XmlElement, at: string): MagicLinkRecord {
	const out: MagicLinkRecord = {};
	for (const c of el.children) {
		if (c.children.length) throw new MagoCloudError(`MagicLink record ${at}: field ${c.local} holds elements, expected text`, '');
		Object.defineProperty(out, c.local, { value: c.text, enumerable: true, writable: true, configurable: true });
	}
	return out;
}

/** The parsed document, or the parser's own error returned (not thrown) so the caller words it. */
function safeXml(xml: string | Uint8Array, maxBytes: number): XmlDocument | XmlParseError {
	try {
		return parseXml(xml, { maxBytes });
	} catch (e) {
		if (e instanceof XmlParseError) return e;
		return new XmlParseError('syntax', String((e as Error)?.message ?? e));
	}
}

/** Reads MagicLink XML (an answer of GetData, or a document built here) into the same shape magicLinkDataXml writes. */
export function readMagicLinkXml(xml: string | Uint8Array, maxBytes = 10 * 1024 * 1024): MagicLinkDocument {
	const parsed = safeXml(xml, maxBytes);
	if (parsed instanceof XmlParseError) throw new MagoCloudError(`MagoCloud answered MagicLink XML that cannot be read safely: ${parsed.message}`, parsed.message);
	const root = parsed.root;
	const attr = (name: string) => root.attributes.find((a) => a.local === name)?.value ?? '';
	const doc: MagicLinkDocument = { tbNamespace: attr('tbNamespace'), profile: attr('xTechProfile'), schemaNamespace: root.namespace };
	for (const section of root.children) {
		if (section.local === 'Data') {
			const masterEl = section.children.find((c) => c.attributes.some((a) => a.local === 'master' && a.value === 'true'));
			if (!masterEl) throw new MagoCloudError('MagicLink data without a master record (master="true")', '');
			const slaves: MagicLinkSlave[] = [];
			for (const el of section.children) {
				if (el === masterEl) continue;
				const isRows = el.children.length > 0 && el.children.every((c) => c.children.length > 0);
				const slave: MagicLinkSlave = { name: el.local, ...(attributesOf(el) ? { attributes: attributesOf(el) } : {}) };
				if (isRows) {
					const rowName = el.children[0].local;
					if (el.children.some((c) => c.local !== rowName)) throw new MagoCloudError(`MagicLink slave ${el.local} mixes row kinds`, '');
					slave.rowName = rowName;
					slave.rows = el.children.map((c, j) => recordOf(c, `${el.local}[${j}]`));
				} else slave.fields = recordOf(el, el.local);
				slaves.push(slave);
			}
			doc.data = { master: { name: masterEl.local, ...(attributesOf(masterEl, ['master']) ? { attributes: attributesOf(masterEl, ['master']) } : {}), fields: recordOf(masterEl, masterEl.local) }, slaves };
		} else if (section.local === 'Parameters') {
			const group = section.children[0]?.children[0];
			doc.parameters = group ? recordOf(group, 'Parameters') : {};
		}
	}
	return doc;
}

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

export interface TbServerCall {
	/** the TBSERVER URL from the gateway mapper, with its trailing slash */
	tbServerUrl: string;
	token: string;
	keys: ProducerKeys;
	subscriptionKey: string;
	/** the Mago user name (loginName) */
	loginName: string;
	/** the application date sent in Server-Info */
	applicationDate: Date;
}

function runRestFunction(call: TbServerCall, ns: string, args: Record<string, unknown>): JsonRequest {
	const url = `${baseUrlOf(call.tbServerUrl, 'tbServerUrl')}/tbserver/api/tb/document/runRestFunction/`;
	if (typeof call.loginName !== 'string' || call.loginName.trim() === '') throw new MagoInputError('loginName', 'the Mago user name is required');
	return { method: 'POST', url, headers: tbServerHeaders(call.token, call.keys, call.subscriptionKey, call.applicationDate), body: { ns, args: { ...args, loginName: call.loginName.trim() } } };
}

/** A MagicLink read: GetDataRest with the parameters XML. */
export function getDataRestRequest(call: TbServerCall, parametersXml: string, useApproximation = true): JsonRequest {
	if (typeof parametersXml !== 'string' || !parametersXml.includes('Parameters')) throw new MagoInputError('parameters', 'expected MagicLink parameters XML (see magicLinkParametersXml)');
	return runRestFunction(call, GET_DATA_REST, { param: base64(parametersXml), useApproximation });
}

/** A MagicLink write: SetDataRest with the data XML (function name by analogy, see the file comment). */
export function setDataRestRequest(call: TbServerCall, dataXml: string): JsonRequest {
	if (typeof dataXml !== 'string' || !dataXml.includes('master="true"')) throw new MagoInputError('data', 'expected MagicLink data XML with a master record (see magicLinkDataXml)');
	return runRestFunction(call, SET_DATA_REST, { param: base64(dataXml) });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The documents of a GetDataRest answer, decoded from base64 and read safely. */
export function readGetDataRestAnswer(answer: unknown, maxBytes = 10 * 1024 * 1024): MagicLinkDocument[] {
	assertMagoSuccess(answer, 'MagicLink GetData');
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw new MagoCloudError(`MagoCloud MagicLink GetData answered ${shown(answer)}, expected an object`, '');
	const a = answer as Record<string, unknown>;
	if (a.retVal === false) throw new MagoCloudError('MagoCloud MagicLink GetData failed: retVal false', '');
	const result = a.result ?? [];
	if (!Array.isArray(result)) throw new MagoCloudError(`MagoCloud MagicLink GetData answered result ${shown(result)}, expected a list`, '');
	return result.map((item, i) => {
		const text = typeof item === 'string' ? item.replace(/\s+/g, '') : '';
		if (!BASE64.test(text) || text.length % 4 !== 0) throw new MagoCloudError(`MagoCloud MagicLink GetData result[${i}] is not base64`, '');
		if ((text.length / 4) * 3 > maxBytes) throw new MagoCloudError(`MagoCloud MagicLink GetData result[${i}] is larger than ${maxBytes} bytes`, '');
		return readMagicLinkXml(new Uint8Array(Buffer.from(text, 'base64')), maxBytes);
	});
}

/** A SetDataRest answer: success, or the vendor's failure (success false, Result false or retVal false). */
export function readSetDataRestAnswer(answer: unknown): { saved: true; result: unknown } {
	assertMagoSuccess(answer, 'MagicLink SetData');
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw new MagoCloudError(`MagoCloud MagicLink SetData answered ${shown(answer)}, expected an object`, '');
	const a = answer as Record<string, unknown>;
	if (a.retVal === false) throw new MagoCloudError('MagoCloud MagicLink SetData did not save the document (retVal false)', '');
	return { saved: true, result: a.result };
}
