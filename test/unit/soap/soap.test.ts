/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { parseXml } from '../../../lib/xml';
import { buildEnvelope, parseWsdl, readSoapReply, soapRequest, SoapFaultError, SoapReplyError, SoapRequestError, WsdlError, XSD_NS, type WsdlParameter } from '../../../lib/soap';
import { describeWithSpec, specPath } from '../../helpers/specs';

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const TB = 'http://microarea.it/TbServices/';

function thrown(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected an error');
}

describe('SOAP envelope', () => {
	it('puts the call in Body, its children in the service namespace, in the order given', () => {
		const xml = buildEnvelope({ operation: 'GetData', namespace: TB, parameters: [['authenticationToken', 'T1'], ['loadAction', 0], ['useApproximation', true], ['applicationDate', new Date('2025-01-02T03:04:05Z')]] });
		const root = parseXml(xml).root;
		expect(root.local).toBe('Envelope');
		expect(root.namespace).toBe(ENV);
		const call = root.children.find((c) => c.local === 'Body')!.children[0];
		expect(call.local).toBe('GetData');
		expect(call.namespace).toBe(TB);
		expect(call.children.map((c) => [c.local, c.namespace, c.text])).toEqual([
			['authenticationToken', TB, 'T1'],
			['loadAction', TB, '0'],
			['useApproximation', TB, 'true'],
			['applicationDate', TB, '2025-01-02T03:04:05.000Z'],
		]);
	});

	it('escapes markup in values, so an XML payload travels as text and reads back unchanged', () => {
		const payload = '<maxs:Data a="1">A &amp; B &lt; &#38; ]]></maxs:Data>';
		const xml = buildEnvelope({ operation: 'SetData', namespace: TB, parameters: { data: payload } });
		const call = parseXml(xml).root.children[1].children[0];
		expect(call.children[0].text).toBe(payload);
	});

	it('writes lists as repeated elements, objects as nested ones, null as xsi:nil, and leaves undefined out', () => {
		const xml = buildEnvelope({ operation: 'Op', namespace: 'urn:x', qualified: false, parameters: { a: ['1', '2'], b: { c: 'x' }, d: null, e: undefined } });
		const call = parseXml(xml).root.children[1].children[0];
		expect(call.children.map((c) => c.local)).toEqual(['a', 'a', 'b', 'd']);
		expect(call.children[0].namespace).toBe('');
		expect(call.children[2].children[0].text).toBe('x');
		expect(call.children[3].attributes.find((a) => a.local === 'nil')?.value).toBe('true');
	});

	it('refuses a value XML cannot carry, naming the parameter and the character (not the value)', () => {
		const e = thrown(() => buildEnvelope({ operation: 'LoginCompact', namespace: TB, parameters: { password: 'se\u0001cret' } }));
		expect(e).toBeInstanceOf(SoapRequestError);
		expect(e.message).toBe('SOAP operation LoginCompact: parameters.password: contains the character U+0001, which XML cannot carry');
		expect(e.message).not.toContain('secret');
	});

	it('refuses a parameter name that is not an XML name, and a non-finite number', () => {
		expect(thrown(() => buildEnvelope({ operation: 'Op', namespace: 'urn:x', parameters: { 'a b': '1' } })).message).toContain('parameters.a b: expected an XML element name');
		expect(thrown(() => buildEnvelope({ operation: 'Op', namespace: 'urn:x', parameters: { n: NaN } })).message).toContain('parameters.n: expected a finite number');
	});

	it('gives SOAP 1.1 headers: text/xml and a quoted SOAPAction ("" when there is none)', () => {
		expect(soapRequest({ operation: 'Op', namespace: 'urn:x', soapAction: 'urn:x/Op' })).toMatchObject({ contentType: 'text/xml; charset=utf-8', soapActionHeader: '"urn:x/Op"' });
		expect(soapRequest({ operation: 'Op', namespace: 'urn:x' }).soapActionHeader).toBe('""');
	});
});

