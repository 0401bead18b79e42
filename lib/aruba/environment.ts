/**
 * Aruba Fatturazione Elettronica has two hosts per environment: the auth host (sign-in, account,
 * multicedenti) and the web-service host (invoices, notifications). Facts from
 * shared/research/gestionali.md section 1.
 */
export type ArubaEnvironment = 'demo' | 'production' | 'custom';

export interface ArubaHosts {
	auth: string;
	ws: string;
}

export const ARUBA_HOSTS: Record<Exclude<ArubaEnvironment, 'custom'>, ArubaHosts> = {
	demo: { auth: 'https://demoauth.fatturazioneelettronica.aruba.it', ws: 'https://demows.fatturazioneelettronica.aruba.it' },
	production: { auth: 'https://auth.fatturazioneelettronica.aruba.it', ws: 'https://ws.fatturazioneelettronica.aruba.it' },
};

/** Aruba transmits as intermediary: its IdTrasmittente and its own codice destinatario. */
export const ARUBA_ID_TRASMITTENTE = { IdPaese: 'IT', IdCodice: '01879020517' } as const;
export const ARUBA_CODICE_DESTINATARIO = 'KRRH6B9';
export const ARUBA_MAX_FILE_BYTES = 5 * 1024 * 1024;

function trimSlash(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** The two base URLs a credential points at; custom URLs must both be http(s). */
export function hostsOf(settings: { environment?: unknown; authUrl?: unknown; wsUrl?: unknown }): ArubaHosts {
	const environment = (settings.environment ?? 'production') as ArubaEnvironment;
	if (environment === 'demo' || environment === 'production') return ARUBA_HOSTS[environment];
	if (environment !== 'custom') throw new Error(`Environment must be "demo", "production" or "custom", got "${String(environment)}"`);
	const auth = trimSlash(String(settings.authUrl ?? ''));
	const ws = trimSlash(String(settings.wsUrl ?? ''));
	for (const [field, value] of [['Auth Base URL', auth], ['Web Service Base URL', ws]] as const) {
		if (!/^https?:\/\/[^\s/]+/i.test(value)) throw new Error(`${field}: expected an http(s) URL such as https://auth.example.it, got "${value}"`);
	}
	return { auth, ws };
}
