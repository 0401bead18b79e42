/**
 * SdI's own checks beyond the XSD: each rule in its own file named by its error code, each
 * finding `{ code, path, message_it, message_en, severity }`. Errors are what SdI would refuse
 * (a scarto, NS); warnings are amounts close to SdI's tolerance and, marked serverSide, the checks
 * only SdI can make (registry, duplicates).
 */
import type { FatturaElettronica } from '../model';
import type { FatturaElettronica as FatturaSemplificata } from '../semplificata/model';
import { rule00300 } from './00300';
import { rule00301 } from './00301';
import { rule00302 } from './00302';
import { rule00303 } from './00303';
import { rule00304 } from './00304';
import { rule00305 } from './00305';
import { rule00306 } from './00306';
import { rule00311 } from './00311';
import { rule00313 } from './00313';
import { rule00400 } from './00400';
import { rule00401 } from './00401';
import { rule00403 } from './00403';
import { rule00404 } from './00404';
import { rule00411 } from './00411';
import { rule00413 } from './00413';
import { rule00414 } from './00414';
import { rule00415 } from './00415';
import { rule00417 } from './00417';
import { rule00418 } from './00418';
import { rule00419 } from './00419';
import { rule00420 } from './00420';
import { rule00421 } from './00421';
import { rule00422 } from './00422';
import { rule00423 } from './00423';
import { rule00425 } from './00425';
import { rule00427 } from './00427';
import { rule00428 } from './00428';
import { rule00429 } from './00429';
import { rule00430 } from './00430';
import { rule00437 } from './00437';
import { rule00438 } from './00438';
import { rule00443 } from './00443';
import { rule00444 } from './00444';
import { rule00445 } from './00445';
import { check00460, rule00460 } from './00460';
import { rule00471 } from './00471';
import { rule00472 } from './00472';
import { rule00473 } from './00473';
import { rule00474 } from './00474';
import { rule00475 } from './00475';
import { rule00476 } from './00476';
import { rule00477 } from './00477';
import { todayInRome } from './helpers';
import { isSemplificata } from './parties';
import type { SdiFinding, SdiRule, SdiRuleContext, SdiRuleOptions } from './types';

export type { SdiFinding, SdiRule, SdiRuleOptions } from './types';
export { expectedPrezzoTotale } from './00423';
export { check00460 };

/** In SdI's own order: identifiers, delivery, then the body checks by code. */
export const SDI_RULES: readonly SdiRule[] = [
	rule00300, rule00301, rule00302, rule00303, rule00304, rule00305, rule00306,
	rule00311, rule00313,
	rule00400, rule00401, rule00403, rule00404, rule00411, rule00413, rule00414, rule00415, rule00417, rule00418, rule00419,
	rule00420, rule00421, rule00422, rule00423, rule00425, rule00427, rule00428, rule00429, rule00430,
	rule00437, rule00438, rule00443, rule00444, rule00445,
	rule00460, rule00471, rule00472, rule00473, rule00474, rule00475, rule00476, rule00477,
];

/**
 * The rules SdI applies to a fattura semplificata (FSM10): those with checkSemplificata. Sources:
 * AdE "Elenco dei controlli effettuati sul file fattura del Sistema di Interscambio" v2.0
 * (31/01/2025): the registry checks of the trasmittente's, cedente's, fiscal representatives'
 * and cessionario's ids (00300-00306, "Verifica di validità del contenuto della fattura", pp. 7-8), 00403,
 * 00404, 00417, 00425, 00428 and 00476, which read fields the semplificata has at the same place or
 * under its own names; 00427, which names FSM10 (p. 33; in XML the FSM10 XSD already refuses 6
 * characters, a model can still carry them); 00471, TD07 since specifiche tecniche v1.7.1; 00460,
 * the semplificata's own limit (DPR 633/72 art. 21-bis, DM 10 May 2019). Every other rule says in
 * FSM10_NOT_APPLIED why it does not run on FSM10, so a new rule cannot be left out by oversight.
 */
export const SDI_RULES_SEMPLIFICATA: readonly SdiRule[] = SDI_RULES.filter((r) => r.checkSemplificata);

