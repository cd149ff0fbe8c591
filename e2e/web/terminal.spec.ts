import type { Page } from '@playwright/test';
import { editorText, expect, test } from './fixtures';

function terminal(page: Page) {
  return page.getByTestId('terminal');
}

/** The visible text of the active terminal (xterm's DOM renderer rows). */
async function terminalText(page: Page): Promise<string> {
  return terminal(page)
    .locator('.xterm-rows')
    .evaluate((el) => [...el.children].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n'));
}

async function typeInTerminal(page: Page, text: string) {
  await terminal(page).locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('Ctrl+` opens a terminal in the workspace; a command runs and shows its output', async ({ workbench: page, served }) => {
  await page.keyboard.press('Control+`');
  await expect(terminal(page)).toBeVisible();
  await typeInTerminal(page, 'echo "sum=$((20+22))"; pwd');
  await expect.poll(() => terminalText(page)).toContain('sum=42');
  expect(await terminalText(page)).toContain(served.root);
});

test('a file path printed in the terminal opens in the editor when clicked', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, "printf '%s\\n' src/index.ts:3:9");
  await expect.poll(() => terminalText(page)).toMatch(/^src\/index\.ts:3:9$/m);
  const span = terminal(page).locator('.xterm-rows > div', { hasText: /^src\/index\.ts:3:9\s*$/ }).first();
  const box = await span.boundingBox();
  if (!box) throw new Error('link row not rendered');
  // xterm detects links on hover (asynchronously), then activates them on click
  await expect(async () => {
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await expect(terminal(page).locator('.xterm-cursor-pointer')).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 5000 });
  await page.mouse.click(box.x + 30, box.y + box.height / 2);
  await expect(page.locator('.tab.active[data-path="src/index.ts"]')).toBeVisible();
  await expect.poll(() => editorText(page)).toContain("console.log(greet('world'));");
  await expect(page.getByTestId('status-cursor')).toHaveText('Ln 3, Col 9');
});

test('two terminals keep their own output', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'echo first-terminal-output');
  await expect.poll(() => terminalText(page)).toContain('first-terminal-output');
  await page.getByRole('button', { name: 'New Terminal' }).click();
  await expect(page.getByRole('tab', { name: 'bash' })).toHaveCount(2);
  await typeInTerminal(page, 'echo second-terminal-output');
  await expect.poll(() => terminalText(page)).toContain('second-terminal-output');
  expect(await terminalText(page)).not.toContain('first-terminal-output');
  await page.getByRole('tab', { name: 'bash' }).first().click();
  await expect.poll(() => terminalText(page)).toContain('first-terminal-output');
  expect(await terminalText(page)).not.toContain('second-terminal-output');
});

test('output that arrives while the panel is hidden is there when it opens again', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'sleep 0.5; echo arrived-while-hidden');
  await page.getByRole('button', { name: 'Close Panel' }).click();
  await expect(terminal(page)).toHaveCount(0);
  await page.waitForTimeout(1000);
  await page.keyboard.press('Control+`');
  await expect.poll(() => terminalText(page)).toContain('arrived-while-hidden');
});

test('a shell that exits says so with its code and can be restarted', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'exit 7');
  await expect(page.getByRole('status').filter({ hasText: 'exited with code 7' })).toBeVisible();
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'exited with code' })).toHaveCount(0);
  await typeInTerminal(page, 'echo restarted-ok');
  await expect.poll(() => terminalText(page)).toContain('restarted-ok');
});

test('terminals survive a page reload with their output', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'echo before-reload');
  await expect.poll(() => terminalText(page)).toContain('before-reload');
  await page.reload();
  await expect(page.getByRole('tree')).toBeVisible(); // keys are bound once the workbench is up
  await page.keyboard.press('Control+`');
  await expect.poll(() => terminalText(page)).toContain('before-reload');
  await expect(page.getByRole('tab', { name: 'bash' })).toHaveCount(1);
});

