/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The SDI simulation, lazy on the virtual clock: run() handles every due event in time order
 * (events may schedule later ones), before each request and on advance().
 *
 * Timeline after an upload at T (d = sdiDelayMs):
 *   T+d   SDI takes the file (idSdi) and decides: scripted outcome, else NS with lib/fatturapa's
 *         error findings, else FPR12 MC (0000000 without PEC) / RC, FPA12 RC.
 *   FPA12 RC (unscripted or scripted NE) -> NE at T+2d (EC01 unless EC02 scripted).
 *   FPA12 scripted RC -> no NE -> DT 15 days after the RC.
 *   FPA12 MC -> AT 10 days after the MC.
 */
import * as crypto from 'node:crypto';

import { notificationFileName, validateFatturaPA } from '../../../lib/fatturapa';
import { notificationXml } from './notificationsXml';
import type { ArubaState, InvoiceRecord, NotificationType, SdiOutcome, StoredNotification } from './state';
import { DAY, hexId, isoRome, romeDate } from './util';

const STATUS: Record<string, { status: string; description: string }> = {
	RC: { status: 'Consegnata', description: 'Fattura consegnata al destinatario' },
	NS: { status: 'Scartata', description: 'Fattura scartata dallo SdI' },
	MC: { status: 'Non Consegnata', description: 'Mancata consegna: la fattura è a disposizione del destinatario nella sua area riservata' },
	EC01: { status: 'Accettata', description: 'Fattura accettata dal committente (EC01)' },
	EC02: { status: 'Rifiutata', description: 'Fattura rifiutata dal committente (EC02)' },
	DT: { status: 'Decorrenza Termini', description: 'Decorsi i termini senza esito del committente' },
	AT: { status: 'Non Consegnata', description: 'Attestazione di avvenuta trasmissione con impossibilità di recapito' },
};

/** The NS error list lib/fatturapa would give SDI's way: SDI codes as they are, XSD problems as 00200. */
export function validationErrors(xml: Buffer, receivedOn: string): Array<{ codice: string; descrizione: string; suggerimento?: string }> {
	const result = validateFatturaPA(new Uint8Array(xml), { receivedOn, serverSideWarnings: false });
	const errors: Array<{ codice: string; descrizione: string; suggerimento?: string }> = [];
	for (const f of result.findings) {
		if (f.severity !== 'error') continue;
		const sdiCode = /^\d{5}$/.test(f.code);
		const codice = sdiCode ? f.code : '00200';
		const descrizione = sdiCode ? f.message_it : `File non conforme al formato: ${f.message_it}`;
		if (errors.some((e) => e.codice === codice && e.descrizione === descrizione)) continue;
		errors.push({ codice, descrizione: descrizione.slice(0, 255), suggerimento: f.path ? `Verificare il campo ${f.path}`.slice(0, 255) : undefined });
	}
	return errors;
}

function addNotification(state: ArubaState, record: InvoiceRecord, type: NotificationType, at: number, extra: { errors?: Array<{ codice: string; descrizione: string; suggerimento?: string }>; esito?: 'EC01' | 'EC02' } = {}): StoredNotification {
	const family = record.invoiceType === 'FPA12' ? 'pa' : 'b2b';
	const progressivo = record.notifications.length + 1;
	const filename = notificationFileName(record.filename, type, progressivo);
	const first = record.bodies[0];
	const xml = notificationXml({
		type,
		family,
		identificativoSdI: record.idSdi ?? '',
		nomeFile: record.filename,
		hash: crypto.createHash('sha256').update(record.file).digest('hex'),
		dataOraRicezione: isoRome(record.sdiReceivedAt ?? at),
		dataOra: isoRome(at),
		messageId: state.nextMessageId(),
		destinatario: type === 'RC' || type === 'AT' ? { codice: record.pecDestinatario && record.codiceDestinatario === '0000000' ? record.pecDestinatario : record.codiceDestinatario, descrizione: record.receiver.description } : undefined,
		errors: extra.errors,
		esito: extra.esito,
		riferimentoFattura: type === 'NE' && first ? { numeroFattura: first.number, annoFattura: first.invoiceDate.slice(0, 4) } : undefined,
		descrizione:
			type === 'MC'
				? `Non è stato possibile recapitare la fattura al destinatario (Codice Destinatario: ${record.codiceDestinatario}): è a disposizione nella sua area riservata`
				: type === 'DT'
					? 'Decorsi 15 giorni dalla consegna senza esito del committente'
					: type === 'NE'
						? extra.esito === 'EC02'
							? 'Fattura rifiutata dal committente'
							: 'Fattura accettata dal committente'
						: undefined,
	});
	const notification: StoredNotification = {
		id: hexId(),
		filename,
		docType: type,
		date: at,
		notificationDate: at,
		invoiceId: record.id,
		invoiceFilename: record.filename,
		xml: Buffer.from(xml, 'utf8'),
		result: extra.esito ?? null,
		number: first?.number ?? null,
	};
	record.notifications.push(notification);
	const meaning = STATUS[type === 'NE' ? (extra.esito ?? 'EC01') : type];
	record.status = meaning.status;
	record.statusDescription = meaning.description;
	record.lastUpdate = at;
	return notification;
}

