import { soapRequest, SoapRequestError, type SoapRequest, type SoapValue } from '../soap';

/**
 * MagicLink SOAP requests to a Mago4 on-premise installation. Operation names, parameter order,
 * namespaces and SOAPActions are those of the vendor WSDLs (../shared/specs/mago4/wsdl/
 * LoginManager.wsdl and TbServices.wsdl, Mago4 3.4, .NET asmx, document/literal); a test checks
 * every builder against them.
 */
export const LOGIN_MANAGER_NS = 'http://microarea.it/LoginManager/';
export const TB_SERVICES_NS = 'http://microarea.it/TbServices/';

export interface MagoRequest extends SoapRequest {
	operation: string;
	/** the service the request goes to */
	service: 'LoginManager' | 'TbServices';
}

/** http://{server}/{instance}/LoginManager/LoginManager.asmx and …/TbServices/TbServices.asmx */
export function magoEndpoints(serverUrl: string, instance = 'Mago4'): { loginManager: string; tbServices: string } {
	const base = urlOf(serverUrl);
	if (!base) throw new SoapRequestError(undefined, 'serverUrl', `expected the Mago4 server URL, e.g. http://mago-server, got ${JSON.stringify(serverUrl)}`);
	if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new SoapRequestError(undefined, 'serverUrl', `expected an http or https URL, got ${base.protocol}`);
	if (!/^[A-Za-z0-9_.-]+$/.test(instance)) throw new SoapRequestError(undefined, 'instance', `expected the Mago instance name (default Mago4), got ${JSON.stringify(instance)}`);
	const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}/${instance}`;
	return { loginManager: `${root}/LoginManager/LoginManager.asmx`, tbServices: `${root}/TbServices/TbServices.asmx` };
}

function urlOf(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

function request(service: MagoRequest['service'], operation: string, parameters: Array<[string, SoapValue]>): MagoRequest {
	const namespace = service === 'LoginManager' ? LOGIN_MANAGER_NS : TB_SERVICES_NS;
	return { ...soapRequest({ operation, namespace, parameters, soapAction: `${namespace}${operation}` }), operation, service };
}

function text(operation: string, field: string, value: unknown, required = true): string {
	if (typeof value !== 'string' || (required && value === '')) throw new SoapRequestError(operation, field, 'expected a non-empty text');
	return value;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** xs:dateTime for MagicLink's applicationDate: the day the ERP works on, at midnight, no time zone. */
function applicationDate(operation: string, value: unknown): string {
	const m = typeof value === 'string' ? DATE.exec(value) : null;
	if (!m) throw new SoapRequestError(operation, 'applicationDate', `expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) throw new SoapRequestError(operation, 'applicationDate', `${value} is not a calendar date`);
	return `${value}T00:00:00`;
}

function integer(operation: string, field: string, value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw new SoapRequestError(operation, field, `expected a 32-bit integer, got ${JSON.stringify(value)}`);
	return value;
}

export interface LoginCompactInput {
	userName: string;
	companyName: string;
	password: string;
	/** the Producer Key Microarea issues to the integrating software */
	producerKey: string;
	/** take over a session the same user left open; default false */
	overWriteLogin?: boolean;
}

export function loginCompactRequest(input: LoginCompactInput): MagoRequest {
	const op = 'LoginCompact';
	return request('LoginManager', op, [
		['userName', text(op, 'userName', input.userName)],
		['companyName', text(op, 'companyName', input.companyName)],
		['password', text(op, 'password', input.password, false)],
		['askingProcess', text(op, 'producerKey', input.producerKey)],
		['overWriteLogin', input.overWriteLogin === true],
	]);
}

export function logOffRequest(authenticationToken: string): MagoRequest {
	return request('LoginManager', 'LogOff', [['authenticationToken', text('LogOff', 'authenticationToken', authenticationToken)]]);
}

export interface GetDataInput {
	authenticationToken: string;
	/** the MagicLink parameters XML (<maxs:{Doc} …><maxs:Parameters>…), e.g. from buildParametersXml */
	parameters: string;
	/** YYYY-MM-DD */
	applicationDate: string;
	/** default 0, resultType default 1, formatType default 0: the values Microarea's own client passes */
	loadAction?: number;
	resultType?: number;
	formatType?: number;
	/** default true */
	useApproximation?: boolean;
}

export function getDataRequest(input: GetDataInput): MagoRequest {
	const op = 'GetData';
	return request('TbServices', op, [
		['authenticationToken', text(op, 'authenticationToken', input.authenticationToken)],
		['parameters', text(op, 'parameters', input.parameters)],
		['applicationDate', applicationDate(op, input.applicationDate)],
		['loadAction', integer(op, 'loadAction', input.loadAction ?? 0)],
		['resultType', integer(op, 'resultType', input.resultType ?? 1)],
		['formatType', integer(op, 'formatType', input.formatType ?? 0)],
		['useApproximation', input.useApproximation !== false],
	]);
}

export interface SetDataInput {
	authenticationToken: string;
	/** the MagicLink data XML (<maxs:{Doc} …><maxs:Data>…), e.g. from buildDocumentXml */
	data: string;
	applicationDate: string;
	/** 0 = insert or update (the only value the vendor samples use) */
	postingAction?: number;
	useApproximation?: boolean;
}

export function setDataRequest(input: SetDataInput): MagoRequest {
	const op = 'SetData';
	return request('TbServices', op, [
		['authenticationToken', text(op, 'authenticationToken', input.authenticationToken)],
		['data', text(op, 'data', input.data)],
		['applicationDate', applicationDate(op, input.applicationDate)],
		['postingAction', integer(op, 'postingAction', input.postingAction ?? 0)],
		['useApproximation', input.useApproximation !== false],
	]);
}

export interface XmlGetParametersInput {
	authenticationToken: string;
	/** <maxs:{Doc} tbNamespace=… xTechProfile=…> naming the document and profile whose filters are wanted */
	parameters: string;
	applicationDate: string;
	useApproximation?: boolean;
}

export function xmlGetParametersRequest(input: XmlGetParametersInput): MagoRequest {
	const op = 'XmlGetParameters';
	return request('TbServices', op, [
		['authenticationToken', text(op, 'authenticationToken', input.authenticationToken)],
		['parameters', text(op, 'parameters', input.parameters)],
		['applicationDate', applicationDate(op, input.applicationDate)],
		['useApproximation', input.useApproximation !== false],
	]);
}
