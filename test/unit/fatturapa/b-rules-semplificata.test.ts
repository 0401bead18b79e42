/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * SdI's rules on a fattura semplificata (FSM10). A semplificata used to get only 00460; SdI also
 * checks its identifiers, date, number, delivery fields and parties (AdE "Elenco dei controlli effettuati sul file
 * fattura del Sistema di Interscambio" v2.0, 31/01/2025; 00471 for TD07 since specifiche tecniche
 * v1.7.1). Each rule: a clean case and a failing one, on a model written in code (no spec files).
 */
import { FSM10_NOT_APPLIED, runSdiRules, SDI_RULES, SDI_RULES_SEMPLIFICATA, type SdiRuleOptions } from '../../../lib/fatturapa/rules';
import type { FatturaSemplificata } from '../../../lib/fatturapa/parse';
import { validateFatturaPA } from '../../../lib/fatturapa';

const H = '/FatturaElettronica/FatturaElettronicaHeader';
const DOC = '/FatturaElettronica/FatturaElettronicaBody[1]/DatiGenerali/DatiGeneraliDocumento';

/** A small TD07 SdI accepts: 100.00 + 22.00 VAT, Italian seller, buyer with a codice fiscale. */
function baseSemplificata(): FatturaSemplificata {
	return {
		versione: 'FSM10',
		FatturaElettronicaHeader: {
			DatiTrasmissione: { IdTrasmittente: { IdPaese: 'IT', IdCodice: '01234567897' }, ProgressivoInvio: '00001', FormatoTrasmissione: 'FSM10', CodiceDestinatario: '0000000' },
			CedentePrestatore: {
				IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567897' },
				Denominazione: 'ALPHA SRL',
				Sede: { Indirizzo: 'VIALE ROMA 543', CAP: '07100', Comune: 'SASSARI', Provincia: 'SS', Nazione: 'IT' },
				RegimeFiscale: 'RF01',
			},
			CessionarioCommittente: { IdentificativiFiscali: { CodiceFiscale: 'RSSMRA85T10A562S' } },
		},
		FatturaElettronicaBody: [
			{
				DatiGenerali: { DatiGeneraliDocumento: { TipoDocumento: 'TD07', Divisa: 'EUR', Data: '2025-06-30', Numero: 'FS/12' } },
				DatiBeniServizi: [{ Descrizione: 'CONSULENZA', Importo: '122.00', DatiIVA: { Imposta: '22.00' } }],
			},
		],
	};
}

function mutate(f: (m: FatturaSemplificata) => void): FatturaSemplificata {
	const m = baseSemplificata();
	f(m);
	return m;
}
const header = (m: FatturaSemplificata) => m.FatturaElettronicaHeader;
const doc = (m: FatturaSemplificata) => m.FatturaElettronicaBody[0].DatiGenerali.DatiGeneraliDocumento;

const findings = (m: FatturaSemplificata, options: SdiRuleOptions = {}) => runSdiRules(m, { receivedOn: '2026-01-15', serverSideWarnings: false, ...options });
const errorsOf = (m: FatturaSemplificata, options: SdiRuleOptions = {}) => [...new Set(findings(m, options).filter((f) => f.severity === 'error').map((f) => f.code))].sort();

describe('the FSM10 baseline', () => {
	test('has no error and, with server-side warnings, only the duplicate check SdI makes', () => {
		expect(errorsOf(baseSemplificata())).toEqual([]);
		expect(runSdiRules(baseSemplificata(), { receivedOn: '2026-01-15' }).map((f) => [f.code, f.severity, f.serverSide])).toEqual([['00404', 'warning', true]]);
	});
});

describe('the rules SdI applies to a fattura semplificata', () => {
	test('are the identifier, date, number, delivery and party checks plus 00460, not 00460 alone', () => {
		expect(SDI_RULES_SEMPLIFICATA.map((r) => r.code)).toEqual(['00300', '00301', '00302', '00303', '00305', '00306', '00311', '00403', '00404', '00417', '00425', '00427', '00428', '00460', '00471', '00476']);
	});
	test('every rule either runs on FSM10 or says why not: a new rule cannot be skipped by oversight', () => {
		for (const rule of SDI_RULES) {
			const applied = SDI_RULES_SEMPLIFICATA.includes(rule);
			const reason = FSM10_NOT_APPLIED[rule.code];
			expect([rule.code, applied || (typeof reason === 'string' && reason.length > 10)]).toEqual([rule.code, true]);
			expect([rule.code, applied && reason !== undefined]).toEqual([rule.code, false]);
		}
		expect(Object.keys(FSM10_NOT_APPLIED).filter((code) => !SDI_RULES.some((r) => r.code === code))).toEqual([]);
	});
	test('each shared check is the very function the ordinaria runs (one rule, two document shapes)', () => {
		for (const rule of SDI_RULES_SEMPLIFICATA.filter((r) => r.code !== '00460')) expect(rule.checkSemplificata).toBe(rule.check);
		expect(SDI_RULES.find((r) => r.code === '00460')!.check({ model: {} as never, options: { receivedOn: '2026-01-15', serverSideWarnings: true } })).toEqual([]);
	});
});

