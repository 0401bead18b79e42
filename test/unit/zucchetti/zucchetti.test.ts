/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { parseXml } from '../../../lib/xml';
import { parseWsdl, SoapFaultError, SoapReplyError, SoapRequestError, WsdlError } from '../../../lib/soap';
import { buildZucchettiRequest, parseRoutineResult, readQueryReply, readRunReply, zucchettiEndpoint, zucchettiServiceInfo } from '../../../lib/zucchetti';
import { describeWithSpec, specPath } from '../../helpers/specs';

const CREDS = { userName: 'wsuser', password: 'S3cret&<x>', company: '001' };
const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

/**
 * An Infinity-style WSDL for one visual query, written by us after the pattern in
 * ../shared/specs/zucchetti/infinity-soap-pattern.json (namespace http://{q}.ws.localhost/,
 * service {q}WSService, operations {q}_Query and {q}_TabularQuery, records under return/Records/item).
 * No real installation's WSDL is public: this is the shape the pattern describes, not a copy.
 */
function infinityQueryWsdl(q: string): string {
	const ns = `http://${q}.ws.localhost/`;
	const req = (op: string) => `<xs:complexType name="${op}"><xs:sequence><xs:element name="m_UserName" type="xs:string" minOccurs="0"/><xs:element name="m_Password" type="xs:string" minOccurs="0"/><xs:element name="m_Company" type="xs:string" minOccurs="0"/><xs:element name="pIDCOMPANY" type="xs:string" minOccurs="0"/><xs:element name="pDTFROM" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>`;
	const ops = [`${q}_Query`, `${q}_TabularQuery`];
	return `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${ns}" name="${q}WSService">
<types><xs:schema targetNamespace="${ns}" elementFormDefault="qualified">
${ops.map((op) => `<xs:element name="${op}" type="tns:${op}"/><xs:element name="${op}Response" type="tns:${op}Response"/>${req(op)}<xs:complexType name="${op}Response"><xs:sequence><xs:element name="return" type="tns:${q}Result" minOccurs="0"/></xs:sequence></xs:complexType>`).join('')}
<xs:complexType name="${q}Result"><xs:sequence><xs:element name="Records" minOccurs="0"><xs:complexType><xs:sequence><xs:element name="item" type="tns:${q}Record" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>
<xs:complexType name="${q}Record"><xs:sequence><xs:element name="SACODSOG" type="xs:string" minOccurs="0"/><xs:element name="SAIMPORT" type="xs:decimal" minOccurs="0"/></xs:sequence></xs:complexType>
</xs:schema></types>
${ops.map((op) => `<message name="${op}"><part name="parameters" element="tns:${op}"/></message><message name="${op}Response"><part name="parameters" element="tns:${op}Response"/></message>`).join('')}
<portType name="${q}WS">${ops.map((op) => `<operation name="${op}"><input message="tns:${op}"/><output message="tns:${op}Response"/></operation>`).join('')}</portType>
<binding name="${q}WSPortBinding" type="tns:${q}WS"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>${ops.map((op) => `<operation name="${op}"><soap:operation soapAction="${ns}${q}WS/${op}"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>`).join('')}</binding>
<service name="${q}WSService"><port name="${q}WSPort" binding="tns:${q}WSPortBinding"><soap:address location="http://intranet:8080/Infinity/servlet/SQLDataProviderServer/${q}"/></port></service></definitions>`;
}

