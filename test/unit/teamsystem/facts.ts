/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** The compiled TeamSystem facts (../shared/specs/teamsystem/endpoints.json), read in place. */
import * as fs from 'node:fs';
import { hasSpec, specPath } from '../../helpers/specs';

export const TSE_FACTS_FILE = 'teamsystem/endpoints.json';

export function tseFacts(): any {
	return JSON.parse(fs.readFileSync(specPath(TSE_FACTS_FILE), 'utf8'));
}

export function researchNotes(): string {
	const file = specPath('..', 'research', 'gestionali.md');
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

export { hasSpec };

export const cedente = {
	denominazione: 'Alfa S.r.l.',
	partitaIva: '01234567897',
	regimeFiscale: 'RF01' as const,
	indirizzo: 'Via Roma 1',
	cap: '20100',
	comune: 'Milano',
	provincia: 'MI',
};
export const cessionario = { denominazione: 'Beta S.p.A.', partitaIva: '12345678903', indirizzo: 'Via Po 2', cap: '00100', comune: 'Roma', provincia: 'RM' };
