/**
 * Per-IP fixed-window rate limit (100 requests a minute by default). The windows live in a Map
 * (an IP string such as `__proto__` is only a key) ordered by window start, so expired windows
 * are dropped from its head: O(1) amortised per call. At most `maxTrackedIps` IPs are tracked;
 * past the cap the IP whose window started first is forgotten (its window is the nearest to
 * ending anyway), so memory stays bounded whatever the number of senders.
 */
export interface RateLimitOptions {
	limit: number;
	windowMs: number;
	maxTrackedIps: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 100, windowMs: 60_000, maxTrackedIps: 10_000 };

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Window {
	start: number;
	count: number;
}

export class RateLimiter {
	private readonly windows = new Map<string, Window>();

	get trackedIps(): number {
		return this.windows.size;
	}

	/** Counts one request from `ip`; the options may change between calls (the node's settings). */
	take(ip: string, now: number, options: RateLimitOptions = DEFAULT_RATE_LIMIT): RateLimitDecision {
		const { limit, windowMs, maxTrackedIps } = options;
		for (const [key, window] of this.windows) {
			if (now - window.start < windowMs) break;
			this.windows.delete(key);
		}
		const current = this.windows.get(ip);
		if (!current || now - current.start >= windowMs) {
			// a new window goes to the tail: the Map's order stays window-start order
			this.windows.delete(ip);
			this.windows.set(ip, { start: now, count: 1 });
			while (this.windows.size > maxTrackedIps) this.windows.delete(this.windows.keys().next().value as string);
			return { allowed: true, remaining: limit - 1 };
		}
		if (current.count >= limit) {
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((current.start + windowMs - now) / 1000)) };
		}
		current.count++;
		return { allowed: true, remaining: limit - current.count };
	}
}
