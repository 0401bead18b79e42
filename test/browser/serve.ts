/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * Developing a browser test: starts the suite's set-up and keeps it running (SIGTERM stops it);
 * then `GI_BROWSER_REUSE=1 npx jest -c jest.browser.config.js <file>` reuses it.
 */
import globalSetup from './globalSetup';
import globalTeardown from './globalTeardown';

void globalSetup().then(() => {
	process.on('SIGTERM', () => void globalTeardown().then(() => process.exit(0)));
	process.on('SIGINT', () => void globalTeardown().then(() => process.exit(0)));
});
