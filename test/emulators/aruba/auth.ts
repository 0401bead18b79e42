/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The auth host: OWIN-style password and refresh-token grants, userInfo and the multicedente list.
 */
import type { EmulatorRequest, EmulatorResponse } from '../common/server';
import type { ArubaState } from './state';
import { json, message, token } from './util';

export const ACCESS_TTL_S = 1800;
export const REFRESH_TTL_S = 3600;
export const CLIENT_ID = 'Auth';
export const DENIED = "Authorization has been denied for this request.";
export const NOT_PREMIUM = "Utente non abilitato all'utilizzo delle API: serve un account Premium o la delega di un account Premium";

const invalidGrant = (description: string): EmulatorResponse => json(400, { error: 'invalid_grant', error_description: description });

function issue(state: ArubaState, username: string, refreshExpiresAt?: number): EmulatorResponse {
	const now = state.now();
	const access = token();
	const refresh = token();
	state.accessTokens.set(access, { username, expiresAt: now + ACCESS_TTL_S * 1000 });
	state.refreshTokens.set(refresh, { username, issuedAt: now, expiresAt: refreshExpiresAt ?? now + REFRESH_TTL_S * 1000 });
	return json(200, {
		access_token: access,
		token_type: 'bearer',
		expires_in: ACCESS_TTL_S,
		refresh_token: refresh,
		userName: username,
		'as:client_id': CLIENT_ID,
		'.issued': new Date(now).toUTCString(),
		'.expires': new Date(now + ACCESS_TTL_S * 1000).toUTCString(),
	});
}

export function signIn(state: ArubaState, req: EmulatorRequest): EmulatorResponse {
	const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
	if (!String(req.headers['content-type'] ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
		return json(400, { error: 'unsupported_grant_type', error_description: 'the body must be application/x-www-form-urlencoded' });
	}
	if (form.grant_type === 'password') {
		const username = form.username ?? '';
		// every password attempt counts towards the 1-per-minute limit, right or wrong
		const limited = state.limit('signin', username, { error: 'too_many_requests', error_description: 'Troppe richieste di autenticazione: è consentito un accesso al minuto per utente' });
		if (limited) return limited;
		const account = state.account(username);
		if (!account || account.password !== form.password) return invalidGrant('The user name or password is incorrect.');
		if (!account.premium) return invalidGrant(NOT_PREMIUM);
		state.stats.signIns++;
		return issue(state, username);
	}
	if (form.grant_type === 'refresh_token') {
		const info = state.refreshTokens.get(form.refresh_token ?? '');
		state.refreshTokens.delete(form.refresh_token ?? '');
		if (!info || info.expiresAt <= state.now()) return invalidGrant('Refresh token scaduto o non valido');
		state.stats.refreshes++;
		return issue(state, info.username, state.options.slidingRefresh ? undefined : info.expiresAt);
	}
	return json(400, { error: 'unsupported_grant_type' });
}

function page<T>(items: T[], query: Record<string, string>): Record<string, unknown> {
	const size = Math.min(100, Math.max(1, Number.parseInt(query.size ?? '10', 10) || 10));
	const number = Math.max(0, Number.parseInt(query.page ?? '0', 10) || 0);
	const content = items.slice(number * size, number * size + size);
	const totalPages = Math.ceil(items.length / size);
	return {
		content,
		totalElements: items.length,
		totalPages,
		size,
		number,
		numberOfElements: content.length,
		first: number === 0,
		last: number >= totalPages - 1,
	};
}
export { page };

export function authRoute(state: ArubaState, req: EmulatorRequest): EmulatorResponse {
	if (req.method === 'POST' && req.path === '/auth/signin') return signIn(state, req);
	const username = state.userOf(req.headers.authorization);
	const known = req.path === '/auth/userInfo' || req.path === '/auth/multicedenti' || /^\/auth\/multicedenti\/[^/]+$/.test(req.path);
	if (!known) return message(404, 'Risorsa non trovata');
	if (!username) return message(401, DENIED);
	const account = state.account(username)!;
	const mine = state.multicedenti.get(username) ?? [];
	if (req.method !== 'GET') return message(405, 'Metodo non consentito');
	if (req.path === '/auth/userInfo') {
		return json(200, {
			username: account.username,
			userDescription: account.description,
			countryCode: account.countryCode,
			vatCode: account.vatCode,
			fiscalCode: account.fiscalCode,
			pec: account.pec,
			accountType: 'PREMIUM',
			accountStatus: 'ACTIVE',
			multicedente: mine.length > 0,
			delegated: false,
		});
	}
	if (req.path === '/auth/multicedenti') {
		const q = req.query;
		const items = mine.filter(
			(m) =>
				(!q.countryCode || m.countryCode.toUpperCase() === q.countryCode.toUpperCase()) &&
				(!q.vatCode || m.vatCode === q.vatCode) &&
				(!q.status || m.status === q.status.toUpperCase()),
		);
		return json(200, page(items, q));
	}
	const id = decodeURIComponent(req.path.slice('/auth/multicedenti/'.length));
	const found = mine.find((m) => String(m.id) === id);
	return found ? json(200, found) : message(404, 'Multicedente non trovato');
}
