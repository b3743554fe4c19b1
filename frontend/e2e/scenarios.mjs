// The browser scenarios, in order: each builds on the state the previous ones left.
import assert from 'node:assert/strict'

const ADMIN = { username: 'admin', password: 'correct-horse-battery-1' }
const VIEWER = { username: 'viewer1', password: 'viewer-password-1' }
const T = { timeout: 20000 }

const pages = []
async function newPage(ctx, viewport = { width: 1366, height: 860 }) {
  const context = await ctx.browser.newContext({ baseURL: ctx.gateway, viewport })
  const page = await context.newPage()
  page.setDefaultTimeout(T.timeout)
  pages.push(page)
  ctx.openPages = () => pages.filter((p) => !p.isClosed())
  return page
}

async function until(check, what, timeoutMs = T.timeout) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const shot = (ctx, page, name) => page.screenshot({ path: `${ctx.out}/${name}.png`, fullPage: true })
const row = (page, name) => page.locator(`tr[data-container="${name}"]`)

async function signIn(page, who) {
  await page.getByLabel('Username').fill(who.username)
  await page.getByLabel('Password', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export const scenarios = [
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

  ['an admin adds a user and grants them viewer on the host', async (ctx) => {
    const page = ctx.admin
    await page.getByRole('link', { name: 'Users' }).click()
    await page.locator('input[name=new-username]').fill(VIEWER.username)
    await page.locator('input[name=new-password]').fill(VIEWER.password)
    await page.getByRole('button', { name: 'Add user' }).click()
    await page.locator(`tr[data-user="${VIEWER.username}"]`).waitFor()
    await page.getByRole('link', { name: 'Hosts & access' }).click()
    await page.locator('tr[data-host="local"]').getByRole('link', { name: 'Access' }).click()
    await page.locator('select[name=grant-subject]').selectOption({ label: `User ${VIEWER.username}` })
    await page.locator('select[name=grant-role]').selectOption('viewer')
    await page.getByRole('button', { name: 'Add grant' }).click()
    await page.getByRole('button', { name: 'Save access' }).click()
    await page.getByText('Access saved').waitFor()
    await page.reload()
    await page.locator('[data-test=grants] tbody tr').filter({ hasText: `User ${VIEWER.username}` }).waitFor()
    await shot(ctx, page, '05-host-access')
  }],

  ['a viewer sees no actions and cannot reach them by URL', async (ctx) => {
    const page = await newPage(ctx, { width: 820, height: 1100 }) // tablet width
    ctx.viewer = page
    await page.goto('/hosts/local/containers')
    await page.waitForURL('**/login?**')
    await signIn(page, VIEWER)
    await page.waitForURL('**/hosts/local/containers')
    await row(page, 'e2e-web').waitFor()
    for (const name of ['Start', 'Stop', 'Restart', 'Remove']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `viewer sees ${name}`)
    }
    assert.equal(await page.locator('input[type=checkbox]').count(), 0)
    assert.equal(await page.getByRole('link', { name: 'Create container' }).count(), 0)
    await shot(ctx, page, '06-viewer-containers-tablet')
    await page.goto('/hosts/local/containers/new')
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor()
    await page.goto('/admin/users')
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor()
    await page.goto('/hosts/local/images')
    await page.locator('[data-test=images]').getByText(ctx.pullRef).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Pull', exact: true }).count(), 0)
    assert.equal(await page.getByRole('button', { name: 'Remove' }).count(), 0)
  }],

  ['a host admin (not a global admin) sees the security policy refuse a bind mount', async (ctx) => {
    const admin = ctx.admin
    await admin.goto('/admin/hosts/local/access')
    await admin.getByLabel(`Role of User ${VIEWER.username}`).selectOption('admin')
    await admin.getByRole('button', { name: 'Save access' }).click()
    await admin.getByText('Access saved').waitFor()

    const page = ctx.viewer
    await page.goto('/hosts/local/containers') // roles are loaded with the host list
    await page.getByRole('link', { name: 'Create container' }).click()
    await page.getByLabel('Image').fill('berth-e2e/busybox:1')
    await page.getByLabel('Name (optional)').fill('e2e-escape')
    await page.getByLabel('Volumes').fill('/etc:/host-etc')
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    const refusal = page.locator('[data-test=policy-refusal]')
    await refusal.waitFor()
    assert.match(await refusal.innerText(), /security policy.*bind mounts of host paths are not allowed/s)
    await shot(ctx, page, '10-policy-refusal')
    assert.equal(await ctx.stack.docker('ps', '-aq', '--filter', 'name=e2e-escape'), '')

    await admin.getByLabel(`Role of User ${VIEWER.username}`).selectOption('viewer')
    await admin.getByRole('button', { name: 'Save access' }).click()
    await admin.getByText('Access saved').first().waitFor()
  }],

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
    await page.getByRole('button', { name: 'Refresh' }).click()
    await row(page, 'e2e-web').locator('.badge', { hasText: 'running' }).waitFor()
  }],
]
