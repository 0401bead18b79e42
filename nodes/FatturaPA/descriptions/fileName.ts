import type { INodeProperties } from 'n8n-workflow';

const SHOW = { operation: ['fileName'] };

export const FILE_NAME_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'fileNameMode',
		type: 'options',
		default: 'next',
		displayOptions: { show: SHOW },
		options: [
			{ name: 'Next Progressivo', value: 'next', description: 'The name with the progressivo after the last one used' },
			{ name: 'Given Progressivo', value: 'given', description: 'The name with the progressivo you give' },
			{ name: 'Read a File Name', value: 'read', description: 'Split an SdI file name into its parts' },
		],
	},
	{
		displayName: 'ID Paese',
		name: 'idPaese',
		type: 'string',
		default: 'IT',
		description: 'Country of the transmitter',
		displayOptions: { show: { ...SHOW, fileNameMode: ['next', 'given'] } },
	},
	{
		displayName: 'ID Codice',
		name: 'idCodice',
		type: 'string',
		default: '',
		required: true,
		placeholder: '01234567897',
		description: 'The transmitter’s partita IVA or codice fiscale',
		displayOptions: { show: { ...SHOW, fileNameMode: ['next', 'given'] } },
	},
	{
		displayName: 'Last Progressivo',
		name: 'lastProgressivo',
		type: 'string',
		default: '',
		placeholder: '0000Z',
		description: 'The last progressivo used; empty: start at 00001',
		displayOptions: { show: { ...SHOW, fileNameMode: ['next'] } },
	},
	{
		displayName: 'Progressivo',
		name: 'progressivo',
		type: 'string',
		default: '',
		required: true,
		description: '1 to 5 letters or digits',
		displayOptions: { show: { ...SHOW, fileNameMode: ['given'] } },
	},
	{
		displayName: 'Extension',
		name: 'extension',
		type: 'options',
		default: 'xml',
		displayOptions: { show: { ...SHOW, fileNameMode: ['next', 'given'] } },
		options: [
			{ name: 'XML (.xml)', value: 'xml' },
			{ name: 'Signed XML (.xml.p7m)', value: 'xml.p7m' },
			{ name: 'ZIP Archive (.zip)', value: 'zip' },
		],
	},
	{
		displayName: 'File Name',
		name: 'fileNameToRead',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'IT01234567897_00001.xml',
		displayOptions: { show: { ...SHOW, fileNameMode: ['read'] } },
	},
];
