import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The two credentials every Fatture in Cloud node accepts, chosen by `authentication`. */
export const FIC_CREDENTIALS: INodeCredentialDescription[] = [
	{ name: 'fattureInCloudOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'fattureInCloudApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
];

export const FIC_AUTHENTICATION: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2', value: 'oAuth2' },
		{ name: 'Manual Token', value: 'accessToken' },
	],
	default: 'oAuth2',
};

/** The company dropdown, loaded from /user/companies; `purpose` completes "The company ...". */
export function ficCompanyProperty(purpose: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Company Name or ID',
		name: 'companyId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCompanies' },
		required: true,
		default: '',
		description: `The company ${purpose}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		...extra,
	};
}
