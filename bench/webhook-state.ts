/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Cost per call of the webhook state (replay ids, per-IP windows) as the tables fill, beside the
 * previous implementation (plain objects, a full scan of every id or IP on each call), in the
 * same run.
 *
 *   TS_NODE_PROJECT=tsconfig.test.json node -r ts-node/register/transpile-only bench/webhook-state.ts
 *
 * Replay: N ids already held (within the TTL), then 2,000 fresh ids. Rate limit: N IPs inside one
 * window, then 2,000 new IPs. Ours should stay flat as N grows; the peer grows with N.
 * No assertions: a benchmark prints.
 */
import { RateLimiter } from '../lib/webhook/rateLimit';
import { ReplayCache } from '../lib/webhook/replayCache';

/** The previous replay cache (this project's own, before Map): expiry scan of all ids on every call. */
function previousRememberId(seen: Record<string, number>, id: string, now: number, ttlMs: number, maxEntries: number): boolean {
	for (const [key, at] of Object.entries(seen)) if (now - at > ttlMs) delete seen[key];
	if (seen[id] !== undefined) return false;
	seen[id] = now;
	const keys = Object.keys(seen);
	if (keys.length > maxEntries) {
		keys.sort((a, b) => seen[a] - seen[b]);
		for (const key of keys.slice(0, keys.length - maxEntries)) delete seen[key];
	}
	return true;
}

/** The previous rate limiter: Object.keys of all IPs on every new window. */
function previousTakeToken(windows: Record<string, [number, number]>, ip: string, now: number, windowMs: number, maxTrackedIps: number): void {
	const current = windows[ip];
	if (!current || now - current[0] >= windowMs) {
		windows[ip] = [now, 1];
		const ips = Object.keys(windows);
		if (ips.length > maxTrackedIps) for (const key of ips) if (now - windows[key][0] >= windowMs) delete windows[key];
		return;
	}
	current[1]++;
}

const CALLS = 2000;
const microsPerCall = (fn: () => void) => {
	const start = process.hrtime.bigint();
	fn();
	return Number(process.hrtime.bigint() - start) / 1000 / CALLS;
};

console.log('replay cache: µs per call with N ids held (TTL 24 h, cap 5,000)');
for (const n of [100, 1000, 4900]) {
	const ttlMs = 24 * 3600 * 1000;
	const ours = new ReplayCache({ ttlMs, maxEntries: 5000 });
	const theirs: Record<string, number> = {};
	for (let i = 0; i < n; i++) {
		ours.remember(`held-${i}`, i);
		previousRememberId(theirs, `held-${i}`, i, ttlMs, 5000);
	}
	const a = microsPerCall(() => {
		for (let i = 0; i < CALLS; i++) ours.remember(`new-${i}`, n + i);
	});
	const b = microsPerCall(() => {
		for (let i = 0; i < CALLS; i++) previousRememberId(theirs, `new-${i}`, n + i, ttlMs, 5000);
	});
	console.log(`  N=${String(n).padStart(5)}  ours ${a.toFixed(2)} µs  previous ${b.toFixed(2)} µs  ratio previous/ours ${(b / a).toFixed(1)}x`);
}

console.log('rate limit: µs per new IP with N IPs inside the window (cap 10,000)');
for (const n of [100, 1000, 10_000]) {
	const ours = new RateLimiter();
	const theirs: Record<string, [number, number]> = {};
	const options = { limit: 100, windowMs: 60_000, maxTrackedIps: 10_000 };
	for (let i = 0; i < n; i++) {
		ours.take(`10.0.${i >> 8}.${i & 255}`, 0, options);
		previousTakeToken(theirs, `10.0.${i >> 8}.${i & 255}`, 0, 60_000, 10_000);
	}
	const a = microsPerCall(() => {
		for (let i = 0; i < CALLS; i++) ours.take(`172.16.${i >> 8}.${i & 255}`, 1, options);
	});
	const b = microsPerCall(() => {
		for (let i = 0; i < CALLS; i++) previousTakeToken(theirs, `172.16.${i >> 8}.${i & 255}`, 1, 60_000, 10_000);
	});
	console.log(`  N=${String(n).padStart(5)}  ours ${a.toFixed(2)} µs (tracked ${ours.trackedIps})  previous ${b.toFixed(2)} µs (tracked ${Object.keys(theirs).length})  ratio previous/ours ${(b / a).toFixed(1)}x`);
}
