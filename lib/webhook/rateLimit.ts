/**
 * Per-IP fixed-window rate limit (100 requests a minute by default). State is plain JSON for
 * workflow static data; old windows and IPs are pruned so memory stays bounded.
 */
export interface RateLimitState {
	/** ip -> [window start ms, count] */
	windows?: Record<string, [number, number]>;
}

export interface RateLimitOptions {
	limit: number;
	windowMs: number;
	maxTrackedIps: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 100, windowMs: 60_000, maxTrackedIps: 10_000 };

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export function takeToken(state: RateLimitState, ip: string, now: number, options: RateLimitOptions = DEFAULT_RATE_LIMIT): RateLimitDecision {
	const windows = (state.windows ??= {});
	const current = windows[ip];
	if (!current || now - current[0] >= options.windowMs) {
		windows[ip] = [now, 1];
		const ips = Object.keys(windows);
		if (ips.length > options.maxTrackedIps) {
			for (const key of ips) if (now - windows[key][0] >= options.windowMs) delete windows[key];
		}
		return { allowed: true, remaining: options.limit - 1 };
	}
	if (current[1] >= options.limit) {
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((current[0] + options.windowMs - now) / 1000)) };
	}
	current[1]++;
	return { allowed: true, remaining: options.limit - current[1] };
}
