/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import * as fs from 'node:fs';
import { describeWithSpec, specPath } from '../../helpers/specs';
import {
	B2B_MESSAGES_NAMESPACE,
	NotificationFormatError,
	notificationFileName,
	parseNotification,
	parseNotificationFileName,
	PA_MESSAGES_NAMESPACE,
} from '../../../lib/fatturapa/notifications';
import { XmlParseError } from '../../../lib/xml';
import { makeSigner, signCms } from '../p7m/cmsWriter';

const NOTIFICATIONS = 'fatturapa/samples/notifications';
const EXPECTED_STATUS: Record<string, string> = {
	RC: 'delivered',
	NS: 'rejected',
	MC: 'not_delivered',
	NE: 'accepted',
	DT: 'expired',
	AT: 'transmitted_undeliverable',
	EC: 'accepted',
	SE: 'outcome_rejected',
	MT: 'received',
};

describeWithSpec(NOTIFICATIONS, 'SdI notification samples', () => {
	const files = ['pa-sdicoop-unsigned', 'b2b-real-from-pec'].flatMap((d) =>
		fs.existsSync(specPath(NOTIFICATIONS, d)) ? fs.readdirSync(specPath(NOTIFICATIONS, d)).map((f) => `${d}/${f}`) : [],
	);
	test('all nine PA types and the three B2B samples are there', () => {
		expect(files.length).toBe(12);
	});
	test.each(files)('%s: type from the root element matches the file name, status mapped', (file) => {
		const name = file.split('/')[1];
		const n = parseNotification(fs.readFileSync(specPath(NOTIFICATIONS, file)), { fileName: name });
		const type = name.split('_')[2];
		expect(n.type).toBe(type);
		expect(n.status).toBe(EXPECTED_STATUS[type]);
		expect(n.family).toBe(file.startsWith('pa-') ? 'pa' : 'b2b');
		expect(n.identificativoSdI).toMatch(/^\d+$/);
	});
	test('NS carries its error list', () => {
		const n = parseNotification(fs.readFileSync(specPath(NOTIFICATIONS, 'pa-sdicoop-unsigned/IT01234567890_11111_NS_001.xml')));
		expect(n).toMatchObject({
			invoiceIssued: false,
			nomeFile: 'IT01234567890_11111.xml.p7m',
			dataOraRicezione: '2013-06-06T12:00:00Z',
			errors: [{ codice: '00100', descrizione: 'Certificato di firma scaduto' }],
			riferimentoArchivio: { identificativoSdI: '100', nomeFile: 'IT01234567890_11111.zip' },
			messageId: '123456',
		});
	});
	test('NE takes the outcome from EsitoCommittente', () => {
		const n = parseNotification(fs.readFileSync(specPath(NOTIFICATIONS, 'pa-sdicoop-unsigned/IT01234567890_11111_NE_001.xml')));
		expect(n).toMatchObject({ esito: 'EC01', status: 'accepted', riferimentoFattura: { numeroFattura: '1111', annoFattura: '2013', posizioneFattura: '2' } });
	});
	test('real B2B RC: XAdES-signed, without the Hash its XSD requires, still read', () => {
		const n = parseNotification(fs.readFileSync(specPath(NOTIFICATIONS, 'b2b-real-from-pec/IT03339130126_00009_RC_003.xml')));
		expect(n).toMatchObject({ namespace: B2B_MESSAGES_NAMESPACE, signature: 'xades', dataOraConsegna: '2018-11-13T16:47:32.000+01:00', invoiceIssued: true });
		expect(n.hash).toBeUndefined();
	});
	test('real B2B MC: issued and left in the online area', () => {
		const n = parseNotification(fs.readFileSync(specPath(NOTIFICATIONS, 'b2b-real-from-pec/IT14627831002_02621_MC_001.xml')));
		expect(n).toMatchObject({ invoiceIssued: true, dataMessaADisposizione: '2019-01-05', pecMessageId: expect.stringContaining('@pec.aruba.it') });
		expect(n.description_en).toContain("buyer's online area");
	});
	test('a notification signed as .p7m is unwrapped first', () => {
		const xml = fs.readFileSync(specPath(NOTIFICATIONS, 'pa-sdicoop-unsigned/IT01234567890_11111_RC_001.xml'));
		const n = parseNotification(signCms(xml, makeSigner('ec', 'SDI')));
		expect(n).toMatchObject({ type: 'RC', signature: 'p7m', status: 'delivered' });
	});
});

const b2bScarto = `<?xml version="1.0" encoding="UTF-8"?>
<ns3:RicevutaScarto xmlns:ns3="${B2B_MESSAGES_NAMESPACE}" versione="1.0">
  <IdentificativoSdI>42</IdentificativoSdI>
  <NomeFile>IT01234567897_00001.xml</NomeFile>
  <Hash>abc</Hash>
  <DataOraRicezione>2025-06-30T10:00:00.000+02:00</DataOraRicezione>
  <ListaErrori>
    <Errore><Codice>00404</Codice><Descrizione>Fattura duplicata</Descrizione><Suggerimento>Verificare che la fattura non sia già stata inviata</Suggerimento></Errore>
    <Errore><Codice>00422</Codice><Descrizione>ImponibileImporto non calcolato</Descrizione><Suggerimento>Ricalcolare</Suggerimento></Errore>
  </ListaErrori>
  <MessageId>99</MessageId>
</ns3:RicevutaScarto>`;