describe('SOAP reply reader', () => {
	const ok = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ENV}"><soap:Body><LogOffResponse xmlns="http://microarea.it/LoginManager/" /></soap:Body></soap:Envelope>`;

	it('returns the response element of the Body', () => {
		const reply = readSoapReply(ok, { operation: 'LogOff', expect: 'LogOffResponse' });
		expect(reply.soapVersion).toBe('1.1');
		expect(reply.response.local).toBe('LogOffResponse');
	});

	it('turns a SOAP 1.1 fault (.NET asmx shape) into an error naming the operation and the fault string', () => {
		const fault = `<soap:Envelope xmlns:soap="${ENV}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---&gt; Invalid authentication token</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`;
		const e = thrown(() => readSoapReply(fault, { operation: 'GetData' })) as SoapFaultError;
		expect(e).toBeInstanceOf(SoapFaultError);
		expect(e.message).toBe('SOAP operation GetData failed (fault code soap:Server): Server was unable to process request. ---> Invalid authentication token');
		expect(e.faultCode).toBe('soap:Server');
		expect(e.operation).toBe('GetData');
	});

	it('reads a SOAP 1.2 fault: code, subcode and the reason text', () => {
		const fault = `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>m:BadParam</e:Value></e:Subcode></e:Code><e:Reason><e:Text xml:lang="it">Parametro errato</e:Text><e:Text xml:lang="en">Bad parameter</e:Text></e:Reason><e:Detail><x>pDTFROM</x></e:Detail></e:Fault></e:Body></e:Envelope>`;
		const e = thrown(() => readSoapReply(fault, { operation: 'q_Query' })) as SoapFaultError;
		expect(e.faultCode).toBe('e:Sender / m:BadParam');
		expect(e.faultString).toBe('Bad parameter');
		expect(e.detail).toBe('pDTFROM');
	});

	it('says an HTML error page is not a SOAP reply', () => {
		const e = thrown(() => readSoapReply('<html><body>502 Bad Gateway</body></html>', { operation: 'GetData' }));
		expect(e).toBeInstanceOf(SoapReplyError);
		expect(e.message).toBe('SOAP operation GetData: the reply is not a readable SOAP message: expected a SOAP Envelope, got an HTML page');
	});

	it('refuses truncated XML, a DTD, an empty Body and the wrong response element, each with its reason', () => {
		expect(thrown(() => readSoapReply(ok.slice(0, 80), { operation: 'LogOff' })).message).toMatch(/^SOAP operation LogOff: the reply is not a readable SOAP message: /);
		expect(thrown(() => readSoapReply(`<!DOCTYPE x [<!ENTITY a "b">]>${ok}`, { operation: 'LogOff' })).message).toContain('DOCTYPE');
		expect(thrown(() => readSoapReply(`<s:Envelope xmlns:s="${ENV}"><s:Body/></s:Envelope>`, { operation: 'LogOff' })).message).toContain('the Body is empty');
		expect(thrown(() => readSoapReply(`<s:Envelope xmlns:s="${ENV}"/>`, { operation: 'LogOff' })).message).toContain('the Envelope has no Body');
		expect(thrown(() => readSoapReply(ok, { operation: 'GetData', expect: 'GetDataResponse' })).message).toContain('expected <GetDataResponse> in the Body, got <LogOffResponse>');
	});

	it('refuses a reply over the size cap', () => {
		const big = ok.replace('/>', `>${'x'.repeat(5000)}</LogOffResponse>`);
		expect(thrown(() => readSoapReply(big, { operation: 'LogOff', maxBytes: 1000 })).message).toContain('the limit is 1000 bytes');
	});
});

