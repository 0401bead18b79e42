/**
 * Aruba's token rules (password grant on /auth/signin, refresh with the refresh token on the same
 * endpoint; access token ~30 min, refresh token ~60 min; password sign-ins limited to 1 a minute).
 * Pure decisions: the credential's preAuthentication does the HTTP and n8n stores the state in the
 * credential itself (encrypted, in the database), so it survives executions and processes.
 */
export interface TokenState {
	accessToken?: string;
	refreshToken?: string;
	/** ISO-8601 instants */
	accessTokenExpiresAt?: string;
	refreshTokenExpiresAt?: string;
	/** the last password sign-in, to keep to 1 a minute */
	signedInAt?: string;
}

export const SIGN_IN_INTERVAL_MS = 60_000;
/** Aruba's documented lifetimes, used when an answer does not say. */
export const DEFAULT_ACCESS_SECONDS = 1800;
export const DEFAULT_REFRESH_SECONDS = 3600;
/** Do not start a refresh with a refresh token this close to its end. */
const REFRESH_MARGIN_MS = 30_000;

export type TokenPlan = { kind: 'refresh'; refreshToken: string } | { kind: 'signIn'; waitMs: number };

function instant(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/** What to do when a new access token is needed: refresh first, sign in only when that cannot work. */
export function planToken(state: TokenState, now: number): TokenPlan {
	const refreshEnds = instant(state.refreshTokenExpiresAt);
	if (state.refreshToken && (refreshEnds === undefined || refreshEnds - REFRESH_MARGIN_MS > now)) {
		return { kind: 'refresh', refreshToken: state.refreshToken };
	}
	return { kind: 'signIn', waitMs: signInWait(state, now) };
}

/** How long to wait before a password sign-in so that there is at most one a minute. */
export function signInWait(state: TokenState, now: number): number {
	const last = instant(state.signedInAt);
	if (last === undefined || last > now) return 0;
	return Math.max(0, last + SIGN_IN_INTERVAL_MS - now);
}

export interface TokenAnswer {
	access_token?: unknown;
	refresh_token?: unknown;
	expires_in?: unknown;
	'.expires'?: unknown;
	error?: unknown;
	error_description?: unknown;
}

/** The new state after a sign-in or refresh answer; refresh-token life is not in the answer. */
export function stateFromAnswer(answer: TokenAnswer, now: number, previous: TokenState, kind: 'refresh' | 'signIn'): TokenState {
	if (typeof answer.access_token !== 'string' || !answer.access_token) {
		throw new Error('Aruba answered the sign-in without an access_token');
	}
	const seconds = Number(answer.expires_in);
	const accessMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : instant(String(answer['.expires'] ?? '')) !== undefined ? (instant(String(answer['.expires'])) as number) - now : DEFAULT_ACCESS_SECONDS * 1000;
	const refreshToken = typeof answer.refresh_token === 'string' && answer.refresh_token ? answer.refresh_token : previous.refreshToken;
	const rotated = refreshToken !== previous.refreshToken;
	return {
		accessToken: answer.access_token,
		refreshToken,
		accessTokenExpiresAt: new Date(now + accessMs).toISOString(),
		// a new refresh token starts a new life; a kept one keeps its end
		refreshTokenExpiresAt: rotated || kind === 'signIn' ? new Date(now + DEFAULT_REFRESH_SECONDS * 1000).toISOString() : previous.refreshTokenExpiresAt,
		signedInAt: kind === 'signIn' ? new Date(now).toISOString() : previous.signedInAt,
	};
}

/** A readable sentence for a refused sign-in (never containing the password). */
export function describeSignInRefusal(status: number | undefined, body: unknown): string {
	const record = (body && typeof body === 'object' ? body : {}) as TokenAnswer;
	const description = typeof record.error_description === 'string' ? record.error_description : typeof body === 'string' ? body.slice(0, 300) : '';
	if (/premium|abilitat|deleg/i.test(description)) {
		return `Aruba refused the sign-in: ${description}. The API is available only to Premium accounts of Aruba Fatturazione Elettronica, or to accounts a Premium account has delegated: upgrade the account or ask the Premium account to delegate it.`;
	}
	if (status === 429) return 'Aruba refused the sign-in: too many sign-ins (Aruba allows one a minute). Wait a minute and try again.';
	if (record.error === 'invalid_grant' || status === 400 || status === 401) {
		return `Aruba refused the sign-in: ${description || 'wrong username or password'}. Check the username and password of the Aruba Fatturazione Elettronica account (the same as on the web portal).`;
	}
	return `Aruba sign-in failed${status ? ` (${status})` : ''}${description ? `: ${description}` : ''}`;
}