describe('parsing rules', () => {
	test('B2B scarto: every error with codice, descrizione and suggerimento', () => {
		const n = parseNotification(b2bScarto);
		expect(n).toMatchObject({ type: 'NS', family: 'b2b', status: 'rejected' });
		expect(n.errors).toEqual([
			{ codice: '00404', descrizione: 'Fattura duplicata', suggerimento: 'Verificare che la fattura non sia già stata inviata' },
			{ codice: '00422', descrizione: 'ImponibileImporto non calcolato', suggerimento: 'Ricalcolare' },
		]);
	});
	test('elements are found by local name whatever the prefix or default namespace', () => {
		const n = parseNotification(`<RicevutaConsegna xmlns="${PA_MESSAGES_NAMESPACE}"><IdentificativoSdI>7</IdentificativoSdI></RicevutaConsegna>`);
		expect(n).toMatchObject({ type: 'RC', family: 'pa', identificativoSdI: '7' });
	});
	test('EC02 is a refusal; a missing outcome is unknown, not a crash', () => {
		const ec = (esito: string) => `<types:NotificaEsitoCommittente xmlns:types="${PA_MESSAGES_NAMESPACE}"><IdentificativoSdI>1</IdentificativoSdI>${esito}</types:NotificaEsitoCommittente>`;
		expect(parseNotification(ec('<Esito>EC02</Esito>')).status).toBe('refused');
		expect(parseNotification(ec('')).status).toBe('unknown');
	});
	test('an unknown root gives type unknown (open set), not an exception', () => {
		const n = parseNotification('<NuovoMessaggio xmlns="urn:x"><IdentificativoSdI>1</IdentificativoSdI></NuovoMessaggio>');
		expect(n).toMatchObject({ type: 'unknown', status: 'unknown', rootElement: 'NuovoMessaggio', family: 'unknown', identificativoSdI: '1' });
	});
	test('a DOCTYPE is refused by the safe parser', () => {
		expect(() => parseNotification('<!DOCTYPE x [<!ENTITY a "b">]><RicevutaConsegna/>')).toThrow(XmlParseError);
	});
	test('non-XML junk is refused with a clear error', () => {
		expect(() => parseNotification('not xml at all')).toThrow(/^SdI notification: neither XML nor a readable signed \.p7m \(p7m: /);
		expect(() => parseNotification(Buffer.from([0x01, 0x02, 0x03]))).toThrow(NotificationFormatError);
		expect(() => parseNotification(undefined as never)).toThrow('SdI notification: expected the message as XML text or bytes, got undefined');
	});
	test('a file name contradicting the content is refused', () => {
		expect(() => parseNotification(b2bScarto, { fileName: 'IT01234567897_00001_RC_001.xml' })).toThrow(NotificationFormatError);
		expect(() => parseNotification(b2bScarto, { fileName: 'IT01234567897_00001_RC_001.xml' })).toThrow('says RC but the content is NS');
	});
});

describe('notification file names', () => {
	test('parse', () => {
		expect(parseNotificationFileName('IT01234567897_00001_RC_001.xml')).toEqual({ invoiceStem: 'IT01234567897_00001', type: 'RC', progressivo: '001', extension: '.xml' });
		expect(parseNotificationFileName('/in/IT01234567897_0A1B2_NS_012.xml.p7m')).toMatchObject({ type: 'NS', progressivo: '012', extension: '.xml.p7m' });
	});
	test('a wrong name says what is expected', () => {
		expect(() => parseNotificationFileName('IT01234567897_00001.xml')).toThrow('expected <invoice name>_<RC|NS|MC|NE|DT|AT|EC|SE|MT>_<3 digits>.xml');
		expect(() => parseNotificationFileName('IT01234567897_00001_XX_001.xml')).toThrow(NotificationFormatError);
	});
	test('build from the invoice file name', () => {
		expect(notificationFileName('IT01234567897_00001.xml.p7m', 'RC', 1)).toBe('IT01234567897_00001_RC_001.xml');
		expect(notificationFileName('IT01234567897_00001.xml', 'NS', 12)).toBe('IT01234567897_00001_NS_012.xml');
		expect(() => notificationFileName('fattura.xml', 'RC', 1)).toThrow('is not an SdI file name');
		expect(() => notificationFileName('IT01234567897_00001.xml', 'RC', 1000)).toThrow('progressivo must be an integer from 1 to 999');
		expect(() => notificationFileName('IT01234567897_00001.xml', 'ZZ' as never, 1)).toThrow('type must be one of RC, NS');
	});
	test('build and parse agree', () => {
		for (const t of ['RC', 'NS', 'MC', 'NE', 'DT', 'AT', 'EC', 'SE', 'MT'] as const) {
			expect(parseNotificationFileName(notificationFileName('IT01234567897_ABCDE.xml', t, 7))).toEqual({ invoiceStem: 'IT01234567897_ABCDE', type: t, progressivo: '007', extension: '.xml' });
		}
	});
});
