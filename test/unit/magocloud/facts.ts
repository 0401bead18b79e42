/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** The compiled Mago facts and the MagicLink samples (../shared/specs/mago4), read in place. */
import * as fs from 'node:fs';
import { specPath } from '../../helpers/specs';

export const MAGO_FACTS_FILE = 'mago4/endpoints.json';
export const MAGICLINK_SAMPLES = 'mago4/magiclink-samples';

export function magoFacts(): any {
	return JSON.parse(fs.readFileSync(specPath(MAGO_FACTS_FILE), 'utf8'));
}

export function magicLinkSamples(): { name: string; xml: string }[] {
	const dir = specPath(MAGICLINK_SAMPLES);
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.xml'))
		.sort()
		.map((name) => ({ name, xml: fs.readFileSync(`${dir}/${name}`, 'utf8') }));
}

/** The JSON object inside a facts line like 'Authorization: {...}   (comment)'. */
export function jsonInLine(line: string): any {
	const start = line.indexOf('{');
	let depth = 0;
	for (let i = start; i < line.length; i++) {
		if (line[i] === '{') depth++;
		if (line[i] === '}' && --depth === 0) return JSON.parse(line.slice(start, i + 1).replace(/\{ProducerKey,AppKey\}/, '{"ProducerKey":"","AppKey":""}'));
	}
	throw new Error(`no JSON in ${line}`);
}

export const keys = { producerKey: 'PRODUCER-1', appKey: 'APP-1' };
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
