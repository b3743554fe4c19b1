#!/usr/bin/env node
// Benchmark of the web UI: how long the containers screen takes to render with 2,000
// containers in headless Chromium (real gateway, real dockerd), and how much gzipped
// JavaScript the initial load fetches. Reports numbers; asserts nothing.
//
//   node bench/ui-containers.mjs            (after `mvn package`; needs root for dockerd)
//   BERTH_BENCH_CONTAINERS=500 node bench/ui-containers.mjs
//
// Uses frontend/e2e's stack (dockerd on its own bridge + the gateway jar serving the UI).
import { request } from 'node:http'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchChromium } from '../frontend/e2e/browser.mjs'
import { Stack } from '../frontend/e2e/services.mjs'

const root = resolve(import.meta.dirname, '..')
const COUNT = Number(process.env.BERTH_BENCH_CONTAINERS ?? 2000)
const RUNS = 5
const gatewayJar = process.env.BERTH_GATEWAY_JAR ?? `${root}/backend/target/berth-gateway.jar`
const webroot = process.env.BERTH_WEBROOT_CP ?? `${root}/frontend/target/classes`

/** Docker API over the engine's unix socket: far faster than 2,000 CLI processes. */
function engine(stack, method, path, body) {
  return new Promise((ok, fail) => {
    const req = request({ socketPath: stack.dockerSock, method, path, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let data = ''
      res.on('data', (c) => (data += c))
      res.on('end', () => (res.statusCode < 300 ? ok(data) : fail(new Error(`${method} ${path}: ${res.statusCode} ${data}`))))
    })
    req.on('error', fail)
    req.end(body ? JSON.stringify(body) : undefined)
  })
}

async function createContainers(stack, image) {
  let next = 0
  const worker = async () => {
    while (next < COUNT) {
      const i = next++
      await engine(stack, 'POST', `/containers/create?name=bench-${String(i).padStart(4, '0')}`, { Image: image, Cmd: ['true'], Labels: { bench: 'ui' } })
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

async function api(gateway, method, path, body, token) {
  const res = await fetch(gateway + '/api' + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const stack = new Stack('uibench')
let browser
try {
  await stack.startEngine()
  const image = await stack.importBusybox()
  let t = Date.now()
  await createContainers(stack, image)
  console.log(`created ${COUNT} containers in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  const gateway = await stack.startGateway(gatewayJar, webroot)
  const creds = { username: 'admin', password: 'bench-password-123' }
  await api(gateway, 'POST', '/setup', creds)
  const { token } = await api(gateway, 'POST', '/auth/login', creds)

  browser = await launchChromium()

  // Initial load: every script the login screen fetches, gzipped as a server would send it.
  const first = await (await browser.newContext({ baseURL: gateway })).newPage()
  const scripts = []
  first.on('response', async (r) => {
    if (r.request().resourceType() === 'script') scripts.push({ url: r.url(), body: await r.body() })
  })
  await first.goto('/login', { waitUntil: 'networkidle' })
  const gz = scripts.reduce((n, s) => n + gzipSync(s.body, { level: 9 }).length, 0)
  const raw = scripts.reduce((n, s) => n + s.body.length, 0)
  console.log(`initial load: ${scripts.length} JS files, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (budget 300 KB)`)

  // Containers screen: navigation start to the first page of rows painted.
  const timings = { page50: [], spa50: [], render50: [], api50: [], engine: [], page200: [], search: [], sort: [], live: [] }
  for (let run = 0; run < RUNS; run++) {
    t = Date.now()
    await engine(stack, 'GET', '/containers/json?all=1')
    timings.engine.push(Date.now() - t)
    t = Date.now()
    await api(gateway, 'GET', '/hosts/local/containers?all=true&limit=50&sort=name', null, token)
    timings.api50.push(Date.now() - t)
  }
  for (let run = 0; run < RUNS; run++) {
    const ctx = await browser.newContext({ baseURL: gateway, viewport: { width: 1366, height: 860 } })
    await ctx.addInitScript((tok) => sessionStorage.setItem('berth.token', tok), token)
    const page = await ctx.newPage()
    const listed = page.waitForResponse((r) => r.url().includes('/api/hosts/local/containers?'))
    t = Date.now()
    await page.goto('/hosts/local/containers')
    await (await listed).finished()
    const answered = Date.now()
    await page.locator('tbody tr').nth(49).waitFor()
    await page.getByText(`(${COUNT} in all)`).waitFor()
    timings.page50.push(Date.now() - t)
    timings.render50.push(Date.now() - answered)

    // In-app navigation (the app already booted): dashboard, then the containers link.
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await page.getByRole('heading', { name: 'Hosts' }).waitFor()
    t = Date.now()
    await page.getByRole('link', { name: 'Containers' }).click()
    await page.locator('tbody tr').nth(49).waitFor()
    timings.spa50.push(Date.now() - t)

    t = Date.now()
    await page.getByLabel('Rows per page').selectOption('200')
    await page.locator('tbody tr').nth(199).waitFor()
    timings.page200.push(Date.now() - t)

    t = Date.now()
    await page.getByPlaceholder('Search by name').fill('bench-1999')
    await page.getByText('(1 in all)').waitFor()
    timings.search.push(Date.now() - t - 250) // minus the input debounce

    await page.getByPlaceholder('Search by name').fill('')
    await page.getByText(`(${COUNT} in all)`).waitFor()
    t = Date.now()
    await page.getByRole('button', { name: 'Name' }).click()
    await page.locator('tbody tr').first().getByText(`bench-${String(COUNT - 1).padStart(4, '0')}`).waitFor()
    timings.sort.push(Date.now() - t)

    // Live state: the engine starts the first row's container (its `true` exits at once);
    // time until the row shows the new state, with no reload (events stream only).
    await page.getByRole('button', { name: 'Name' }).click()
    const name = `bench-${String(run).padStart(4, '0')}`
    const first = page.locator(`tr[data-container="${name}"] .badge`)
    await first.filter({ hasText: 'created' }).waitFor()
    t = Date.now()
    await engine(stack, 'POST', `/containers/${name}/start`)
    await first.filter({ hasText: /running|exited/ }).waitFor()
    timings.live.push(Date.now() - t)
    await ctx.close()
  }
  console.log(`containers screen with ${COUNT} containers, median of ${RUNS} runs (target < 1000 ms to first render):`)
  console.log(`  open screen (cold: new tab, app boot), first 50 rows: ${median(timings.page50)} ms  (${timings.page50.join(', ')})`)
  console.log(`  open screen from the dashboard (in-app):            ${median(timings.spa50)} ms  (${timings.spa50.join(', ')})`)
  console.log(`    of which the UI, from the list answer to 50 rows painted: ${median(timings.render50)} ms`)
  console.log(`    the list call alone, gateway (sort + page of ${COUNT}): ${median(timings.api50)} ms; engine /containers/json: ${median(timings.engine)} ms`)
  console.log(`  switch to 200 rows per page: ${median(timings.page200)} ms`)
  console.log(`  search by name:              ${median(timings.search)} ms`)
  console.log(`  sort by name (descending):   ${median(timings.sort)} ms`)
  console.log(`  live state (engine start -> row updated from the events stream): ${median(timings.live)} ms  (${timings.live.join(', ')})`)
} finally {
  await browser?.close()
  await stack.stop()
}
