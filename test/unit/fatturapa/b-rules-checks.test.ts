/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import { baseInvoice, errorsOf, findingsOf, line } from './b-fixture';
import { runSdiRules, SDI_RULES } from '../../../lib/fatturapa/rules';
import type { FatturaElettronica } from '../../../lib/fatturapa/model';

const header = (m: FatturaElettronica) => m.FatturaElettronicaHeader;
const doc = (m: FatturaElettronica) => m.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento;
const beni = (m: FatturaElettronica) => m.FatturaElettronicaBody[0].DatiBeniServizi;
function mutate(f: (m: FatturaElettronica) => void): FatturaElettronica {
	const m = baseInvoice();
	f(m);
	return m;
}
/** turns the single line and its riepilogo into a zero-rate one with `natura` */
function zeroRated(m: FatturaElettronica, natura: string | undefined, riepilogoNaturaOrNone?: string | null) {
	const riepilogoNatura = riepilogoNaturaOrNone === undefined ? natura : (riepilogoNaturaOrNone ?? undefined);
	beni(m).DettaglioLinee[0] = line({ AliquotaIVA: '0.00', Natura: natura as never });
	beni(m).DatiRiepilogo[0] = { AliquotaIVA: '0.00', Natura: riepilogoNatura as never, ImponibileImporto: '5.00', Imposta: '0.00' };
}

