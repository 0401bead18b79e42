/**
 * What can go wrong talking SOAP, each with its own class so a caller (or an n8n node) can tell
 * "the server said no" (a fault) from "the server said something unreadable" (a malformed reply)
 * from "we were asked to send something that cannot be sent" (a bad request value).
 */
export type SoapErrorKind = 'fault' | 'malformed-reply' | 'bad-request' | 'wsdl';

export class SoapError extends Error {
	readonly kind: SoapErrorKind;
	/** the SOAP operation the message was for, when known */
	readonly operation?: string;

	constructor(kind: SoapErrorKind, message: string, operation?: string) {
		super(message);
		this.name = 'SoapError';
		this.kind = kind;
		this.operation = operation;
	}
}

/** The server answered with a SOAP Fault: its code and string are the server's own words. */
export class SoapFaultError extends SoapError {
	readonly faultCode: string;
	readonly faultString: string;
	readonly faultActor?: string;
	/** the text of the <detail> element, when the fault has one */
	readonly detail?: string;

	constructor(operation: string | undefined, fault: { faultCode: string; faultString: string; faultActor?: string; detail?: string }) {
		const where = operation ? `SOAP operation ${operation}` : 'SOAP call';
		const code = fault.faultCode ? ` (fault code ${fault.faultCode})` : '';
		super('fault', `${where} failed${code}: ${fault.faultString || 'the server sent a fault without a fault string'}`, operation);
		this.name = 'SoapFaultError';
		this.faultCode = fault.faultCode;
		this.faultString = fault.faultString;
		this.faultActor = fault.faultActor;
		this.detail = fault.detail;
	}
}

/** The reply is not a SOAP envelope we can read (not XML, too large, no Body, wrong shape). */
export class SoapReplyError extends SoapError {
	constructor(operation: string | undefined, reason: string) {
		super('malformed-reply', `${operation ? `SOAP operation ${operation}` : 'SOAP call'}: the reply is not a readable SOAP message: ${reason}`, operation);
		this.name = 'SoapReplyError';
	}
}

/** A value we were asked to put in a request cannot be written (bad name, forbidden character). */
export class SoapRequestError extends SoapError {
	/** the parameter's path, e.g. 'parameters.pDTFROM' */
	readonly field: string;

	constructor(operation: string | undefined, field: string, expected: string) {
		super('bad-request', `${operation ? `SOAP operation ${operation}` : 'SOAP request'}: ${field}: ${expected}`, operation);
		this.name = 'SoapRequestError';
		this.field = field;
	}
}

/** The WSDL cannot be read, or lacks what was asked of it. */
export class WsdlError extends SoapError {
	constructor(message: string, operation?: string) {
		super('wsdl', `WSDL: ${message}`, operation);
		this.name = 'WsdlError';
	}
}