describe('identifiers (00300-00306): check digits, at the semplificata\'s own paths', () => {
	test.each([
		['00300', `${H}/DatiTrasmissione/IdTrasmittente/IdCodice`, (m: FatturaSemplificata) => (header(m).DatiTrasmissione.IdTrasmittente.IdCodice = '01234567890')],
		['00301', `${H}/CedentePrestatore/IdFiscaleIVA/IdCodice`, (m: FatturaSemplificata) => (header(m).CedentePrestatore.IdFiscaleIVA.IdCodice = '01234567890')],
		['00302', `${H}/CedentePrestatore/CodiceFiscale`, (m: FatturaSemplificata) => (header(m).CedentePrestatore.CodiceFiscale = 'RSSMRA80A01H501X')],
		[
			'00303',
			`${H}/CedentePrestatore/RappresentanteFiscale/IdFiscaleIVA/IdCodice`,
			(m: FatturaSemplificata) => (header(m).CedentePrestatore.RappresentanteFiscale = { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567891' }, Denominazione: 'R' }),
		],
		[
			'00303',
			`${H}/CessionarioCommittente/AltriDatiIdentificativi/RappresentanteFiscale/IdFiscaleIVA/IdCodice`,
			(m: FatturaSemplificata) =>
				(header(m).CessionarioCommittente.AltriDatiIdentificativi = {
					Denominazione: 'BETA',
					Sede: { Indirizzo: 'VIA TORINO 38-B', CAP: '00145', Comune: 'ROMA', Nazione: 'IT' },
					RappresentanteFiscale: { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567891' }, Denominazione: 'R' },
				}),
		],
		['00305', `${H}/CessionarioCommittente/IdentificativiFiscali/IdFiscaleIVA/IdCodice`, (m: FatturaSemplificata) => (header(m).CessionarioCommittente.IdentificativiFiscali.IdFiscaleIVA = { IdPaese: 'IT', IdCodice: '09876543210' })],
		['00306', `${H}/CessionarioCommittente/IdentificativiFiscali/CodiceFiscale`, (m: FatturaSemplificata) => (header(m).CessionarioCommittente.IdentificativiFiscali.CodiceFiscale = 'RSSMRA85T10A562T')],
	])('%s at %s', (code, path, f) => {
		const m = mutate(f);
		expect(errorsOf(m)).toEqual([code]);
		expect(findings(m).map((x) => x.path)).toEqual([path]);
	});
	test('valid ids pass: a correct partita IVA for the buyer, an omocodic codice fiscale, a foreign cedente representative', () => {
		expect(errorsOf(mutate((m) => (header(m).CessionarioCommittente.IdentificativiFiscali.IdFiscaleIVA = { IdPaese: 'IT', IdCodice: '09876543217' })))).toEqual([]);
		expect(errorsOf(mutate((m) => (header(m).CessionarioCommittente.IdentificativiFiscali.CodiceFiscale = 'RSSMRAURTMLARNNG')))).toEqual([]);
		expect(errorsOf(mutate((m) => (header(m).CedentePrestatore.RappresentanteFiscale = { IdFiscaleIVA: { IdPaese: 'DE', IdCodice: '123456789' }, Denominazione: 'R' })))).toEqual([]);
	});
});

describe('00403 a Data later than the day SdI receives the file', () => {
	test('the day of receipt passes, the day after is refused', () => {
		expect(errorsOf(mutate((m) => (doc(m).Data = '2026-01-15')))).toEqual([]);
		const m = mutate((x) => (doc(x).Data = '2026-01-16'));
		expect(errorsOf(m)).toEqual(['00403']);
		expect(findings(m)[0].path).toBe(`${DOC}/Data`);
	});
});

describe('00425 a Numero without any digit', () => {
	test('"A1" passes, "FS/A" is refused', () => {
		expect(errorsOf(mutate((m) => (doc(m).Numero = 'A1')))).toEqual([]);
		const m = mutate((x) => (doc(x).Numero = 'FS/A'));
		expect(errorsOf(m)).toEqual(['00425']);
		expect(findings(m)[0].path).toBe(`${DOC}/Numero`);
	});
});

describe('00417 the buyer has neither IdFiscaleIVA nor CodiceFiscale', () => {
	test('either one is enough; none is refused', () => {
		expect(errorsOf(mutate((m) => (header(m).CessionarioCommittente.IdentificativiFiscali = { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '09876543217' } })))).toEqual([]);
		const m = mutate((x) => (header(x).CessionarioCommittente.IdentificativiFiscali = {}));
		expect(errorsOf(m)).toEqual(['00417']);
		expect(findings(m)[0].path).toBe(`${H}/CessionarioCommittente/IdentificativiFiscali`);
	});
});

describe('00471 TD07 with the same subject as seller and buyer', () => {
	const self = (tipo: 'TD07' | 'TD08') =>
		mutate((m) => {
			header(m).CessionarioCommittente.IdentificativiFiscali = { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567897' } };
			doc(m).TipoDocumento = tipo;
		});
	test('a TD07 to oneself is refused; a TD08 (credit note) is not in the list', () => {
		expect(errorsOf(self('TD07'))).toEqual(['00471']);
		expect(findings(self('TD07'))[0].path).toBe(`${DOC}/TipoDocumento`);
		expect(errorsOf(self('TD08'))).toEqual([]);
	});
});

describe('00476 neither party is Italian', () => {
	test('a foreign seller with a foreign buyer is refused; with an Italian codice fiscale buyer it passes', () => {
		const foreignSeller = (m: FatturaSemplificata) => (header(m).CedentePrestatore.IdFiscaleIVA = { IdPaese: 'DE', IdCodice: '123456789' });
		expect(errorsOf(mutate(foreignSeller))).toEqual([]);
		const m = mutate((x) => {
			foreignSeller(x);
			header(x).CessionarioCommittente.IdentificativiFiscali = { IdFiscaleIVA: { IdPaese: 'FR', IdCodice: '12345678901' } };
		});
		expect(errorsOf(m)).toEqual(['00476']);
		expect(findings(m)[0].path).toBe(`${H}/CessionarioCommittente/IdentificativiFiscali`);
	});
});

describe('00427 and 00428: delivery fields of an FSM10 (the XSD already refuses these in XML; a model can carry them)', () => {
	test('00427: a 6-character CodiceDestinatario is refused "a fronte di FPR12 o FSM10"; 7 passes', () => {
		expect(errorsOf(mutate((m) => (header(m).DatiTrasmissione.CodiceDestinatario = 'ABC1234')))).toEqual([]);
		expect(errorsOf(mutate((m) => (header(m).DatiTrasmissione.CodiceDestinatario = 'ABC123')))).toEqual(['00427']);
	});
	test('00428: FormatoTrasmissione other than FSM10 on a semplificata is refused', () => {
		expect(errorsOf(mutate((m) => (header(m).DatiTrasmissione.FormatoTrasmissione = 'FPR12' as never)))).toEqual(['00428']);
	});
});

describe('00460 over 400 euro, RF19 and RF20 exempt', () => {
	const over = (regime: string) =>
		mutate((m) => {
			header(m).CedentePrestatore.RegimeFiscale = regime as never;
			m.FatturaElettronicaBody[0].DatiBeniServizi = [
				{ Descrizione: 'A', Importo: '300.00', DatiIVA: { Imposta: '54.10' } },
				{ Descrizione: 'B', Importo: '100.01', DatiIVA: { Imposta: '18.03' } },
			];
		});
	test('400.00 passes, 400.01 is refused, except in RF19/RF20', () => {
		expect(errorsOf(mutate((m) => (m.FatturaElettronicaBody[0].DatiBeniServizi[0].Importo = '400.00')))).toEqual([]);
		expect(errorsOf(over('RF01'))).toEqual(['00460']);
		expect(errorsOf(over('RF19'))).toEqual([]);
		expect(errorsOf(over('RF20'))).toEqual([]);
	});
});

describe('options apply to a semplificata as to an ordinaria', () => {
	test('only, serverSideWarnings and a malformed receivedOn', () => {
		const m = mutate((x) => {
			doc(x).Numero = 'FS/A';
			header(x).CedentePrestatore.IdFiscaleIVA.IdCodice = '01234567890';
		});
		expect(errorsOf(m, { only: ['00425'] })).toEqual(['00425']);
		expect(runSdiRules(baseSemplificata(), { receivedOn: '2026-01-15', serverSideWarnings: false })).toEqual([]);
		expect(() => runSdiRules(baseSemplificata(), { receivedOn: '15/01/2026' })).toThrow(/receivedOn must be YYYY-MM-DD/);
	});
	test('validateFatturaPA on a semplificata model reports the same rules', () => {
		const r = validateFatturaPA(mutate((x) => (header(x).CedentePrestatore.IdFiscaleIVA.IdCodice = '01234567890')), { receivedOn: '2026-01-15' });
		expect(r.valid).toBe(false);
		expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['00301']);
	});
});