describeWithSpec('mago4/wsdl', 'WSDL reader on the vendor WSDLs (Mago4 3.4, .NET asmx)', () => {
	const read = (f: string) => parseWsdl(fs.readFileSync(specPath('mago4/wsdl', f)));

	it('TbServices: target namespace, SOAP 1.1 address and all 40 operations', () => {
		const w = read('TbServices.wsdl');
		expect(w.targetNamespace).toBe(TB);
		expect(w.address).toBe('http://localhost/Mago4-3-4-0/TbServices/TbServices.asmx');
		expect(w.operations).toHaveLength(40);
		expect(w.services[0].ports.map((p) => p.soapVersion)).toEqual(['1.1', '1.2']);
	});

	it('GetData: SOAPAction and its parameters in order, with XSD types and occurrence', () => {
		const op = read('TbServices.wsdl').operation('GetData');
		expect(op.soapAction).toBe('http://microarea.it/TbServices/GetData');
		expect(op.style).toBe('document');
		expect(op.input.element).toBe('GetData');
		expect(op.input.parameters.map((p) => `${p.name}:${p.type}:${p.minOccurs}`)).toEqual([
			'authenticationToken:string:0', 'parameters:string:0', 'applicationDate:dateTime:1', 'loadAction:int:1', 'resultType:int:1', 'formatType:int:1', 'useApproximation:boolean:1',
		]);
		expect(op.input.parameters[0].typeNamespace).toBe(XSD_NS);
	});

	it('GetData returns ArrayOfString: a named complex type resolved to its repeated <string>', () => {
		const result = read('TbServices.wsdl').operation('GetData').output!.parameters[0];
		expect(result).toMatchObject({ name: 'GetDataResult', type: 'ArrayOfString', typeNamespace: TB });
		expect(result.fields).toEqual([{ name: 'string', type: 'string', typeNamespace: XSD_NS, minOccurs: 0, maxOccurs: Infinity, nillable: true }]);
	});

	it('LoginManager: LoginCompact in and out, and enumerations of simple types', () => {
		const w = read('LoginManager.wsdl');
		const op = w.operation('LoginCompact');
		expect(op.soapAction).toBe('http://microarea.it/LoginManager/LoginCompact');
		expect(op.input.parameters.map((p) => p.name)).toEqual(['userName', 'companyName', 'password', 'askingProcess', 'overWriteLogin']);
		expect(op.output!.parameters.map((p) => `${p.name}:${p.type}`)).toEqual(['LoginCompactResult:int', 'userName:string', 'companyName:string', 'authenticationToken:string']);
		const all = (ps: WsdlParameter[]): WsdlParameter[] => ps.flatMap((p) => [p, ...all(p.fields ?? [])]);
		const withEnum = all(w.operations.flatMap((o) => [...o.input.parameters, ...(o.output?.parameters ?? [])])).find((p) => p.type === 'DBMSType');
		expect(withEnum?.enumeration).toEqual(['UNKNOWN', 'SQLSERVER', 'ORACLE']);
	});

	it('EasyLookService: a tempuri.org service is read the same way', () => {
		const w = read('EasyLookService.wsdl');
		expect(w.targetNamespace).toBe('http://tempuri.org/');
		expect(w.operation('XmlExecuteReport').input.parameters.map((p) => p.name)).toContain('impersonatedUser');
	});

	it('an unknown operation is refused with the list of the ones there are', () => {
		const e = thrown(() => read('LoginManager.wsdl').operation('Login3'));
		expect(e).toBeInstanceOf(WsdlError);
		expect(e.message).toMatch(/^WSDL: operation Login3 is not in this WSDL \(http:\/\/microarea.it\/LoginManager\/\); it has [A-Za-z]+, .*… \(149 in all\)$/);
	});
});

