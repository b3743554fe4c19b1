// Setup, sign-in, containers and images, as an admin.
import assert from 'node:assert/strict'
import { ADMIN, T, newPage, row, shot, signIn } from './helpers.mjs'

export const coreScenarios = [
  ['first-run setup creates the admin and shows the dashboard', async (ctx) => {
    const page = await newPage(ctx)
    ctx.admin = page
    await page.goto('/')
    await page.waitForURL('**/setup')
    await page.getByLabel('Username').fill(ADMIN.username)
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password)
    await page.getByLabel('Repeat password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Create administrator' }).click()
    await page.waitForURL(ctx.gateway + '/')
    const card = page.locator('article[data-host="local"]')
    await card.getByText('up', { exact: true }).waitFor()
    await card.locator('[data-test=containers-count]').filter({ hasText: '1 running, 0 stopped' }).waitFor()
    assert.match(await card.locator('[data-test=engine-version]').innerText(), /^\d+\.\d+/)
    await shot(ctx, page, '01-dashboard')
  }],

  ['sign out, then sign in again', async (ctx) => {
    const page = ctx.admin
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/login')
    await signIn(page, { ...ADMIN, password: 'wrong-password-x' })
    await page.getByRole('alert').waitFor()
    await signIn(page, ADMIN)
    await page.waitForURL(ctx.gateway + '/')
  }],

  ['the containers screen lists the running container', async (ctx) => {
    const page = ctx.admin
    await page.getByRole('link', { name: 'Containers' }).click()
    await page.waitForURL('**/hosts/local/containers')
    await row(page, 'e2e-web').locator('.badge', { hasText: 'running' }).waitFor()
    await shot(ctx, page, '02-containers')
  }],

  ['keyboard: the confirmation dialog takes focus, keeps it, and Escape cancels', async (ctx) => {
    const page = ctx.admin
    await row(page, 'e2e-web').getByRole('button', { name: 'Restart' }).focus()
    await page.keyboard.press('Shift+Tab') // back to Stop
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Stop')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Cancel')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Stop')
    assert.equal(await ctx.stack.docker('inspect', '-f', '{{.State.Running}}', 'e2e-web'), 'true')
  }],

  ['stop (with confirmation) and start the container', async (ctx) => {
    const page = ctx.admin
    await row(page, 'e2e-web').getByRole('button', { name: 'Stop', exact: true }).click()
    const dialog = page.getByRole('alertdialog')
    await dialog.getByText('Stop e2e-web?').waitFor()
    await dialog.getByRole('button', { name: 'Stop', exact: true }).click()
    await row(page, 'e2e-web').locator('.badge', { hasText: 'exited' }).waitFor(T)
    assert.equal(await ctx.stack.docker('inspect', '-f', '{{.State.Running}}', 'e2e-web'), 'false')
    await row(page, 'e2e-web').getByRole('button', { name: 'Start', exact: true }).click()
    await row(page, 'e2e-web').locator('.badge', { hasText: 'running' }).waitFor(T)
    assert.equal(await ctx.stack.docker('inspect', '-f', '{{.State.Running}}', 'e2e-web'), 'true')
  }],

  ['container detail shows inspect data and logs', async (ctx) => {
    const page = ctx.admin
    await row(page, 'e2e-web').getByRole('link', { name: 'e2e-web' }).click()
    await page.getByRole('heading', { name: 'e2e-web' }).waitFor()
    await page.getByRole('tab', { name: 'Overview' }).waitFor()
    await page.getByText('berth-e2e/busybox:1').first().waitFor()
    await page.getByRole('tab', { name: 'Logs' }).click()
    await page.locator('[data-test=logs] .stdout', { hasText: /tick \d+/ }).first().waitFor()
    await page.locator('[data-test=logs] .stderr', { hasText: /warn \d+/ }).first().waitFor()
    await shot(ctx, page, '03-container-logs')
  }],

  ['pull an image from the local registry with per-layer progress', async (ctx) => {
    const page = ctx.admin
    await page.getByRole('link', { name: 'Images' }).click()
    await page.getByLabel('Image to pull').fill(ctx.pullRef)
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    const progress = page.locator('[data-test=pull-progress]')
    await progress.locator('[role=progressbar]').first().waitFor()
    await page.getByText(`Pulled ${ctx.pullRef}`).waitFor(T)
    await progress.locator('[role=progressbar][aria-valuenow="100"]').first().waitFor()
    await page.locator('[data-test=images]').getByText(ctx.pullRef).waitFor()
    await shot(ctx, page, '04-image-pull')
    assert.ok((await ctx.stack.docker('images', '-q', ctx.pullRef)).length > 0)
  }],
]
