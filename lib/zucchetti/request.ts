import { soapRequest, SoapRequestError, type SoapRequest, type SoapValue, type WsdlDocument, type WsdlOperation, type WsdlParameter } from '../soap';

/**
 * Requests to a Zucchetti Infinity installation (Ad Hoc Infinity, HR Infinity, portals built on
 * Portal Studio). Every published visual query and routine is its own SOAP service; the
 * credentials travel in every body (m_UserName, m_Password, m_Company; no token, no session).
 * Shapes: ../shared/specs/zucchetti/infinity-soap-pattern.json (reconstructed from many
 * independent integrations; Zucchetti publishes no public WSDL).
 */

export type ZucchettiKind = 'query' | 'tabularQuery' | 'routine';

export interface ZucchettiCredentials {
	userName: string;
	password: string;
	/** company code, e.g. '001' or '000001' */
	company: string;
	/** sent as m_Instance when given (multi-instance installations) */
	instance?: string;
}

/** The credential fields every Infinity body carries; never listed as a query or routine parameter. */
export const CREDENTIAL_FIELDS = ['m_UserName', 'm_Password', 'm_Company', 'm_Instance'] as const;

export type ZucchettiParameterValue = string | number | boolean | Date | null | undefined;

export interface ZucchettiRequestInput {
	kind: ZucchettiKind;
	/** the query or routine name as published, e.g. 'zpcg_qscadenzecli' or 'hrut_brecvinsertrec' */
	name: string;
	credentials: ZucchettiCredentials;
	/** parameters by name ('pDTFROM'; 'DTFROM' is accepted when the WSDL shows the p-prefixed one) */
	parameters?: Record<string, ZucchettiParameterValue>;
	/** the installation's ?wsdl read with parseWsdl: its namespace, SOAPAction, parameter names and order are used */
	wsdl?: WsdlDocument;
	/** namespace override; default from the WSDL, else http://{name}.ws.localhost/ */
	namespace?: string;
	/** multi-instance installations put the instance in the namespace: http://{name}.{instance}.ws.localhost/ */
	namespaceInstance?: string;
}

export interface ZucchettiRequest extends SoapRequest {
	operation: string;
	namespace: string;
	soapAction: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function zucchettiOperation(kind: ZucchettiKind, name: string): string {
	return `${name}${kind === 'query' ? '_Query' : kind === 'tabularQuery' ? '_TabularQuery' : '_Run'}`;
}

export function zucchettiNamespace(name: string, instance?: string): string {
	return instance ? `http://${name}.${instance}.ws.localhost/` : `http://${name}.ws.localhost/`;
}

/**
 * Where the service lives under the installation's servlet base (e.g. https://host/Infinity/servlet/):
 * visual queries under SQLDataProviderServer/{query}, routines at {routine}. Add '?wsdl' for the WSDL.
 */
export function zucchettiEndpoint(servletBase: string, kind: ZucchettiKind, name: string): string {
	checkName(name, zucchettiOperation(kind, name));
	const base = urlOf(servletBase);
	if (!base) throw new SoapRequestError(undefined, 'servletBase', `expected an http(s) URL such as https://host/Infinity/servlet/, got ${JSON.stringify(servletBase)}`);
	if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new SoapRequestError(undefined, 'servletBase', `expected an http or https URL, got ${base.protocol}`);
	const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
	base.pathname = kind === 'routine' ? `${path}${name}` : `${path}SQLDataProviderServer/${name}`;
	return base.toString();
}

export function buildZucchettiRequest(input: ZucchettiRequestInput): ZucchettiRequest {
	const operation = zucchettiOperation(input.kind, input.name);
	checkName(input.name, operation);
	const c = input.credentials;
	if (!c || typeof c !== 'object') throw new SoapRequestError(operation, 'credentials', 'expected userName, password and company');
	for (const field of ['userName', 'password', 'company'] as const) {
		if (typeof c[field] !== 'string' || c[field] === '') throw new SoapRequestError(operation, `credentials.${field}`, 'expected a non-empty text');
	}
	if (c.instance !== undefined && typeof c.instance !== 'string') throw new SoapRequestError(operation, 'credentials.instance', 'expected a text');

	const wsdlOp: WsdlOperation | undefined = input.wsdl?.operation(operation);
	const namespace = input.namespace ?? wsdlOp?.input.namespace ?? input.wsdl?.targetNamespace ?? zucchettiNamespace(input.name, input.namespaceInstance);
	const soapAction = wsdlOp?.soapAction ?? '';
	const given = Object.entries(input.parameters ?? {});
	const pairs: Array<[string, SoapValue]> = [
		['m_UserName', c.userName],
		['m_Password', c.password],
		['m_Company', c.company],
	];
	if (c.instance) pairs.push(['m_Instance', c.instance]);
	for (const [name] of given) {
		if ((CREDENTIAL_FIELDS as readonly string[]).includes(name)) throw new SoapRequestError(operation, `parameters.${name}`, 'is a credential field: it comes from the credential, not from the parameters');
	}
	if (wsdlOp) {
		const declared = wsdlOp.input.parameters.filter((p) => !(CREDENTIAL_FIELDS as readonly string[]).includes(p.name));
		const byName = new Map<string, ZucchettiParameterValue>();
		for (const [name, value] of given) {
			const target = resolveName(name, declared);
			if (!target) {
				const known = declared.map((p) => p.name);
				throw new SoapRequestError(operation, `parameters.${name}`, `is not a parameter of ${operation}; the installation's WSDL lists ${known.length ? known.join(', ') : 'none'}`);
			}
			if (byName.has(target)) throw new SoapRequestError(operation, `parameters.${name}`, `given twice (as ${target} too)`);
			byName.set(target, value);
		}
		// the WSDL's sequence order, which strict servers enforce
		for (const p of declared) if (byName.has(p.name)) pairs.push([p.name, byName.get(p.name)]);
	} else {
		for (const [name, value] of given) pairs.push([name, value]);
	}
	const request = soapRequest({ operation, namespace, parameters: pairs, soapAction });
	return { ...request, operation, namespace, soapAction };
}

function urlOf(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

function resolveName(name: string, declared: WsdlParameter[]): string | undefined {
	if (declared.some((p) => p.name === name)) return name;
	if (declared.some((p) => p.name === `p${name}`)) return `p${name}`;
	return undefined;
}

function checkName(name: string, operation: string): void {
	if (typeof name !== 'string' || !NAME.test(name)) throw new SoapRequestError(operation, 'name', `expected the published query or routine name (letters, digits, _), got ${JSON.stringify(name)}`);
}
