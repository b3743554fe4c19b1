// Roles: grants, what a viewer and a host admin may do, and ended sessions.
import assert from 'node:assert/strict'
import { VIEWER, newPage, row, shot, signIn } from './helpers.mjs'

export const accessScenarios = [
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

  ['a team grant gives its members the operator role', async (ctx) => {
    const admin = ctx.admin
    await admin.goto('/admin/teams')
    await admin.getByLabel('Team name').fill('ops')
    await admin.getByRole('button', { name: 'Add team' }).click()
    const team = admin.locator('[data-test=teams] tr', { hasText: 'ops' })
    await team.getByRole('button', { name: 'Members' }).click()
    await admin.getByLabel('Add member').selectOption({ label: VIEWER.username })
    await admin.getByRole('button', { name: 'Add', exact: true }).click()
    await admin.getByRole('listitem').filter({ hasText: VIEWER.username }).waitFor()
    await admin.goto('/admin/hosts/local/access')
    await admin.locator('select[name=grant-subject]').selectOption({ label: 'Team ops' })
    await admin.locator('select[name=grant-role]').selectOption('operator')
    await admin.getByRole('button', { name: 'Add grant' }).click()
    await admin.getByRole('button', { name: 'Save access' }).click()
    await admin.getByText('Access saved').first().waitFor()

    const page = ctx.viewer
    await page.goto('/hosts/local/containers')
    await row(page, 'e2e-web').getByRole('button', { name: 'Restart' }).waitFor()
    await row(page, 'e2e-web').getByRole('button', { name: 'Stop', exact: true }).waitFor()
    assert.equal(await row(page, 'e2e-web').getByRole('button', { name: 'Remove' }).count(), 0)
    assert.equal(await page.getByRole('link', { name: 'Create container' }).count(), 0)
  }],
]
