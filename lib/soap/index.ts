/**
 * The shared SOAP layer (no n8n import): SOAP 1.1 envelopes written with xmlbuilder2, replies and
 * faults read with the safe XML parser, a WSDL 1.1 reader, and one error class per failure.
 */
export { SoapError, SoapFaultError, SoapReplyError, SoapRequestError, WsdlError, type SoapErrorKind } from './errors';
export { buildEnvelope, soapRequest, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, type EnvelopeInput, type SoapRequest, type SoapValue } from './envelope';
export { readSoapReply, childText, requiredText, type ReadReplyOptions, type SoapReply } from './reply';
export { parseWsdl, WSDL_NS, XSD_NS, type ParseWsdlOptions, type WsdlDocument, type WsdlMessageInfo, type WsdlOperation, type WsdlParameter, type WsdlPort, type WsdlService } from './wsdl';
export { childElements, firstChild, attribute, deepText, isNil, parseTree, DEFAULT_REPLY_MAX_BYTES, DEFAULT_WSDL_MAX_BYTES, DEFAULT_MAX_DEPTH, type ReadLimits } from './tree';
