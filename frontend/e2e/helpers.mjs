// Shared helpers of the browser scenarios.

export const ADMIN = { username: 'admin', password: 'correct-horse-battery-1' }
export const VIEWER = { username: 'viewer1', password: 'viewer-password-1' }
export const T = { timeout: 20000 }

const pages = []
export async function newPage(ctx, viewport = { width: 1366, height: 860 }) {
  const context = await ctx.browser.newContext({ baseURL: ctx.gateway, viewport })
  const page = await context.newPage()
  page.setDefaultTimeout(T.timeout)
  pages.push(page)
  ctx.openPages = () => pages.filter((p) => !p.isClosed())
  return page
}

export async function until(check, what, timeoutMs = T.timeout) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

export const shot = (ctx, page, name) => page.screenshot({ path: `${ctx.out}/${name}.png`, fullPage: true })
export const row = (page, name) => page.locator(`tr[data-container="${name}"]`)

export async function signIn(page, who) {
  await page.getByLabel('Username').fill(who.username)
  await page.getByLabel('Password', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

