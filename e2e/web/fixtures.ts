import { test as base, expect, type Page } from '@playwright/test';
import { serveFixture, type Served } from '../support/serve';

/** Each test gets its own server on a fresh copy of the fixture workspace, and a page on it. */
export const test = base.extend<{ served: Served; workbench: Page }>({
  // eslint-disable-next-line no-empty-pattern
  served: async ({}, use) => {
    const served = await serveFixture();
    await use(served);
    await served.stop();
  },
  workbench: async ({ page, served }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await expect(page.getByRole('tree')).toBeVisible();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** The tree row for a workspace-relative path. */
export function row(page: Page, path: string) {
  return page.locator(`.tree-row[data-path="${path}"]`);
}

/** Opens a file from the tree (expanding its folders) and waits for its editor. */
export async function openFromTree(page: Page, path: string) {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    const r = row(page, dir);
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  }
  await row(page, path).click();
  await expect(page.locator(`.tab.active[data-path="${path}"]`)).toBeVisible();
}

/** Types into the focused Monaco editor at the end of the first line. */
export async function typeInEditor(page: Page, text: string) {
  const editor = page.locator('.monaco-editor [role="textbox"]').first();
  await editor.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')] as HTMLElement[];
    return lines
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent?.replace(/\u00a0/g, ' ') ?? '')
      .join('\n');
  });
}