test('a flood of output keeps the view moving and ends on screen with its last line and the prompt', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'echo ready');
  await expect.poll(() => terminalText(page)).toContain('ready');
  // ~5 MB: long enough that repaints are paced (synchronized output), not per frame
  await typeInTerminal(page, 'seq -f "line %08g of the flood" 1 200000; echo flood-done');
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        const text = await terminalText(page);
        const last = text.match(/line (\d{8}) of the flood/g)?.at(-1);
        if (last) seen.add(last);
        return text.includes('flood-done');
      },
      { timeout: 60_000, intervals: [50] },
    )
    .toBe(true);
  const text = await terminalText(page);
  expect(text).toContain('line 00200000 of the flood');
  expect(text).toMatch(/flood-done\n.*[$#] *$/); // the prompt came back
  expect(seen.size).toBeGreaterThan(3); // the view repainted along the way, not only at the end
  // the scrollbar and the input's position were held back with the rows during the flood: they
  // caught up (the slider at the end of its track, the textarea at the cursor, after the prompt on the last row)
  const layout = () =>
    terminal(page).evaluate((el) => {
      const track = el.querySelector('.xterm-scrollable-element > .scrollbar.vertical')!.getBoundingClientRect();
      const slider = el.querySelector('.xterm-scrollable-element > .scrollbar.vertical > .slider')!.getBoundingClientRect();
      const rows = [...el.querySelectorAll('.xterm-rows > div')];
      const lastRow = rows[rows.length - 1]!.getBoundingClientRect();
      const input = el.querySelector('.xterm-helper-textarea')!.getBoundingClientRect();
      const cursor = el.querySelector('.xterm-rows .xterm-cursor')?.getBoundingClientRect();
      return { sliderGap: track.bottom - slider.bottom, sliderHeight: slider.height, inputOffRow: Math.abs(input.top - lastRow.top), inputOffCursor: cursor ? Math.abs(input.left - cursor.left) : Infinity };
    });
  await expect.poll(async () => (await layout()).sliderGap).toBeLessThan(0.5);
  const after = await layout();
  expect(after.sliderHeight).toBeGreaterThan(0);
  expect(after.inputOffRow).toBeLessThan(2);
  expect(after.inputOffCursor).toBeLessThan(2);
  // and the terminal answers at once afterwards
  await typeInTerminal(page, 'echo after-the-flood');
  await expect.poll(() => terminalText(page)).toContain('after-the-flood');
  // and scrolling back works from there
  const box = await terminal(page).locator('.xterm-screen').boundingBox();
  if (!box) throw new Error('terminal not rendered');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -10_000);
  await expect.poll(() => terminalText(page)).not.toContain('after-the-flood');
  expect(await terminalText(page)).toMatch(/line 001\d{5} of the flood/);
});

test('a selection in the terminal is drawn, survives output, and is erased when cleared', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'echo selectable-word');
  await expect.poll(() => terminalText(page)).toMatch(/^selectable-word\s*$/m);
  await typeInTerminal(page, 'sleep 1; seq 1 5'); // output that arrives while the selection is on screen
  const row = terminal(page).locator('.xterm-rows > div', { hasText: /^selectable-word\s*$/ }).first();
  const box = await row.boundingBox();
  if (!box) throw new Error('row not rendered');
  await page.mouse.dblclick(box.x + 20, box.y + box.height / 2);
  const highlight = terminal(page).locator('.xterm-selection div');
  await expect(highlight.first()).toBeVisible();
  await expect.poll(() => terminalText(page)).toMatch(/^5\s*$/m);
  await expect(highlight.first()).toBeVisible();
  // typing clears it, and the highlight goes
  await terminal(page).locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('x');
  await expect(highlight).toHaveCount(0);
});

test('a paste larger than one message reaches the program whole', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'stty -echo; wc -c; stty echo');
  // 1.5 MB of lines (a terminal's line discipline takes lines of up to 4 KB)
  const paste = 'a line of a log pasted into the terminal\n'.repeat(37_000);
  expect(paste.length).toBeGreaterThan(1024 * 1024);
  await terminal(page).locator('.xterm-helper-textarea').focus();
  // a real paste event, as Ctrl+V gives xterm (its handler reads the clipboard data)
  await terminal(page)
    .locator('.xterm-helper-textarea')
    .evaluate((ta, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, paste);
  await page.keyboard.press('Control+d');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(new RegExp(`^\\s*${paste.length}\\s*$`, 'm'));
});

test('the cursor blinks by a timer, not a per-frame animation, and is solid while typing', async ({ workbench: page }) => {
  await page.keyboard.press('Control+`');
  await typeInTerminal(page, 'echo ready');
  await expect.poll(() => terminalText(page)).toMatch(/^ready\s*$/m);
  const cursor = terminal(page).locator('.xterm-rows .xterm-cursor');
  await expect(cursor).toHaveClass(/xterm-cursor-blink/);
  // what a person sees over 1.6 s of a focused, idle terminal: the cursor's cell on and off
  const phases = await cursor.evaluate(async (el) => {
    const seen = new Set<string>();
    for (let i = 0; i < 16; i++) {
      seen.add(getComputedStyle(el).backgroundColor);
      await new Promise((r) => setTimeout(r, 100));
    }
    return [...seen];
  });
  expect(phases.length).toBe(2);
  // with no animation left running (xterm's own CSS blink had Chromium restyle the page every frame)
  expect(await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
  // a keystroke's echo shows the cursor, and it stays on while the next keys come
  const on = phases.find((c) => c !== 'rgba(0, 0, 0, 0)') ?? phases[0];
  let typed = '';
  for (const key of 'abcdef') {
    await page.keyboard.type(key);
    typed += key;
    await expect.poll(() => terminalText(page)).toMatch(new RegExp(`[$#] ${typed}\\s*$`, 'm'));
    expect(await terminal(page).locator('.xterm-rows .xterm-cursor').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(on);
    await page.waitForTimeout(150);
  }
  await page.keyboard.press('Control+u');
  // unfocused, it stops blinking and is drawn as an outline
  await page.getByRole('tree').click();
  await expect(terminal(page).locator('.xterm-rows .xterm-cursor')).toHaveClass(/xterm-cursor-outline/);
  await expect(terminal(page).locator('.xterm')).not.toHaveClass(/sw-cursor-off/);
});
