/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * In-process workflow runs through real n8n-core (WorkflowExecute) with the BUILT package
 * (dist/, loaded from package.json's `n8n` field as n8n loads it). Credentials come from
 * fixtures held in memory; OAuth2 token refreshes done by n8n-core are written back, so two
 * nodes in one execution see the refreshed token, as in a real instance.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// n8n-core writes an encryption key into the user folder: keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-gi-test-'));

import {
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, LoggerProxy, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

/** What nodes log through n8n's logger during tests (kept, not printed). */
export const capturedLogs: Array<{ level: string; message: string; meta?: unknown }> = [];
const capture = (level: string) => (message: string, meta?: unknown) => {
	capturedLogs.push({ level, message, meta });
	if (capturedLogs.length > 5000) capturedLogs.splice(0, 1000);
};
const testLogger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error'), scoped: () => testLogger };
LoggerProxy.init(testLogger as never);
// Node contexts take their logger from n8n-core's own DI container (its nested @n8n packages).
{
	const fromCore = { paths: [path.dirname(require.resolve('n8n-core'))] };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', fromCore)) as { Container: { set(token: unknown, value: unknown): void } };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require(require.resolve('@n8n/backend-common', fromCore)) as { Logger: unknown };
	Container.set(Logger, testLogger);
}

export const PACKAGE_DIR = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-gestionali-italiani';

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

export async function loadPackage(): Promise<PackageDirectoryLoader> {
	if (!fs.existsSync(path.join(PACKAGE_DIR, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` (npm test builds first)');
	}
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

function nodeTypesOf(loader: PackageDirectoryLoader): INodeTypes {
	const byName = (type: string): INodeType | IVersionedNodeType => {
		const short = type.replace(`${PACKAGE_NAME}.`, '');
		const entry = loader.nodeTypes[short];
		if (!entry) throw new Error(`node type ${type} is not in the package`);
		return entry.type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (type: string, version?: number) => NodeHelpers.getVersionedNodeType(byName(type), version),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
}

function resolveTemplate(template: string, credentials: ICredentialDataDecryptedObject): string {
	return template.replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => String(credentials[key] ?? ''));
}

/** Credential store + the parts of n8n's CredentialsHelper the nodes reach. */
export class FixtureCredentialsHelper extends ICredentialsHelper {
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly store: Record<string, ICredentialDataDecryptedObject>,
		private readonly credentialTypes: Record<string, ICredentialType>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const type = this.credentialTypes[name];
		const parents = type?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialTypes[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(authenticate.properties.headers ?? {})) headers[key] = resolveTemplate(String(value), credentials);
		const qs = { ...(requestOptions.qs ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(authenticate.properties.qs ?? {})) qs[key] = resolveTemplate(String(value), credentials);
		return { ...requestOptions, headers, qs };
	}

	/** Sign-ins done through credential preAuthentication (tests count them). */
	readonly preAuthentications: Array<{ type: string; expired: boolean }> = [];

	/**
	 * As n8n's CredentialsHelper: when the type has a hidden `expirable` field that is empty, or the
	 * call was answered 401, run the type's preAuthentication and store what it returns in the
	 * credential (so later calls, executions and nodes reuse it).
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes[typeName];
		const expirable = type?.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
		if (!type?.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		this.preAuthentications.push({ type: typeName, expired: credentialsExpired });
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		if (node.credentials?.[typeName]) {
			this.store[typeName] = { ...this.store[typeName], ...output };
			this.updates.push({ type: typeName, data: this.store[typeName] });
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('getCredentials is not used by the harness');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _node: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[type];
		if (!data) throw new Error(`no fixture credential of type ${type}`);
		return JSON.parse(JSON.stringify(data)) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(_node: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store[type] = data;
		this.updates.push({ type, data });
	}

	async updateCredentialsOauthTokenData(_node: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store[type] = { ...this.store[type], oauthTokenData: data.oauthTokenData };
		this.updates.push({ type, data });
	}

	getCredentialsProperties(type: string) {
		return this.credentialTypes[type]?.properties ?? [];
	}
}

export interface WorkflowFixture {
	nodes: INode[];
	connections: Record<string, unknown>;
	staticData?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first run, main output `output` (default 0). */
	output(nodeName: string, output?: number): INodeExecutionData[];
	error(): Error | undefined;
	credentials: FixtureCredentialsHelper;
	staticData: IDataObject;
}

export interface Prepared {
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: FixtureCredentialsHelper;
	nodes: INode[];
}

/** The Workflow and additionalData n8n-core needs, for workflow runs and for trigger contexts. */
export async function prepare(
	fixture: WorkflowFixture,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { staticData?: IDataObject; credentialsHelper?: FixtureCredentialsHelper; webhookBaseUrl?: string; workflowId?: string } = {},
): Promise<Prepared> {
	const loader = await loadPackage();
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const [name, entry] of Object.entries(loader.credentialTypes)) credentialTypes[name] = entry.type;
	// oAuth2Api is n8n's own base type: the harness only needs its name as a parent.
	credentialTypes.oAuth2Api ??= { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] };
	const credentialsHelper = options.credentialsHelper ?? new FixtureCredentialsHelper(credentials, credentialTypes);
	const staticData = options.staticData ?? fixture.staticData ?? {};

	const nodes = fixture.nodes.map((node) => ({
		...node,
		type: node.type.includes('.') ? node.type : `${PACKAGE_NAME}.${node.type}`,
		credentials: node.credentials,
	}));
	const workflow = new Workflow({
		id: options.workflowId ?? 'test-workflow',
		name: 'test',
		nodes,
		connections: fixture.connections as never,
		active: false,
		nodeTypes: nodeTypesOf(loader),
		staticData,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', { id: 'test-workflow', name: 'test', nodes, connections: fixture.connections } as never);
	const base = options.webhookBaseUrl ?? 'http://localhost:5678';
	const additionalData = {
		hooks,
		credentialsHelper,
		executionId: 'test-execution',
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		currentNodeExecutionIndex: 0,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('code runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, additionalData, credentialsHelper, nodes };
}

export async function runWorkflow(
	fixture: WorkflowFixture,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	input: INodeExecutionData[] = [{ json: {} }],
	options: { staticData?: IDataObject; credentialsHelper?: FixtureCredentialsHelper } = {},
): Promise<RunResult> {
	const { workflow, additionalData, credentialsHelper, nodes } = await prepare(fixture, credentials, options);
	// The first node nothing connects into: fixtures start at an action node with the given input.
	const targets = new Set(Object.values(fixture.connections).flatMap((c) => ((c as { main?: Array<Array<{ node: string }>> }).main ?? []).flat().map((t) => t.node)));
	const startNode = workflow.getNode(nodes.find((node) => !targets.has(node.name))?.name ?? '');
	if (!startNode) throw new Error('the fixture has no start node');
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }],
		},
	});
	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runData);
	const run = await workflowExecute.processRunExecutionData(workflow);
	return {
		run,
		output(nodeName: string, output = 0) {
			const taskData = run.data.resultData.runData[nodeName]?.[0];
			if (!taskData) throw new Error(`node ${nodeName} did not run${run.data.resultData.error ? `: ${run.data.resultData.error.message}` : ''}`);
			if (taskData.error) throw taskData.error;
			return taskData.data?.main?.[output] ?? [];
		},
		error() {
			return run.data.resultData.error as Error | undefined;
		},
		credentials: credentialsHelper,
		staticData: workflow.staticData as IDataObject,
	};
}

/** A workflow of nodes in a chain, named as given; the first is the start node. */
export function chain(...nodes: Array<Omit<INode, 'id' | 'position' | 'typeVersion'> & { typeVersion?: number }>): WorkflowFixture {
	const full = nodes.map((node, index) => ({ id: `node-${index}`, position: [index * 200, 0] as [number, number], typeVersion: 1, ...node }));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < full.length - 1; i++) {
		connections[full[i].name] = { main: [[{ node: full[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: full as INode[], connections };
}