const NO_RIEPILOGO = 'FSM10 has no DatiRiepilogo block';
const NOT_FSM10_TYPE = 'its TipoDocumento values do not exist in FSM10 (TD07-TD09 only)';
const ORDINARIA_PATHS = "the official pseudo-code reads ordinaria fields only; an FSM10 variant is not in AdE's documents at hand, so it would be a guess";

/** Why each rule without checkSemplificata does not run on a fattura semplificata. */
export const FSM10_NOT_APPLIED: Readonly<Record<string, string>> = {
	'00304': 'the FSM10 RappresentanteFiscale has no CodiceFiscale',
	'00313': 'its source (specifiche tecniche v1.5) and the Elenco dei controlli v2.0 do not extend it to FSM10',
	'00400': `${ORDINARIA_PATHS} (DettaglioLinee/AliquotaIVA and Natura; FSM10 has DatiIVA)`,
	'00401': `${ORDINARIA_PATHS} (DettaglioLinee/AliquotaIVA and Natura; FSM10 has DatiIVA)`,
	'00411': 'FSM10 has no Ritenuta nor DatiRitenuta',
	'00413': 'FSM10 has no DatiCassaPrevidenziale',
	'00414': 'FSM10 has no DatiCassaPrevidenziale',
	'00415': 'FSM10 has no DatiCassaPrevidenziale nor DatiRitenuta',
	'00418': `${ORDINARIA_PATHS} (TD04 with DatiFattureCollegate; FSM10 has TD08 with DatiFatturaRettificata)`,
	'00419': NO_RIEPILOGO,
	'00420': NO_RIEPILOGO,
	'00421': NO_RIEPILOGO,
	'00422': NO_RIEPILOGO,
	'00423': 'FSM10 has no DettaglioLinee/PrezzoTotale',
	'00429': NO_RIEPILOGO,
	'00430': NO_RIEPILOGO,
	'00437': 'FSM10 has no ScontoMaggiorazione',
	'00438': 'FSM10 has no ScontoMaggiorazione',
	'00443': NO_RIEPILOGO,
	'00444': NO_RIEPILOGO,
	'00445': `${ORDINARIA_PATHS} (DettaglioLinee, DatiCassaPrevidenziale and DatiRiepilogo Natura)`,
	'00472': NOT_FSM10_TYPE,
	'00473': NOT_FSM10_TYPE,
	'00474': NOT_FSM10_TYPE,
	'00475': NOT_FSM10_TYPE,
	'00477': 'FSM10 has no AltriDatiGestionali for a dichiarazione d\'intento',
};

/**
 * Runs SdI's semantic rules on a parsed invoice (parseFatturaPA) or a semplificata
 * (parseFatturaSemplificata: the rules of SDI_RULES_SEMPLIFICATA). Never throws on incomplete models: what is structurally
 * wrong is validateStructure's job.
 */
export function runSdiRules(model: FatturaElettronica | FatturaSemplificata, options: SdiRuleOptions = {}): SdiFinding[] {
	if (!model || typeof model !== 'object') throw new TypeError('runSdiRules: expected an invoice model from parseFatturaPA or buildModel');
	const receivedOn = options.receivedOn ?? todayInRome();
	if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) throw new RangeError(`runSdiRules: receivedOn must be YYYY-MM-DD, got ${JSON.stringify(receivedOn)}`);
	const ruleOptions = { receivedOn, serverSideWarnings: options.serverSideWarnings ?? true };
	const chosen = (r: SdiRule) => (!options.only || options.only.includes(r.code)) && (!r.serverSide || ruleOptions.serverSideWarnings);
	if (isSemplificata(model)) {
		const ctx = { model, options: ruleOptions };
		return SDI_RULES_SEMPLIFICATA.filter(chosen).flatMap((r) => r.checkSemplificata!(ctx));
	}
	const ctx: SdiRuleContext = { model, options: ruleOptions };
	return SDI_RULES.filter(chosen).flatMap((r) => r.check(ctx));
}

/** Only the findings SdI would reject the file for. */
export function sdiErrors(findings: SdiFinding[]): SdiFinding[] {
	return findings.filter((f) => f.severity === 'error');
}

