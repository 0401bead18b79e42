/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/** Every `demoSystem` of this folder, in file-name order. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { DemoSystem } from './types';

export function demoSystems(): DemoSystem[] {
	return fs
		.readdirSync(__dirname)
		.filter((file) => /\.ts$/.test(file) && !/^(index|types)\.ts$/.test(file) && !file.endsWith('.d.ts'))
		.sort()
		.map((file) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const loaded = require(path.join(__dirname, file)) as { demoSystem?: DemoSystem };
			if (!loaded.demoSystem) throw new Error(`scripts/demo-systems/${file} exports no demoSystem`);
			return loaded.demoSystem;
		});
}