function take(state: ArubaState, record: InvoiceRecord, at: number): void {
	record.idSdi = state.nextIdSdi();
	record.sdiReceivedAt = at;
	record.lastUpdate = at;
	let outcome = record.scripted;
	if (!outcome) {
		const errors = validationErrors(record.xml, romeDate(at));
		if (errors.length) outcome = { type: 'NS', errors };
		else if (record.invoiceType === 'FPR12' && record.codiceDestinatario === '0000000' && !record.pecDestinatario) outcome = { type: 'MC' };
		else if (record.invoiceType === 'FPA12') outcome = { type: 'NE', esito: 'EC01' };
		else outcome = { type: 'RC' };
	}
	record.outcome = outcome;
	const d = state.options.sdiDelayMs;
	switch (outcome.type) {
		case 'NS':
			addNotification(state, record, 'NS', at, { errors: Array.isArray(outcome.errors) && outcome.errors.length ? outcome.errors : [{ codice: '00200', descrizione: 'File non conforme al formato' }] });
			return;
		case 'MC':
			addNotification(state, record, 'MC', at);
			if (record.invoiceType === 'FPA12') state.schedule(at + 10 * DAY, record.id, 'AT');
			return;
		case 'RC':
			addNotification(state, record, 'RC', at);
			if (record.invoiceType === 'FPA12') state.schedule(at + 15 * DAY, record.id, 'DT');
			return;
		case 'NE':
			addNotification(state, record, 'RC', at);
			if (record.invoiceType === 'FPA12') state.schedule(at + d, record.id, 'NE');
			return;
	}
}

/** Handles every SDI event due at the current virtual time. */
export function runSdi(state: ArubaState): void {
	const now = state.now();
	for (;;) {
		const due = state.events.filter((e) => e.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
		if (!due) return;
		state.events.splice(state.events.indexOf(due), 1);
		const record = state.invoices.find((i) => i.id === due.invoiceId);
		if (!record) continue;
		switch (due.kind) {
			case 'take':
				take(state, record, due.at);
				break;
			case 'NE':
				addNotification(state, record, 'NE', due.at, { esito: record.outcome?.type === 'NE' ? record.outcome.esito : 'EC01' });
				break;
			case 'DT':
				addNotification(state, record, 'DT', due.at);
				break;
			case 'AT':
				addNotification(state, record, 'AT', due.at);
				break;
			case 'esito':
				if (record.esitoCommittente) {
					record.esitoCommittente.status = 'Consegnato';
					record.esitoCommittente.date = due.at;
					record.lastUpdate = due.at;
				}
				break;
		}
	}
}

/** For the demo seed: an uploaded invoice that SDI already delivered at `deliveredAt`. */
export function deliverNow(state: ArubaState, record: InvoiceRecord, takenAt: number): void {
	state.events = state.events.filter((e) => e.invoiceId !== record.id);
	record.scripted = { type: 'RC' };
	take(state, record, takenAt);
}