function thrown(fn: () => unknown): Error {
	try {
		fn();
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected an error');
}

function callOf(body: string) {
	const root = parseXml(body).root;
	return root.children.find((c) => c.local === 'Body')!.children[0];
}

describe('Zucchetti Infinity requests', () => {
	it('a tabular query: {query}_TabularQuery in http://{query}.ws.localhost/, credentials first, then the parameters', () => {
		const r = buildZucchettiRequest({ kind: 'tabularQuery', name: 'zpcg_qscadenzecli', credentials: CREDS, parameters: { pDTFROM: '2025-01-01' } });
		expect(r.operation).toBe('zpcg_qscadenzecli_TabularQuery');
		expect(r.namespace).toBe('http://zpcg_qscadenzecli.ws.localhost/');
		expect(r.soapActionHeader).toBe('""');
		const call = callOf(r.body);
		expect(call.local).toBe('zpcg_qscadenzecli_TabularQuery');
		expect(call.namespace).toBe('http://zpcg_qscadenzecli.ws.localhost/');
		expect(call.children.map((c) => [c.local, c.text])).toEqual([
			['m_UserName', 'wsuser'],
			['m_Password', 'S3cret&<x>'],
			['m_Company', '001'],
			['pDTFROM', '2025-01-01'],
		]);
	});

	it('a routine: {routine}_Run, with m_Instance when the credential has one', () => {
		const r = buildZucchettiRequest({ kind: 'routine', name: 'hrut_brecvinsertrec', credentials: { ...CREDS, instance: 'HR' }, parameters: { pFILE: '001004;0001234;20000101||' } });
		const call = callOf(r.body);
		expect(call.local).toBe('hrut_brecvinsertrec_Run');
		expect(call.children.map((c) => c.local)).toEqual(['m_UserName', 'm_Password', 'm_Company', 'm_Instance', 'pFILE']);
	});

	it('multi-instance installations: the instance can go in the namespace', () => {
		expect(buildZucchettiRequest({ kind: 'query', name: 'q', credentials: CREDS, namespaceInstance: 'prod' }).namespace).toBe('http://q.prod.ws.localhost/');
	});

	it('with the installation WSDL: its SOAPAction, its parameter order, and DTFROM accepted for pDTFROM', () => {
		const wsdl = parseWsdl(infinityQueryWsdl('qclienti'));
		const r = buildZucchettiRequest({ kind: 'query', name: 'qclienti', credentials: CREDS, wsdl, parameters: { DTFROM: '2025-01-01', pIDCOMPANY: '001' } });
		expect(r.soapActionHeader).toBe('"http://qclienti.ws.localhost/qclientiWS/qclienti_Query"');
		expect(callOf(r.body).children.map((c) => c.local)).toEqual(['m_UserName', 'm_Password', 'm_Company', 'pIDCOMPANY', 'pDTFROM']);
	});

	it('with the WSDL, an unknown parameter is refused, listing the ones the installation publishes', () => {
		const wsdl = parseWsdl(infinityQueryWsdl('qclienti'));
		const e = thrown(() => buildZucchettiRequest({ kind: 'query', name: 'qclienti', credentials: CREDS, wsdl, parameters: { pMATRICOLA: '1' } }));
		expect(e).toBeInstanceOf(SoapRequestError);
		expect(e.message).toBe("SOAP operation qclienti_Query: parameters.pMATRICOLA: is not a parameter of qclienti_Query; the installation's WSDL lists pIDCOMPANY, pDTFROM");
	});

	it('with the WSDL of another service, the operation is refused by name', () => {
		const wsdl = parseWsdl(infinityQueryWsdl('qclienti'));
		expect(thrown(() => buildZucchettiRequest({ kind: 'routine', name: 'qclienti', credentials: CREDS, wsdl }))).toBeInstanceOf(WsdlError);
	});

	it('refuses a missing credential field, a credential field among the parameters, and a bad name; never echoing the password', () => {
		expect(thrown(() => buildZucchettiRequest({ kind: 'query', name: 'q', credentials: { ...CREDS, company: '' } })).message).toBe('SOAP operation q_Query: credentials.company: expected a non-empty text');
		expect(thrown(() => buildZucchettiRequest({ kind: 'query', name: 'q', credentials: CREDS, parameters: { m_Password: 'x' } })).message).toContain('parameters.m_Password: is a credential field');
		expect(thrown(() => buildZucchettiRequest({ kind: 'query', name: 'q/../x', credentials: CREDS })).message).toContain('name: expected the published query or routine name');
		const e = thrown(() => buildZucchettiRequest({ kind: 'query', name: 'q', credentials: { ...CREDS, password: 'bad\u0002pw' } }));
		expect(e.message).toContain('parameters.m_Password: contains the character U+0002');
		expect(e.message).not.toContain('bad');
	});

	it('endpoints: queries under SQLDataProviderServer/, routines at the servlet base', () => {
		expect(zucchettiEndpoint('https://erp.example.it/Infinity/servlet/', 'tabularQuery', 'q1')).toBe('https://erp.example.it/Infinity/servlet/SQLDataProviderServer/q1');
		expect(zucchettiEndpoint('https://erp.example.it/HRPortal/servlet', 'routine', 'r_ws')).toBe('https://erp.example.it/HRPortal/servlet/r_ws');
		expect(thrown(() => zucchettiEndpoint('ftp://x/', 'query', 'q')).message).toContain('servletBase: expected an http or https URL');
	});
});

describe('Zucchetti WSDL: what a query takes and returns', () => {
	it('lists the query parameters without the credential fields, and the record columns', () => {
		const info = zucchettiServiceInfo(parseWsdl(infinityQueryWsdl('qclienti')), 'tabularQuery', 'qclienti');
		expect(info.parameters.map((p) => p.name)).toEqual(['pIDCOMPANY', 'pDTFROM']);
		expect(info.credentialFields).toEqual(['m_UserName', 'm_Password', 'm_Company']);
		expect(info.columns?.map((c) => `${c.name}:${c.type}`)).toEqual(['SACODSOG:string', 'SAIMPORT:decimal']);
		expect(info.address).toBe('http://intranet:8080/Infinity/servlet/SQLDataProviderServer/qclienti');
	});
});

describe('Zucchetti replies', () => {
	const tabular = `<S:Envelope xmlns:S="${ENV}"><S:Body><ns2:q_TabularQueryResponse xmlns:ns2="http://q.ws.localhost/"><return><Records><item><SACODSOG>C001</SACODSOG><KSDESCRI>Rossi &amp; C.</KSDESCRI></item><item><SACODSOG>C002</SACODSOG><KSDESCRI xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></item></Records></return></ns2:q_TabularQueryResponse></S:Body></S:Envelope>`;

	it('records become items: one object per row, column name -> text, nil -> null', () => {
		expect(readQueryReply(tabular, 'q_TabularQuery')).toEqual([
			{ SACODSOG: 'C001', KSDESCRI: 'Rossi & C.' },
			{ SACODSOG: 'C002', KSDESCRI: null },
		]);
	});

	it('no records: an empty list', () => {
		expect(readQueryReply(`<S:Envelope xmlns:S="${ENV}"><S:Body><q_QueryResponse><return><Records/></return></q_QueryResponse></S:Body></S:Envelope>`, 'q_Query')).toEqual([]);
	});

	it('a fault for an unpublished service names the operation and the fault string', () => {
		const fault = `<S:Envelope xmlns:S="${ENV}"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>Cannot find dispatch method for {http://q.ws.localhost/}q_Query</faultstring></S:Fault></S:Body></S:Envelope>`;
		const e = thrown(() => readQueryReply(fault, 'q_Query'));
		expect(e).toBeInstanceOf(SoapFaultError);
		expect(e.message).toBe('SOAP operation q_Query failed (fault code S:Server): Cannot find dispatch method for {http://q.ws.localhost/}q_Query');
	});

	it('a reply for another operation, or without <return>, is malformed', () => {
		expect(thrown(() => readQueryReply(tabular, 'q_Query'))).toBeInstanceOf(SoapReplyError);
		expect(thrown(() => readRunReply(`<S:Envelope xmlns:S="${ENV}"><S:Body><r_RunResponse/></S:Body></S:Envelope>`, 'r_Run')).message).toContain('<r_RunResponse> has no <return>');
	});

	it('a routine returns its string', () => {
		expect(readRunReply(`<S:Envelope xmlns:S="${ENV}"><S:Body><ns2:r_RunResponse xmlns:ns2="http://r.ws.localhost/"><return>{"okexp":"N","messaggio":"Matricola inesistente"}</return></ns2:r_RunResponse></S:Body></S:Envelope>`, 'r_Run')).toBe('{"okexp":"N","messaggio":"Matricola inesistente"}');
	});
});

describe('routine results', () => {
	it('JSON is parsed', () => {
		expect(parseRoutineResult(' {"okexp":"N","messaggio":"x"} ')).toEqual({ format: 'json', value: { okexp: 'N', messaggio: 'x' } });
	});

	it('CSV with a header row becomes records, the delimiter detected', () => {
		expect(parseRoutineResult('CODICE;DESCRIZIONE\nC001;"Rossi; figli"\nC002;Bianchi\n')).toEqual({ format: 'csv', delimiter: ';', records: [{ CODICE: 'C001', DESCRIZIONE: 'Rossi; figli' }, { CODICE: 'C002', DESCRIZIONE: 'Bianchi' }] });
		expect(parseRoutineResult('a,b\n1,2')).toMatchObject({ format: 'csv', delimiter: ',' });
	});

	it('a status code, ragged lines or broken JSON stay text', () => {
		expect(parseRoutineResult('0')).toEqual({ format: 'text', value: '0' });
		expect(parseRoutineResult('a;b\n1;2;3')).toEqual({ format: 'text', value: 'a;b\n1;2;3' });
		expect(parseRoutineResult('{"a":')).toEqual({ format: 'text', value: '{"a":' });
	});
});

describeWithSpec('zucchetti/infinity-soap-pattern.json', 'the request matches the pattern reconstructed from independent integrations', () => {
	it('same envelope shape as the requestExample: body element and credential fields in the query namespace', () => {
		const pattern = JSON.parse(fs.readFileSync(specPath('zucchetti/infinity-soap-pattern.json'), 'utf8'));
		const example = callOf(pattern.requestExample);
		const ours = callOf(buildZucchettiRequest({ kind: 'tabularQuery', name: 'QNAME', credentials: { userName: 'USER', password: 'PASS', company: '001' } }).body);
		const shape = (el: typeof ours) => ({ local: el.local, ns: el.namespace, children: el.children.map((c) => [c.local, c.namespace, c.text]) });
		expect(shape(ours)).toEqual(shape(example));
	});
});
