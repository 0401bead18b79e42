/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
import type { DettaglioLinee, FatturaElettronica } from '../../../lib/fatturapa/model';
import { runSdiRules, type SdiRuleOptions } from '../../../lib/fatturapa/rules';

/** A small invoice SdI accepts: one 22% line of 5.00, written in code so rule tests need no spec files. */
export function baseInvoice(): FatturaElettronica {
	return {
		versione: 'FPR12',
		FatturaElettronicaHeader: {
			DatiTrasmissione: { IdTrasmittente: { IdPaese: 'IT', IdCodice: '01234567897' }, ProgressivoInvio: '00001', FormatoTrasmissione: 'FPR12', CodiceDestinatario: 'ABC1234' },
			CedentePrestatore: {
				DatiAnagrafici: { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567897' }, Anagrafica: { Denominazione: 'ALPHA SRL' }, RegimeFiscale: 'RF01' },
				Sede: { Indirizzo: 'VIALE ROMA 543', CAP: '07100', Comune: 'SASSARI', Provincia: 'SS', Nazione: 'IT' },
			},
			CessionarioCommittente: {
				DatiAnagrafici: { CodiceFiscale: '09876543217', Anagrafica: { Denominazione: 'DITTA BETA' } },
				Sede: { Indirizzo: 'VIA TORINO 38-B', CAP: '00145', Comune: 'ROMA', Provincia: 'RM', Nazione: 'IT' },
			},
		},
		FatturaElettronicaBody: [
			{
				DatiGenerali: { DatiGeneraliDocumento: { TipoDocumento: 'TD01', Divisa: 'EUR', Data: '2025-06-30', Numero: '123' } },
				DatiBeniServizi: {
					DettaglioLinee: [line({})],
					DatiRiepilogo: [{ AliquotaIVA: '22.00', ImponibileImporto: '5.00', Imposta: '1.10', EsigibilitaIVA: 'I' }],
				},
			},
		],
	};
}

export function line(overrides: Partial<DettaglioLinee>, n = 1): DettaglioLinee {
	return { NumeroLinea: String(n), Descrizione: 'FORNITURA', Quantita: '5.00', PrezzoUnitario: '1.00', PrezzoTotale: '5.00', AliquotaIVA: '22.00', ...overrides };
}

/** error codes (sorted, unique) of the rules on a model */
export function errorsOf(model: FatturaElettronica, options: SdiRuleOptions = {}): string[] {
	return [...new Set(runSdiRules(model, { receivedOn: '2026-01-15', serverSideWarnings: false, ...options }).filter((f) => f.severity === 'error').map((f) => f.code))].sort();
}

export function findingsOf(model: FatturaElettronica, code: string, options: SdiRuleOptions = {}) {
	return runSdiRules(model, { receivedOn: '2026-01-15', ...options }).filter((f) => f.code === code);
}

/** an invoice whose only line is `l` (quantity/price given by the caller) and whose riepilogo matches it */
export function withSingleLine(l: Partial<DettaglioLinee>, riepilogo: { AliquotaIVA?: string; ImponibileImporto: string; Imposta: string; Natura?: string }): FatturaElettronica {
	const m = baseInvoice();
	m.FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee = [line(l)];
	m.FatturaElettronicaBody[0].DatiBeniServizi.DatiRiepilogo = [{ AliquotaIVA: '22.00', ...riepilogo } as never];
	return m;
}
