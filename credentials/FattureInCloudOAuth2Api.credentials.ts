import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The scopes most flows need. Fatture in Cloud grants exactly what the app asks for, so the
 * field stays editable: remove what a client's policy forbids, add what a flow needs.
 */
const DEFAULT_SCOPES = [
	'entity.clients:a',
	'entity.suppliers:a',
	'products:a',
	'issued_documents.invoices:a',
	'issued_documents.credit_notes:a',
	'issued_documents.quotes:a',
	'issued_documents.proformas:a',
	'issued_documents.receipts:a',
	'issued_documents.delivery_notes:a',
	'issued_documents.orders:a',
	'received_documents:a',
	'receipts:a',
	'taxes:a',
	'archive:a',
	'cashbook:a',
	'settings:a',
	'emails:r',
].join(' ');

export class FattureInCloudOAuth2Api implements ICredentialType {
	name = 'fattureInCloudOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Fatture in Cloud OAuth2 API';

	icon = { light: 'file:../nodes/FattureInCloud/fattureincloud.svg', dark: 'file:../nodes/FattureInCloud/fattureincloud.dark.svg' } as const;

	documentationUrl = 'https://developers.fattureincloud.it/docs/authentication/code-flow/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api-v2.fattureincloud.it',
			description: 'Leave the default for the real service; point it at an emulator to test flows without an account',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"]}}/oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"]}}/oauth/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPES,
			description: 'Space-separated Fatture in Cloud scopes, e.g. entity.clients:a issued_documents.invoices:a',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/user/info',
		},
	};
}
