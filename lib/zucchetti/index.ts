/** Zucchetti Infinity SOAP: request builders, reply readers, WSDL parameters, FatturaPA conversion (no n8n import). */
export { buildZucchettiRequest, zucchettiEndpoint, zucchettiNamespace, zucchettiOperation, CREDENTIAL_FIELDS, type ZucchettiCredentials, type ZucchettiKind, type ZucchettiParameterValue, type ZucchettiRequest, type ZucchettiRequestInput } from './request';
export { readQueryReply, readRunReply, parseRoutineResult, type RoutineResult, type ZucchettiRecord } from './reply';
export { zucchettiServiceInfo, type ZucchettiServiceInfo } from './wsdl';
export { zucchettiSalesDocumentToFattura, ZucchettiConvertError, type ZucchettiInvoiceMapping, type ZucchettiInvoiceOptions } from './convert';
