import { deepText, firstChild, isNil, parseTree, readSoapReply, SoapReplyError, type ReadLimits } from '../soap';
import { MagoError } from './errors';

export interface MagoSession {
	authenticationToken: string;
	/** as Mago spells them (LoginCompact hands both back) */
	userName: string;
	companyName: string;
}

function integerOf(operation: string, text: string | undefined, field: string): number {
	const t = (text ?? '').trim();
	if (!/^-?\d{1,10}$/.test(t)) throw new SoapReplyError(operation, `<${field}> is ${text === undefined ? 'missing' : JSON.stringify(t.slice(0, 40))}, expected an integer`);
	return Number(t);
}

function booleanOf(operation: string, text: string | undefined, field: string): boolean {
	const t = (text ?? '').trim();
	if (t === 'true' || t === '1') return true;
	if (t === 'false' || t === '0') return false;
	throw new SoapReplyError(operation, `<${field}> is ${text === undefined ? 'missing' : JSON.stringify(t.slice(0, 40))}, expected true or false`);
}

/** LoginCompact's reply: the session, or MagoError "Mago4 error 13: wrong user name or password …". */
export function readLoginCompactReply(xml: string | Uint8Array, limits: ReadLimits = {}): MagoSession {
	const op = 'LoginCompact';
	const { response } = readSoapReply(xml, { ...limits, operation: op, expect: 'LoginCompactResponse' });
	const code = integerOf(op, firstChild(response, 'LoginCompactResult')?.text, 'LoginCompactResult');
	if (code !== 0) throw new MagoError(op, code);
	const token = firstChild(response, 'authenticationToken')?.text.trim() ?? '';
	if (token === '') throw new SoapReplyError(op, 'LoginCompactResult is 0 but there is no authenticationToken');
	return { authenticationToken: token, userName: firstChild(response, 'userName')?.text ?? '', companyName: firstChild(response, 'companyName')?.text ?? '' };
}

export function readLogOffReply(xml: string | Uint8Array, limits: ReadLimits = {}): void {
	readSoapReply(xml, { ...limits, operation: 'LogOff', expect: 'LogOffResponse' });
}

/** GetData's string[]: one MagicLink XML document (or page) per entry; nil entries are dropped. */
export function readGetDataReply(xml: string | Uint8Array, limits: ReadLimits = {}): string[] {
	const op = 'GetData';
	const { response } = readSoapReply(xml, { ...limits, operation: op, expect: 'GetDataResponse' });
	const result = firstChild(response, 'GetDataResult');
	if (!result) return [];
	return result.children.filter((c) => c.local === 'string' && !isNil(c) && c.text.trim() !== '').map((c) => c.text);
}

export interface SetDataOutcome {
	/** SetDataResult: Mago posted the document */
	posted: boolean;
	/** the result XML Mago hands back (the posted document with its assigned keys, or what went wrong) */
	result: string;
}

export function readSetDataReply(xml: string | Uint8Array, limits: ReadLimits = {}): SetDataOutcome {
	const op = 'SetData';
	const { response } = readSoapReply(xml, { ...limits, operation: op, expect: 'SetDataResponse' });
	return { posted: booleanOf(op, firstChild(response, 'SetDataResult')?.text, 'SetDataResult'), result: firstChild(response, 'result')?.text ?? '' };
}

/**
 * SetData's outcome as a result or an error: when Mago answers false, MagoError carries what its
 * result says (the text of the XML, capped), since MagicLink gives no code for it.
 */
export function requirePosted(outcome: SetDataOutcome): string {
	if (outcome.posted) return outcome.result;
	let reason = outcome.result.trim();
	if (reason.startsWith('<')) {
		try {
			reason = deepText(parseTree(reason, { maxBytes: 1024 * 1024 }, 1024 * 1024, (r) => new Error(r)), 1000) || reason;
		} catch {
			// not XML after all: show it as it is
		}
	}
	throw new MagoError('SetData', undefined, `Mago did not post the document${reason ? `: ${reason.slice(0, 1000)}` : ' and gave no reason'}`);
}

export function readXmlGetParametersReply(xml: string | Uint8Array, limits: ReadLimits = {}): string {
	const op = 'XmlGetParameters';
	const { response } = readSoapReply(xml, { ...limits, operation: op, expect: 'XmlGetParametersResponse' });
	return firstChild(response, 'XmlGetParametersResult')?.text ?? '';
}