describe('check digits (00300-00306), omocodia accepted', () => {
	test.each([
		['00300', (m: FatturaElettronica) => (header(m).DatiTrasmissione.IdTrasmittente.IdCodice = '01234567890')],
		['00301', (m: FatturaElettronica) => (header(m).CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdCodice = '01234567890')],
		['00302', (m: FatturaElettronica) => (header(m).CedentePrestatore.DatiAnagrafici.CodiceFiscale = 'RSSMRA80A01H501X')],
		['00305', (m: FatturaElettronica) => (header(m).CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'IT', IdCodice: '1234' })],
		['00306', (m: FatturaElettronica) => (header(m).CessionarioCommittente.DatiAnagrafici.CodiceFiscale = '09876543210')],
		[
			'00303',
			(m: FatturaElettronica) =>
				(header(m).RappresentanteFiscale = { DatiAnagrafici: { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567891' }, Anagrafica: { Denominazione: 'R' } } }),
		],
		[
			'00304',
			(m: FatturaElettronica) =>
				(header(m).RappresentanteFiscale = {
					DatiAnagrafici: { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567897' }, CodiceFiscale: 'RSSMRA85T10A562T', Anagrafica: { Denominazione: 'R' } },
				}),
		],
	])('%s', (code, f) => {
		expect(errorsOf(mutate(f))).toEqual([code]);
	});
	test('IdTrasmittente may be a personal codice fiscale, omocodic included', () => {
		expect(errorsOf(mutate((m) => (header(m).DatiTrasmissione.IdTrasmittente.IdCodice = 'RSSMRA85T10A56NH')))).toEqual([]);
	});
	test('an omocodic codice fiscale of the buyer is accepted', () => {
		expect(errorsOf(mutate((m) => (header(m).CessionarioCommittente.DatiAnagrafici.CodiceFiscale = 'RSSMRAURTMLARNNG')))).toEqual([]);
	});
	test('foreign ids are not checked with Italian rules', () => {
		expect(errorsOf(mutate((m) => (header(m).CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' })))).toEqual([]);
	});
	test('the finding names the field and what is wrong', () => {
		const [f] = findingsOf(mutate((m) => (header(m).CedentePrestatore.DatiAnagrafici.IdFiscaleIVA.IdCodice = '01234567890')), '00301');
		expect(f).toMatchObject({
			path: '/FatturaElettronica/FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA/IdCodice',
			message_it: 'IdCodice 01234567890 di CedentePrestatore non valido: la cifra di controllo della partita IVA è errata',
			message_en: expect.stringContaining('wrong check digit'),
		});
	});
});

describe('delivery (00313, 00427, 00428)', () => {
	test('00313: XXXXXXX with an Italian IdFiscaleIVA', () => {
		expect(errorsOf(mutate((m) => {
			header(m).DatiTrasmissione.CodiceDestinatario = 'XXXXXXX';
			header(m).CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'IT', IdCodice: '09876543217' };
		}))).toEqual(['00313']);
	});
	test('XXXXXXX with a foreign buyer is fine', () => {
		expect(errorsOf(mutate((m) => {
			header(m).DatiTrasmissione.CodiceDestinatario = 'XXXXXXX';
			header(m).CessionarioCommittente.DatiAnagrafici = { IdFiscaleIVA: { IdPaese: 'FR', IdCodice: '12345678901' }, Anagrafica: { Denominazione: 'SARL' } };
		}))).toEqual([]);
	});
	test('00427: 6 characters with FPR12, 7 with FPA12', () => {
		expect(errorsOf(mutate((m) => (header(m).DatiTrasmissione.CodiceDestinatario = 'ABC123')))).toEqual(['00427']);
		expect(errorsOf(mutate((m) => {
			m.versione = 'FPA12';
			header(m).DatiTrasmissione.FormatoTrasmissione = 'FPA12';
		}))).toEqual(['00427']);
		expect(errorsOf(mutate((m) => {
			m.versione = 'FPA12';
			header(m).DatiTrasmissione.FormatoTrasmissione = 'FPA12';
			header(m).DatiTrasmissione.CodiceDestinatario = 'UFXYZ1';
		}))).toEqual([]);
	});
	test('00428: FormatoTrasmissione differs from the versione attribute', () => {
		expect(errorsOf(mutate((m) => (m.versione = 'FPA12')))).toEqual(['00428']);
	});
	test('0000000 is accepted without a PEC (00426 was dropped)', () => {
		expect(errorsOf(mutate((m) => (header(m).DatiTrasmissione.CodiceDestinatario = '0000000')))).toEqual([]);
	});
});

describe('rate and Natura pairs', () => {
	test('00400: zero-rate line without Natura', () => {
		expect(errorsOf(mutate((m) => zeroRated(m, undefined, 'N2.2')))).toEqual(['00400']);
	});
	test('00401: Natura with 22% on a line', () => {
		expect(errorsOf(mutate((m) => (beni(m).DettaglioLinee[0].Natura = 'N4')))).toEqual(['00401']);
	});
	test('TD16 may keep a Natura next to a rate', () => {
		expect(errorsOf(mutate((m) => {
			beni(m).DettaglioLinee[0].Natura = 'N6.3';
			doc(m).TipoDocumento = 'TD16';
			header(m).CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'IT', IdCodice: '09876543217' };
		}), { only: ['00401'] })).toEqual([]);
	});
	test('00429 / 00430: the same pair on DatiRiepilogo', () => {
		expect(errorsOf(mutate((m) => zeroRated(m, 'N2.2', null)))).toEqual(['00429']);
		expect(errorsOf(mutate((m) => (beni(m).DatiRiepilogo[0].Natura = 'N4')))).toEqual(['00430']);
	});
	test('00413 / 00414: the same pair on the cassa previdenziale', () => {
		const withCassa = (aliquota: string, natura?: string) =>
			mutate((m) => {
				doc(m).DatiCassaPrevidenziale = [{ TipoCassa: 'TC22', AlCassa: '4.00', ImportoContributoCassa: '0.20', AliquotaIVA: aliquota, Natura: natura as never }];
				beni(m).DatiRiepilogo[0].ImponibileImporto = '5.20';
				beni(m).DatiRiepilogo[0].Imposta = '1.14';
			});
		expect(errorsOf(withCassa('22.00'))).toEqual([]);
		expect(errorsOf(withCassa('22.00', 'N4'), { only: ['00414'] })).toEqual(['00414']);
		expect(errorsOf(withCassa('0.00'), { only: ['00413'] })).toEqual(['00413']);
	});
	test('a well-formed zero-rate invoice passes', () => {
		expect(errorsOf(mutate((m) => zeroRated(m, 'N2.2')))).toEqual([]);
	});
	test('00445: generic N2 from 2021, accepted on a 2020 invoice', () => {
		expect(errorsOf(mutate((m) => zeroRated(m, 'N2')))).toEqual(['00445']);
		expect(errorsOf(mutate((m) => {
			zeroRated(m, 'N2');
			doc(m).Data = '2020-12-31';
		}))).toEqual([]);
	});
	test('00420: N6.x with split payment', () => {
		expect(errorsOf(mutate((m) => {
			zeroRated(m, 'N6.3');
			beni(m).DatiRiepilogo[0].EsigibilitaIVA = 'S';
		}))).toEqual(['00420']);
	});
});

describe('rate and Natura correspondence (00419, 00443, 00444)', () => {
	test('00419 + 00443: a line rate missing from the riepilogo', () => {
		expect(errorsOf(mutate((m) => beni(m).DettaglioLinee.push(line({ AliquotaIVA: '10.00' }, 2))))).toEqual(['00419', '00443']);
	});
	test('00443 alone: a riepilogo rate no line uses', () => {
		expect(errorsOf(mutate((m) => beni(m).DatiRiepilogo.push({ AliquotaIVA: '10.00', ImponibileImporto: '0.00', Imposta: '0.00' })))).toEqual(['00443']);
	});
	test('00444: a Natura in the lines that the riepilogo lacks', () => {
		expect(errorsOf(mutate((m) => zeroRated(m, 'N4', 'N2.2')), { only: ['00444'] })).toEqual(['00444']);
	});
	test('rates written differently (22 vs 22.00) still correspond', () => {
		expect(errorsOf(mutate((m) => (beni(m).DettaglioLinee[0].AliquotaIVA = '22.0')))).toEqual([]);
	});
});

describe('document rules', () => {
	test('00403: a date after the day SdI receives the file', () => {
		expect(errorsOf(baseInvoice(), { receivedOn: '2025-06-29' })).toEqual(['00403']);
		expect(errorsOf(baseInvoice(), { receivedOn: '2025-06-30' })).toEqual([]);
	});
	test('00403 uses today in Italy by default', () => {
		const m = mutate((x) => (doc(x).Data = '2999-01-01'));
		expect(runSdiRules(m).some((f) => f.code === '00403')).toBe(true);
	});
	test('00411: Ritenuta SI on a line without DatiRitenuta', () => {
		expect(errorsOf(mutate((m) => (beni(m).DettaglioLinee[0].Ritenuta = 'SI')))).toEqual(['00411']);
		expect(errorsOf(mutate((m) => {
			beni(m).DettaglioLinee[0].Ritenuta = 'SI';
			doc(m).DatiRitenuta = [{ TipoRitenuta: 'RT01', ImportoRitenuta: '1.00', AliquotaRitenuta: '20.00', CausalePagamento: 'A' }];
		}))).toEqual([]);
	});
	test('00415: Ritenuta SI on a cassa without DatiRitenuta', () => {
		expect(errorsOf(mutate((m) => {
			doc(m).DatiCassaPrevidenziale = [{ TipoCassa: 'TC22', AlCassa: '4.00', ImportoContributoCassa: '0.20', AliquotaIVA: '22.00', Ritenuta: 'SI' }];
			beni(m).DatiRiepilogo[0].ImponibileImporto = '5.20';
			beni(m).DatiRiepilogo[0].Imposta = '1.14';
		}))).toEqual(['00415']);
	});
	test('00418 (Elenco dei controlli v2.0, p. 21): a credit note earlier than the invoice it corrects; other types are not checked', () => {
		const linked = (m: FatturaElettronica) => (m.FatturaElettronicaBody[0].DatiGenerali.DatiFattureCollegate = [{ IdDocumento: '7', Data: '2025-07-01' }]);
		expect(errorsOf(mutate((m) => {
			linked(m);
			doc(m).TipoDocumento = 'TD04';
		}))).toEqual(['00418']);
		expect(errorsOf(mutate((m) => {
			m.FatturaElettronicaBody[0].DatiGenerali.DatiFattureCollegate = [{ IdDocumento: '7', Data: '2025-06-30' }];
			doc(m).TipoDocumento = 'TD04';
		}))).toEqual([]);
		expect(errorsOf(mutate(linked))).toEqual([]);
		expect(errorsOf(mutate((m) => (m.FatturaElettronicaBody[0].DatiGenerali.DatiFattureCollegate = [{ IdDocumento: '7', Data: '2025-06-01' }])))).toEqual([]);
	});
	test('00425: a number without digits', () => {
		expect(errorsOf(mutate((m) => (doc(m).Numero = 'ABC')))).toEqual(['00425']);
		expect(errorsOf(mutate((m) => (doc(m).Numero = 'FPR 1/2025')))).toEqual([]);
	});
	test('00437 / 00438: a discount with a type and no amount', () => {
		expect(errorsOf(mutate((m) => (doc(m).ScontoMaggiorazione = [{ Tipo: 'SC' }])))).toEqual(['00437']);
		expect(errorsOf(mutate((m) => (beni(m).DettaglioLinee[0].ScontoMaggiorazione = [{ Tipo: 'SC' }])))).toEqual(['00438']);
	});
	test('00417: a buyer with neither IdFiscaleIVA nor CodiceFiscale', () => {
		expect(errorsOf(mutate((m) => delete header(m).CessionarioCommittente.DatiAnagrafici.CodiceFiscale))).toEqual(['00417']);
	});
});

describe('parties by document type (00471-00476)', () => {
	const buyerVat = (m: FatturaElettronica, paese: string, codice: string) => (header(m).CessionarioCommittente.DatiAnagrafici.IdFiscaleIVA = { IdPaese: paese, IdCodice: codice });
	test('00471: TD01 to oneself', () => {
		expect(errorsOf(mutate((m) => buyerVat(m, 'IT', '01234567897')))).toEqual(['00471']);
	});
	test('00472: TD27 (autoconsumo) to someone else; TD27 to oneself is fine', () => {
		expect(errorsOf(mutate((m) => (doc(m).TipoDocumento = 'TD27')))).toEqual(['00472']);
		expect(errorsOf(mutate((m) => {
			doc(m).TipoDocumento = 'TD27';
			buyerVat(m, 'IT', '01234567897');
		}))).toEqual([]);
	});
	test('00473: TD17 with an Italian supplier', () => {
		expect(errorsOf(mutate((m) => {
			doc(m).TipoDocumento = 'TD17';
			buyerVat(m, 'IT', '09876543217');
		}))).toEqual(['00473']);
	});
	test('00474: TD21 with a zero-rate line', () => {
		expect(errorsOf(mutate((m) => {
			doc(m).TipoDocumento = 'TD21';
			buyerVat(m, 'IT', '01234567897');
			zeroRated(m, 'N3.5');
		}))).toEqual(['00474']);
	});
	test('00475: TD16 with a buyer without IdFiscaleIVA', () => {
		expect(errorsOf(mutate((m) => (doc(m).TipoDocumento = 'TD16')))).toEqual(['00475']);
	});
	test('00476: both parties foreign', () => {
		expect(errorsOf(mutate((m) => {
			header(m).CedentePrestatore.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' };
			header(m).CessionarioCommittente.DatiAnagrafici = { IdFiscaleIVA: { IdPaese: 'FR', IdCodice: '12345678901' }, Anagrafica: { Denominazione: 'SARL' } };
		}))).toEqual(['00476']);
	});
	describe('TD28 and TD29 per AdE "Elenco dei controlli" v2.0 (31/01/2025), pp. 40-44', () => {
		test('00471 (p. 40): TD29 to oneself is refused, to another Italian subject it passes', () => {
			expect(errorsOf(mutate((m) => {
				doc(m).TipoDocumento = 'TD29';
				buyerVat(m, 'IT', '01234567897');
			}))).toEqual(['00471']);
			expect(errorsOf(mutate((m) => {
				doc(m).TipoDocumento = 'TD29';
				buyerVat(m, 'IT', '09876543217');
			}))).toEqual([]);
		});
		test('00473 (p. 42): TD29 needs an Italian cedente; a foreign one is refused', () => {
			expect(errorsOf(mutate((m) => {
				doc(m).TipoDocumento = 'TD29';
				header(m).CedentePrestatore.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' };
				buyerVat(m, 'IT', '09876543217');
			}))).toEqual(['00473']);
		});
		test('00475 (p. 44): TD28 and TD29 need the buyer\'s IdFiscaleIVA', () => {
			for (const tipo of ['TD28', 'TD29'] as const) {
				const foreignSeller = (m: FatturaElettronica) => tipo === 'TD28' && (header(m).CedentePrestatore.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'SM', IdCodice: '12345' });
				expect(errorsOf(mutate((m) => {
					doc(m).TipoDocumento = tipo;
					foreignSeller(m);
				}))).toEqual(['00475']);
				expect(errorsOf(mutate((m) => {
					doc(m).TipoDocumento = tipo;
					foreignSeller(m);
					buyerVat(m, 'IT', '09876543217');
				}))).toEqual([]);
			}
		});
	});
	test('a foreign seller to an Italian consumer (codice fiscale only) is fine', () => {
		expect(errorsOf(mutate((m) => (header(m).CedentePrestatore.DatiAnagrafici.IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' })))).toEqual([]);
	});
});

describe('server-side checks are warnings marked as such', () => {
	test('00311 for a channel code, not for 0000000', () => {
		expect(findingsOf(baseInvoice(), '00311')).toEqual([expect.objectContaining({ severity: 'warning', serverSide: true })]);
		expect(findingsOf(mutate((m) => (header(m).DatiTrasmissione.CodiceDestinatario = '0000000')), '00311')).toEqual([]);
	});
	test('00404 duplicates: one per body', () => {
		expect(findingsOf(baseInvoice(), '00404')).toEqual([expect.objectContaining({ severity: 'warning', serverSide: true, message_en: expect.stringContaining('number 123') })]);
	});
	test("00477 when a line refers to a dichiarazione d'intento", () => {
		const m = mutate((x) => (beni(x).DettaglioLinee[0].AltriDatiGestionali = [{ TipoDato: 'INTENTO', RiferimentoTesto: '12345678901234567-000001' }]));
		expect(findingsOf(m, '00477')).toEqual([expect.objectContaining({ severity: 'warning', serverSide: true })]);
	});
	test('every rule has a distinct code and a title', () => {
		expect(new Set(SDI_RULES.map((r) => r.code)).size).toBe(SDI_RULES.length);
		expect(SDI_RULES.every((r) => /^\d{5}$/.test(r.code) && r.title.length > 10)).toBe(true);
	});
	test('bad options are refused clearly', () => {
		expect(() => runSdiRules(baseInvoice(), { receivedOn: '15/01/2026' })).toThrow('runSdiRules: receivedOn must be YYYY-MM-DD, got "15/01/2026"');
		expect(() => runSdiRules(null as never)).toThrow('runSdiRules: expected an invoice model');
	});
});
