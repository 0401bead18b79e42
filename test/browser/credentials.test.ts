/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */
/**
 * The credential forms as a consultant meets them: opening a demo credential tests it against the
 * emulator ("Connection tested successfully"); a wrong secret, saved, gives a message that says
 * what to fix and never shows the secret; putting the right one back turns it green again.
 */
import type { Page } from 'playwright-core';

import { screenshot, signedInForThisFile } from './browser';
import { demoInfo } from './demo';

let page: Page;
const demo = demoInfo();
signedInForThisFile((signedIn) => (page = signedIn));

const FIC = { credential: 'Fatture in Cloud (demo emulator)', field: 'accessToken', good: () => demo.ficToken, expected: /refused the access token/ };
/**
 * KNOWN BUG, shown by this test (jest's test.failing: it passes while the bug is there and fails,
 * asking to become a plain test, once fixed): after a first sign-in the Aruba credential holds an
 * unexpired access token, n8n calls preAuthentication only without one, so a wrong password
 * saved in the form still tests green. Fix: the token state should remember which username and
 * password it was obtained with and sign in again when they change.
 */
const ARUBA = { credential: 'Aruba Fatturazione Elettronica (demo emulator)', field: 'password', good: () => demo.aruba.premium.password, expected: /password|username|sign[- ]in|credential|401|rejected/i };

async function openCredential(name: string) {
	await page.goto(`${demo.url}/home/credentials`);
	await page.getByText(name, { exact: true }).first().click();
	const modal = page.locator('[role="dialog"]').filter({ hasText: name }).last();
	await modal.waitFor();
	return modal;
}

async function saveAndWaitForTest(modal: ReturnType<Page['locator']>): Promise<void> {
	await modal.getByRole('button', { name: 'Save' }).click();
	await modal.getByText(/Connection tested successfully|Couldn.t connect/i).first().waitFor({ timeout: 60_000 });
	await page.waitForTimeout(500);
}

async function setField(modal: ReturnType<Page['locator']>, field: string, value: string): Promise<void> {
	const input = modal.getByTestId(`parameter-input-${field}`).locator('input').first();
	await input.click();
	await input.fill(value);
}

async function checkCredential({ credential, field, good, expected }: typeof FIC): Promise<void> {
	const slug = credential.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	let modal = await openCredential(credential);
	await modal.getByText('Connection tested successfully').waitFor({ timeout: 60_000 });
	await screenshot(page, `20-credential-${slug}-ok`);

	const wrong = `wrong-${Date.now().toString(36)}-secret-value`;
	try {
		await setField(modal, field, wrong);
		await modal.getByRole('button', { name: 'Save' }).click();
		await modal.getByText(/Couldn.t connect/i).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
		const text = await modal.innerText();
		expect(text).not.toMatch(/Connection tested successfully/);
		expect(text).toMatch(/Couldn.t connect/i);
		// the node's own message (behind "More details" when n8n shortens it) names what to fix ...
		const more = modal.getByText('More details');
		if (await more.isVisible()) await more.click();
		await page.waitForTimeout(500);
		const shown = `${await modal.innerText()}\n${(await page.locator('.el-popper:visible, [role="tooltip"]:visible').allInnerTexts()).join('\n')}`;
		expect(shown).toMatch(expected);
		await screenshot(page, `21-credential-${slug}-wrong-secret`);
		// ... and shows neither the wrong secret nor the right one
		expect(shown).not.toContain(wrong);
		expect(shown).not.toContain(good());
	} finally {
		// the right secret back, whatever happened: the examples use this credential
		await setField(modal, field, good());
		await saveAndWaitForTest(modal);
	}
	await modal.getByText('Connection tested successfully').waitFor();
	await page.keyboard.press('Escape');
	// reopened, the saved credential tests green again (the examples rely on it)
	modal = await openCredential(credential);
	await modal.getByText('Connection tested successfully').waitFor({ timeout: 60_000 });
	await page.keyboard.press('Escape');
}

test(`${FIC.credential}: green against the emulator, a helpful message and no secret shown with a wrong one`, () => checkCredential(FIC));
test.failing(`${ARUBA.credential}: a wrong password saved in the form should turn the test red (known bug: stale access token)`, () => checkCredential(ARUBA));
