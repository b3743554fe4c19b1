// Resource and account administration, and the lost-connection banner.
import assert from 'node:assert/strict'
import { VIEWER, row, shot, signIn, until } from './helpers.mjs'

export const adminScenarios = [
  ['an ended session returns to login and then to the same page', async (ctx) => {
    const page = ctx.viewer
    await page.goto('/hosts/local/volumes')
    await page.getByRole('heading', { name: 'Volumes' }).waitFor()
    // Log the token out on the server, behind the UI's back, as an expiry would.
    const status = await page.evaluate(async () => (await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + sessionStorage.getItem('berth.token') } })).status)
    assert.ok(status < 300, `logout answered ${status}`)
    await page.getByRole('button', { name: 'Menu' }).click() // the side menu folds at tablet width
    await page.getByRole('link', { name: 'Networks' }).click()
    await page.waitForURL('**/login?**')
    await page.getByText('Your session ended').waitFor()
    await signIn(page, VIEWER)
    await page.waitForURL('**/hosts/local/networks')
    await page.locator('[data-test=networks]').getByRole('cell', { name: 'bridge', exact: true }).first().waitFor()
  }],

  ['an admin creates and removes a network and a volume, and removes the pulled image', async (ctx) => {
    const page = ctx.admin
    await page.goto('/hosts/local/networks')
    await page.getByLabel('Name').fill('e2e-net')
    await page.getByLabel('Subnet').fill('10.231.99.0/24')
    await page.getByRole('button', { name: 'Create network' }).click()
    const net = page.locator('[data-test=networks] tr', { hasText: 'e2e-net' })
    await net.waitFor()
    assert.match(await ctx.stack.docker('network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', 'e2e-net'), /10\.231\.99\.0\/24/)
    await net.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click()
    await net.waitFor({ state: 'detached' })

    await page.goto('/hosts/local/volumes')
    await page.getByLabel('Name').fill('e2e-vol')
    await page.getByRole('button', { name: 'Create volume' }).click()
    const vol = page.locator('[data-test=volumes] tr', { hasText: 'e2e-vol' })
    await vol.waitFor()
    await shot(ctx, page, '08-volumes')
    await vol.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click()
    await vol.waitFor({ state: 'detached' })
    assert.equal(await ctx.stack.docker('volume', 'ls', '-q', '--filter', 'name=e2e-vol'), '')

    await page.goto('/hosts/local/images')
    const img = page.locator('[data-test=images] tr', { hasText: ctx.pullRef })
    await img.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click()
    await img.waitFor({ state: 'detached' })
    assert.equal(await ctx.stack.docker('images', '-q', ctx.pullRef), '')
  }],

  ['an API key is shown once, and the audit log filters by action', async (ctx) => {
    const page = ctx.admin
    await page.goto('/account/keys')
    await page.getByLabel('Key name').fill('ci')
    await page.getByRole('button', { name: 'Create key' }).click()
    const key = (await page.locator('[data-test=new-key] code').innerText()).trim()
    const me = await fetch(ctx.gateway + '/api/me', { headers: { 'X-API-Key': key } })
    assert.equal(me.status, 200)
    await page.reload()
    await page.locator('[data-test=keys]').getByText('ci', { exact: true }).waitFor()
    assert.equal(await page.locator('[data-test=new-key]').count(), 0)
    assert.equal(await page.getByText(key).count(), 0)

    await page.goto('/admin/audit')
    await page.getByLabel('Action').fill('login')
    await page.getByRole('button', { name: 'Filter' }).click()
    // the unfiltered page is on screen until the answer arrives: wait for the rows to change
    const actions = page.locator('[data-test=audit] tbody tr td:nth-child(5)')
    await until(async () => {
      const all = await actions.allInnerTexts()
      return all.length > 0 && all.every((a) => /login/.test(a))
    }, 'audit rows filtered to login')
    await shot(ctx, page, '09-audit')
  }],

  ['an admin adds a host, tests its connection and removes it', async (ctx) => {
    const page = ctx.admin
    await page.goto('/admin/hosts')
    await page.getByLabel('ID (short name used in URLs)').fill('second')
    await page.getByLabel('Display name').fill('Second engine')
    await page.getByLabel('Engine address').fill(ctx.stack.dockerHost)
    await page.getByRole('button', { name: 'Add and test connection' }).click()
    const host = page.locator('tr[data-host="second"]')
    await host.waitFor()
    await host.getByRole('button', { name: 'Test connection' }).click()
    await host.getByText(/^Up, engine \d+\.\d+/).waitFor()
    await shot(ctx, page, '11-hosts')
    await host.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click()
    await host.waitFor({ state: 'detached' })
  }],

  ['a lost gateway shows a banner that clears when it is back', async (ctx) => {
    const page = ctx.admin
    await page.goto('/hosts/local/containers')
    await row(page, 'e2e-web').waitFor()
    await ctx.stack.stopGateway()
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.getByText('Connection to the Berth gateway lost').waitFor()
    await page.getByText('Cannot reach the Berth gateway').first().waitFor()
    await shot(ctx, page, '07-connection-lost')
    await ctx.stack.restartGateway()
    await page.getByText('Connection to the Berth gateway lost').waitFor({ state: 'detached', timeout: 15000 })
    // the screen reloads by itself once the gateway answers again
    await page.getByText('Cannot reach the Berth gateway').waitFor({ state: 'detached' })
    await row(page, 'e2e-web').locator('.badge', { hasText: 'running' }).waitFor()
  }],
]
