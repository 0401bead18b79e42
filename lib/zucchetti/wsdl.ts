import type { WsdlDocument, WsdlParameter } from '../soap';
import { CREDENTIAL_FIELDS, zucchettiOperation, type ZucchettiKind } from './request';

export interface ZucchettiServiceInfo {
	operation: string;
	namespace: string;
	soapAction: string;
	/** the SOAP 1.1 address the WSDL gives (often an internal host name: the credential's base URL is what to call) */
	address?: string;
	/** the query's or routine's own parameters, in order, without the credential fields */
	parameters: WsdlParameter[];
	/** which credential fields this installation's service declares (m_Instance only on some) */
	credentialFields: string[];
	/** the columns of a query's records, when the WSDL types them */
	columns?: WsdlParameter[];
}

/** What the installation's ?wsdl says a query or routine takes (and, for a query, returns). */
export function zucchettiServiceInfo(wsdl: WsdlDocument, kind: ZucchettiKind, name: string): ZucchettiServiceInfo {
	const operation = zucchettiOperation(kind, name);
	const op = wsdl.operation(operation);
	const isCredential = (p: WsdlParameter) => (CREDENTIAL_FIELDS as readonly string[]).includes(p.name);
	const ret = op.output?.parameters.find((p) => p.name === 'return');
	const records = ret?.fields?.find((f) => f.name === 'Records');
	const item = (records ?? ret)?.fields?.find((f) => f.name === 'item');
	return {
		operation,
		namespace: op.input.namespace,
		soapAction: op.soapAction,
		address: wsdl.address,
		parameters: op.input.parameters.filter((p) => !isCredential(p)),
		credentialFields: op.input.parameters.filter(isCredential).map((p) => p.name),
		columns: kind === 'routine' ? undefined : item?.fields,
	};
}
