/** Mago4 on-premise MagicLink SOAP: requests, replies, return codes in words, sessions, documents as items, FatturaPA conversion (no n8n import). */
export { LOGIN_RETURN_CODES, explainMagoCode, MagoError, MagoDocumentError } from './errors';
export { magoEndpoints, loginCompactRequest, logOffRequest, getDataRequest, setDataRequest, xmlGetParametersRequest, LOGIN_MANAGER_NS, TB_SERVICES_NS, type MagoRequest, type LoginCompactInput, type GetDataInput, type SetDataInput, type XmlGetParametersInput } from './request';
export { readLoginCompactReply, readLogOffReply, readGetDataReply, readSetDataReply, requirePosted, readXmlGetParametersReply, type MagoSession, type SetDataOutcome } from './reply';
export { withSession } from './session';
export { MAGO_ENUMS, decodeEnum, encodeEnum, enumName, enumValue, type MagoEnum, type EnumTable } from './enums';
export { MAGO_DOCUMENTS, readProfile, readDocuments, buildDocumentXml, buildParametersXml, schemaNamespace, type MagoDocument, type MagoFields, type MagoProfile, type MagoProfileDbt, type MapOptions } from './documents';
export { magoSaleDocumentToFattura, type MagoInvoiceOptions, type ConvertedInvoice, type TaxCodeEntry } from './convert';
