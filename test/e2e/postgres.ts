/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * A throwaway local PostgreSQL (Debian's package) on loopback for e2e tests: its own data folder,
 * a free port, started and stopped by the test. Stands in for Supabase.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from './n8n';

export interface LocalPostgres {
	port: number;
	user: string;
	password: string;
	database: string;
	query(sql: string): string;
	stop(): void;
}

function pgBin(name: string): string {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
	const version = fs.readdirSync(root).sort().pop()!;
	return path.join(root, version, 'bin', name);
}

export interface PostgresOptions {
	/** A PostgreSQL installation's bin/ parent to run instead of Debian's (the queue-mode suite runs 17). */
	installDir?: string;
	/** Extra server settings, e.g. '-c max_connections=200'. */
	settings?: string;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<LocalPostgres> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-e2e-'));
	fs.chmodSync(dir, 0o777);
	let bin = (name: string) => pgBin(name);
	if (options.installDir) {
		// a folder under root's home, which the postgres user cannot enter: a copy it can run
		execFileSync('cp', ['-a', options.installDir, path.join(dir, 'pg')]);
		bin = (name) => path.join(dir, 'pg', 'bin', name);
	}
	const data = path.join(dir, 'data');
	const asPostgres = (command: string) => execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	asPostgres(`${bin('initdb')} -D ${data} -A trust -U postgres >${dir}/initdb.log 2>&1`);
	asPostgres(`${bin('pg_ctl')} -D ${data} -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${options.settings ?? ''}" -l ${dir}/log -w start >/dev/null`);
	const user = 'gi_e2e';
	const password = 'gi-e2e-password-not-a-secret';
	const database = 'gi_e2e';
	// Debian's psql client talks to either server
	const psql = (sql: string, db = 'postgres', as = 'postgres') =>
		execFileSync(pgBin('psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', as, '-d', db, '-At', '-c', sql], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: as === user ? password : '' } });
	psql(`CREATE USER ${user} WITH PASSWORD '${password}'`);
	psql(`CREATE DATABASE ${database} OWNER ${user}`);
	return {
		port,
		user,
		password,
		database,
		query: (sql) => psql(sql, database, user),
		stop: () => {
			try {
				asPostgres(`${bin('pg_ctl')} -D ${data} -m fast -w stop >/dev/null`);
			} catch {
				// already stopped
			}
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
