import type { XmlElement } from '../xml';
import { SoapFaultError, SoapReplyError } from './errors';
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from './envelope';
import { deepText, DEFAULT_REPLY_MAX_BYTES, firstChild, parseTree, type ReadLimits } from './tree';

export interface ReadReplyOptions extends ReadLimits {
	/** the operation the reply answers, named in every error */
	operation?: string;
	/** local name the body's element must have (e.g. 'GetDataResponse'); checked when given */
	expect?: string;
}

export interface SoapReply {
	soapVersion: '1.1' | '1.2';
	/** the first element inside soap:Body: the operation's response element */
	response: XmlElement;
	header?: XmlElement;
}

/**
 * Reads a SOAP reply. A Fault becomes a SoapFaultError naming the operation and the fault string;
 * anything that is not a SOAP envelope (an HTML error page, truncated XML, a DTD) a SoapReplyError.
 */
export function readSoapReply(xml: string | Uint8Array, options: ReadReplyOptions = {}): SoapReply {
	const { operation } = options;
	const root = parseTree(xml, options, DEFAULT_REPLY_MAX_BYTES, (reason) => new SoapReplyError(operation, reason));
	const soapVersion = root.namespace === SOAP11_ENVELOPE_NS ? '1.1' : root.namespace === SOAP12_ENVELOPE_NS ? '1.2' : undefined;
	if (root.local !== 'Envelope' || !soapVersion) {
		const what = root.local.toLowerCase() === 'html' ? 'an HTML page' : `<${root.name}>${root.namespace ? ` in namespace ${root.namespace}` : ''}`;
		throw new SoapReplyError(operation, `expected a SOAP Envelope, got ${what}`);
	}
	const ns = root.namespace;
	const body = firstChild(root, 'Body', ns);
	if (!body) throw new SoapReplyError(operation, 'the Envelope has no Body');
	const header = firstChild(root, 'Header', ns);
	const fault = firstChild(body, 'Fault', ns);
	if (fault) throw new SoapFaultError(operation, soapVersion === '1.1' ? fault11(fault) : fault12(fault));
	const response = body.children[0];
	if (!response) throw new SoapReplyError(operation, 'the Body is empty');
	if (options.expect && response.local !== options.expect) throw new SoapReplyError(operation, `expected <${options.expect}> in the Body, got <${response.local}>`);
	return { soapVersion, response, header };
}

// SOAP 1.1 fault children are unqualified; some stacks qualify them anyway, so match by local name.
function fault11(fault: XmlElement) {
	const text = (name: string) => {
		const el = firstChild(fault, name);
		return el ? deepText(el) : undefined;
	};
	return { faultCode: text('faultcode') ?? '', faultString: text('faultstring') ?? '', faultActor: text('faultactor'), detail: text('detail') || undefined };
}

function fault12(fault: XmlElement) {
	const code = firstChild(fault, 'Code');
	const codes: string[] = [];
	for (let c: XmlElement | undefined = code; c && codes.length < 8; c = firstChild(c, 'Subcode')) {
		const value = firstChild(c, 'Value');
		if (value) codes.push(value.text.trim());
	}
	const reason = firstChild(fault, 'Reason');
	const texts = reason ? reason.children.filter((c) => c.local === 'Text') : [];
	const english = texts.find((t) => t.attributes.some((a) => a.local === 'lang' && a.value.toLowerCase().startsWith('en'))) ?? texts[0];
	const detail = firstChild(fault, 'Detail');
	const role = firstChild(fault, 'Role');
	return { faultCode: codes.join(' / '), faultString: english ? deepText(english) : '', faultActor: role ? deepText(role) : undefined, detail: detail ? deepText(detail) || undefined : undefined };
}

/** The text of a response's child, e.g. resultText(reply.response, 'LoginCompactResult'); undefined when absent. */
export function childText(el: XmlElement, local: string): string | undefined {
	return firstChild(el, local)?.text;
}

/** The text of a required child, or a SoapReplyError naming it. */
export function requiredText(el: XmlElement, local: string, operation?: string): string {
	const child = firstChild(el, local);
	if (!child) throw new SoapReplyError(operation, `<${el.local}> has no <${local}>`);
	return child.text;
}
