// The live channels: container state from the events stream, the terminal, followed logs
// and stats charts, all without reloading the page.
import assert from 'node:assert/strict'
import { T, row, shot, until } from './helpers.mjs'

/** Counts full page loads, so a scenario can prove the change came without one. */
function countLoads(page) {
  const counter = { loads: 0 }
  const onLoad = () => counter.loads++
  page.on('load', onLoad)
  counter.stop = () => page.off('load', onLoad)
  return counter
}

export const liveScenarios = [
  ['live state: a stop and a start from outside the UI show up without a reload', async (ctx) => {
    const page = ctx.admin
    await page.goto('/hosts/local/containers')
    await row(page, 'e2e-web').locator('.badge', { hasText: 'running' }).waitFor()
    const loads = countLoads(page)
    await ctx.stack.docker('stop', '-t', '1', 'e2e-web')
    await row(page, 'e2e-web').locator('.badge', { hasText: 'exited' }).waitFor(T)
    await ctx.stack.docker('start', 'e2e-web')
    await row(page, 'e2e-web').locator('.badge', { hasText: 'running' }).waitFor(T)
    loads.stop()
    assert.equal(loads.loads, 0, 'the page reloaded')
  }],

  ['the terminal runs `echo hi` and shows hi', async (ctx) => {
    const page = ctx.admin
    await row(page, 'e2e-web').getByRole('link', { name: 'e2e-web' }).click()
    await page.getByRole('heading', { name: 'e2e-web' }).waitFor()
    await page.getByRole('tab', { name: 'Terminal' }).click()
    await page.locator('[data-test=terminal-state]', { hasText: 'Connected' }).waitFor(T)
    await page.locator('.terminal-pane').click()
    await page.keyboard.type('echo hi')
    await page.keyboard.press('Enter')
    // xterm's DOM renderer: one div per row; the output row holds exactly "hi"
    await page.locator('.xterm-rows > div', { hasText: /^\s*hi\s*$/ }).first().waitFor(T)
    // Fitted to the pane, and the size reached the container's TTY.
    const rows = await page.locator('.xterm-rows > div').count()
    assert.ok(rows > 24, `terminal fits its pane (rows: ${rows})`)
    await page.keyboard.type('stty size')
    await page.keyboard.press('Enter')
    await page.locator('.xterm-rows > div', { hasText: new RegExp(`^\\s*${rows} \\d+\\s*$`) }).first().waitFor(T)
    await shot(ctx, page, '12-terminal')
  }],

  ['attach shows the main process output as it is written', async (ctx) => {
    const page = ctx.admin
    await page.getByRole('tab', { name: 'Attach' }).click()
    await page.locator('[data-test=terminal-state]', { hasText: 'Attached' }).waitFor(T)
    await page.locator('.xterm-rows > div', { hasText: /tick \d+/ }).first().waitFor(T)
  }],

  ['logs follow: new lines arrive while watching, stdout and stderr apart', async (ctx) => {
    const page = ctx.admin
    await page.getByRole('tab', { name: 'Logs' }).click()
    await page.locator('[data-test=logs-stream]', { hasText: 'Following' }).waitFor(T)
    const ticks = page.locator('[data-test=logs] .stdout', { hasText: /tick \d+/ })
    await ticks.first().waitFor(T)
    // (the container was restarted above, so tick numbers repeat: count lines instead)
    const seen = await ticks.count()
    await until(async () => (await ticks.count()) > seen, `a new line after ${seen} tick lines`)
    await page.locator('[data-test=logs] .stderr', { hasText: /warn \d+/ }).first().waitFor()
    await page.getByPlaceholder('Search logs').fill('warn')
    assert.equal(await page.locator('[data-test=logs] .stdout').count(), 0)
    await page.getByPlaceholder('Search logs').fill('')
    await shot(ctx, page, '13-logs-follow')
  }],

  ['stats charts show CPU, memory and network values', async (ctx) => {
    const page = ctx.admin
    await page.getByRole('tab', { name: 'Stats' }).click()
    const values = page.locator('[data-test=stats] [data-test=stat-value]')
    await until(async () => /^\d+\.\d %$/.test(await values.nth(0).innerText()), 'a CPU value')
    assert.match(await values.nth(1).innerText(), /\d+(\.\d+)? (B|KiB|MiB|GiB)/)
    await until(async () => /\/s$/.test(await values.nth(2).innerText()), 'a network rate')
    // a line per chart, growing by a point per sample (an idle CPU line is flat, so not
    // "visible" to Playwright: read its points instead)
    const lines = page.locator('[data-test=stats] polyline')
    await until(async () => (await lines.count()) === 4 && ((await lines.first().getAttribute('points')) ?? '').split(' ').length >= 3, 'chart lines with 3 points')
    await shot(ctx, page, '14-stats')
  }],

  ['the detail screen follows a stop from outside, and the dashboard counts follow too', async (ctx) => {
    const page = ctx.admin
    await ctx.stack.docker('stop', '-t', '1', 'e2e-web')
    await page.locator('.toolbar .badge', { hasText: 'exited' }).waitFor(T)
    await page.getByRole('link', { name: 'Dashboard' }).click()
    const count = page.locator('article[data-host="local"] [data-test=containers-count]')
    await count.filter({ hasText: '0 running, 1 stopped' }).waitFor(T)
    await ctx.stack.docker('start', 'e2e-web')
    await count.filter({ hasText: '1 running, 0 stopped' }).waitFor(T)
  }],
]
