/**
 * MagoCloud's headers carry JSON objects, not tokens (Microarea engineer's samples,
 * mago-cloud-api: CatalogController.cs and magoAPIClient.js):
 *   Authorization: {"Type":"jwt","appId":"MagoAPI","SecurityValue":"<jwt>"}   (not "Bearer")
 *   Producer-Info: {"ProducerKey":"..","AppKey":".."}
 *   Snapshot:      {"SubscriptionKey":".."}
 *   Server-Info:   {"subscription":"..","gmtOffset":-60,"date":{"day":1,"month":1,"year":2024}}
 * A header value must stay printable ASCII on one line, so every value is checked here: a key
 * pasted with a line break can never smuggle another header.
 */
import { MagoInputError } from './errors';

const PRINTABLE = /^[\x21-\x7e]+$/;

export function requireHeaderValue(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new MagoInputError(field, 'is required');
	if (!PRINTABLE.test(text)) throw new MagoInputError(field, 'expected printable ASCII without spaces or line breaks (paste the value again)');
	return text;
}

export const MAGO_API_APP_ID = 'MagoAPI';

export function authorizationHeader(token: string, appId = MAGO_API_APP_ID): Record<'Authorization', string> {
	return { Authorization: JSON.stringify({ Type: 'jwt', appId: requireHeaderValue(appId, 'appId'), SecurityValue: requireHeaderValue(token, 'token') }) };
}

export interface ProducerKeys {
	producerKey: string;
	appKey: string;
}

export function producerInfoHeader(keys: ProducerKeys): Record<'Producer-Info', string> {
	return { 'Producer-Info': JSON.stringify({ ProducerKey: requireHeaderValue(keys.producerKey, 'producerKey'), AppKey: requireHeaderValue(keys.appKey, 'appKey') }) };
}

export function snapshotHeader(subscriptionKey: string): Record<'Snapshot', string> {
	return { Snapshot: JSON.stringify({ SubscriptionKey: requireHeaderValue(subscriptionKey, 'subscriptionKey') }) };
}

/**
 * The application date of a TbServer call. The samples write gmtOffset -60 (minutes, CET as
 * JavaScript's getTimezoneOffset gives it) and the month from JavaScript's 0-based getMonth();
 * the compiled facts show month 1 for January. We send the calendar month (1-12) of `date`
 * in the given offset: see README, "assumptions".
 */
export function serverInfoHeader(subscriptionKey: string, date: Date, gmtOffsetMinutes = -60): Record<'Server-Info', string> {
	if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new MagoInputError('applicationDate', 'expected a valid date');
	if (!Number.isSafeInteger(gmtOffsetMinutes) || Math.abs(gmtOffsetMinutes) > 14 * 60) throw new MagoInputError('gmtOffset', 'expected minutes between -840 and 840');
	const local = new Date(date.getTime() - gmtOffsetMinutes * 60_000);
	return {
		'Server-Info': JSON.stringify({
			subscription: requireHeaderValue(subscriptionKey, 'subscriptionKey'),
			gmtOffset: gmtOffsetMinutes,
			date: { day: local.getUTCDate(), month: local.getUTCMonth() + 1, year: local.getUTCFullYear() },
		}),
	};
}

/** The four headers a TbServer (MagicLink) call carries in the samples. */
export function tbServerHeaders(token: string, keys: ProducerKeys, subscriptionKey: string, applicationDate: Date): Record<string, string> {
	return {
		'Content-Type': 'application/json',
		...producerInfoHeader(keys),
		...authorizationHeader(token),
		...snapshotHeader(subscriptionKey),
		...serverInfoHeader(subscriptionKey, applicationDate),
	};
}
