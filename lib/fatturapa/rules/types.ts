import type { FatturaElettronica } from '../model';
import type { FatturaElettronica as FatturaSemplificata } from '../semplificata/model';

/** One SdI check that failed (or, for server-side checks, that SdI will make). */
export interface SdiFinding {
	/** SdI error code, e.g. '00422' */
	code: string;
	/** XPath-like: /FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[2]/PrezzoTotale */
	path: string;
	message_it: string;
	message_en: string;
	severity: 'error' | 'warning';
	/**
	 * true for checks only SdI can make (tax registry, duplicates, codice destinatario registry,
	 * revoked dichiarazioni d'intento): always a warning, telling what SdI will look at.
	 */
	serverSide?: true;
}

export interface SdiRuleOptions {
	/**
	 * The date SdI receives the file (YYYY-MM-DD, Italian calendar), for 00403. Default: today in
	 * Europe/Rome.
	 */
	receivedOn?: string;
	/** add warnings for checks only SdI can make (00311/00312, 00404, 00477); default true */
	serverSideWarnings?: boolean;
	/** run only these codes (e.g. ['00422', '00423']); default all */
	only?: string[];
}

export interface SdiRuleContext {
	model: FatturaElettronica;
	options: Required<Pick<SdiRuleOptions, 'receivedOn' | 'serverSideWarnings'>>;
}

/** The same options, for a fattura semplificata (FSM10). */
export interface SemplificataRuleContext {
	model: FatturaSemplificata;
	options: SdiRuleContext['options'];
}

/** Either shape: a rule written once for both takes this. */
export type AnyRuleContext = SdiRuleContext | SemplificataRuleContext;

export interface SdiRule {
	/** the SdI code this rule reports */
	code: string;
	/** what SdI rejects, in English, for documentation and listings */
	title: string;
	/** true for server-side (registry) checks that only produce warnings */
	serverSide?: boolean;
	check(ctx: SdiRuleContext): SdiFinding[];
	/**
	 * The check on a fattura semplificata (FSM10), present only for the codes SdI applies to it;
	 * where the check is the same it is the same function as check (see parties.ts/helpers.ts for
	 * the views that read both shapes).
	 */
	checkSemplificata?(ctx: SemplificataRuleContext): SdiFinding[];
}