describe('WSDL reader: what it refuses and what it cannot know', () => {
	it('refuses a document that is not WSDL 1.1', () => {
		expect(thrown(() => parseWsdl('<wsdl:description xmlns:wsdl="http://www.w3.org/ns/wsdl"/>')).message).toBe('WSDL: expected a WSDL 1.1 <definitions> element, got <wsdl:description> in namespace http://www.w3.org/ns/wsdl');
		expect(thrown(() => parseWsdl('not xml'))).toBeInstanceOf(WsdlError);
	});

	it('lists schemas imported by URL, and reads their types when the caller passes them', () => {
		const wsdl = `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="http://q.ws.localhost/" targetNamespace="http://q.ws.localhost/">
			<types><xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:import namespace="http://q.ws.localhost/" schemaLocation="http://host/q?xsd=1"/></xsd:schema></types>
			<message name="q_Query"><part name="parameters" element="tns:q_Query"/></message>
			<portType name="qWS"><operation name="q_Query"><input message="tns:q_Query"/></operation></portType>
			<binding name="qWSPortBinding" type="tns:qWS"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/><operation name="q_Query"><soap:operation soapAction=""/></operation></binding>
			<service name="qWSService"><port name="qWSPort" binding="tns:qWSPortBinding"><soap:address location="http://host/q"/></port></service></definitions>`;
		const xsd = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://q.ws.localhost/" targetNamespace="http://q.ws.localhost/"><xs:element name="q_Query" type="tns:q_Query"/><xs:complexType name="q_Query"><xs:sequence><xs:element name="m_UserName" type="xs:string" minOccurs="0"/><xs:element name="pDTFROM" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType></xs:schema>`;
		const without = parseWsdl(wsdl);
		expect(without.unresolvedSchemas).toEqual(['http://host/q?xsd=1']);
		expect(without.operation('q_Query').input.parameters).toEqual([]);
		const withSchema = parseWsdl(wsdl, { schemas: [xsd] });
		expect(withSchema.operation('q_Query').input.parameters.map((p) => p.name)).toEqual(['m_UserName', 'pDTFROM']);
		expect(withSchema.operation('q_Query').soapAction).toBe('');
	});

	it('rpc style: each part is a parameter, in the soap:body namespace', () => {
		const wsdl = `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:r" targetNamespace="urn:r">
			<message name="RunIn"><part name="pFILE" type="xsd:string"/><part name="pN" type="xsd:int"/></message>
			<portType name="P"><operation name="r_Run"><input message="tns:RunIn"/></operation></portType>
			<binding name="B" type="tns:P"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/><operation name="r_Run"><soap:operation soapAction="urn:r#run"/><input><soap:body use="literal" namespace="urn:r:body"/></input></operation></binding></definitions>`;
		const op = parseWsdl(wsdl).operation('r_Run');
		expect(op.style).toBe('rpc');
		expect(op.input.namespace).toBe('urn:r:body');
		expect(op.input.parameters.map((p) => `${p.name}:${p.type}`)).toEqual(['pFILE:string', 'pN:int']);
	});

	it('a self-referencing type does not loop', () => {
		const wsdl = `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:t" targetNamespace="urn:t"><types><s:schema xmlns:s="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"><s:element name="Op"><s:complexType><s:sequence><s:element name="node" type="tns:Node"/></s:sequence></s:complexType></s:element><s:complexType name="Node"><s:sequence><s:element name="child" type="tns:Node" minOccurs="0"/></s:sequence></s:complexType></s:schema></types>
			<message name="In"><part name="parameters" element="tns:Op"/></message><portType name="P"><operation name="Op"><input message="tns:In"/></operation></portType></definitions>`;
		const node = parseWsdl(wsdl).operation('Op').input.parameters[0];
		expect(node.fields?.[0]).toMatchObject({ name: 'child', type: 'Node' });
		expect(node.fields?.[0].fields).toBeUndefined();
	});
});

describe('WSDL reader: bounded on hostile input', () => {
	// T0 has 60 fields of type T1, T1 60 of T2 ... : expanded naively that is 60^8 parameters
	function wide(levels: number, width: number): string {
		const types = Array.from({ length: levels }, (_, i) => `<s:complexType name="T${i}"><s:sequence>${Array.from({ length: width }, (_, j) => `<s:element name="f${j}" type="${i + 1 < levels ? `tns:T${i + 1}` : 's:string'}"/>`).join('')}</s:sequence></s:complexType>`).join('');
		return `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:w" targetNamespace="urn:w"><types><s:schema xmlns:s="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:w"><s:element name="Op" type="tns:T0"/>${types}</s:schema></types>
			<message name="In"><part name="parameters" element="tns:Op"/></message><portType name="P"><operation name="Op"><input message="tns:In"/></operation></portType></definitions>`;
	}
	const count = (ps: WsdlParameter[] | undefined): number => (ps ?? []).reduce((n, p) => n + 1 + count(p.fields), 0);

	it('a type that nests wide as well as deep is expanded up to the cap and says it was cut', () => {
		const input = parseWsdl(wide(8, 60)).operation('Op').input;
		expect(input.truncated).toBe(true);
		expect(count(input.parameters)).toBeLessThanOrEqual(5000);
		expect(input.parameters).toHaveLength(60);
	});

	it('a small nested type is expanded in full, not flagged', () => {
		const input = parseWsdl(wide(3, 4)).operation('Op').input;
		expect(input.truncated).toBeUndefined();
		expect(count(input.parameters)).toBe(4 + 16 + 64);
	});
});
