// Browser end-to-end tests: the built UI, served by a real Berth gateway, in Debian's
// Chromium, against a real engine (dockerd, or Berth's with BERTH_E2E_ENGINE=berth) and a
// real local registry. Run after the gateway jar exists: `npm run e2e` (BERTH_GATEWAY_JAR,
// BERTH_WEBROOT_CP, BERTH_ENGINE_JAR, BERTH_E2E_OUT override paths).
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { launchChromium } from './browser.mjs'
import { accessScenarios } from './scenarios-access.mjs'
import { adminScenarios } from './scenarios-admin.mjs'
import { coreScenarios } from './scenarios-core.mjs'
import { liveScenarios } from './scenarios-live.mjs'
import { pushDirAsImage } from './oci-image.mjs'
import { Stack } from './services.mjs'

const gatewayJar = resolve(process.env.BERTH_GATEWAY_JAR ?? '../backend/target/berth-gateway.jar')
const webroot = resolve(process.env.BERTH_WEBROOT_CP ?? 'target/classes')
const out = resolve(process.env.BERTH_E2E_OUT ?? 'target/e2e-screenshots')
rmSync(out, { recursive: true, force: true }) // no stale screenshots from an earlier run
mkdirSync(out, { recursive: true })

const stack = new Stack()
let browser
let failed = 0
try {
  await stack.startRegistry()
  await stack.startEngine()
  console.log(`engine: ${stack.engineKind}`)
  const ctx = { stack, out, gateway: await stack.startGateway(gatewayJar, webroot) }
  await prepareEngine(ctx)
  browser = await launchChromium()
  ctx.browser = browser
  // In order: each scenario builds on the state the previous ones left.
  for (const [name, fn] of [...coreScenarios, ...liveScenarios, ...accessScenarios, ...adminScenarios]) {
    const started = Date.now()
    try {
      await fn(ctx)
      console.log(`ok   ${name} (${Date.now() - started} ms)`)
    } catch (e) {
      failed++
      console.log(`FAIL ${name}: ${e.message}`)
      for (const page of ctx.openPages?.() ?? []) await page.screenshot({ path: `${out}/FAILED-${name.replace(/\W+/g, '-')}.png` }).catch(() => {})
      // Later scenarios build on earlier ones, so the run stops here, unless asked to go on
      // (BERTH_E2E_KEEP_GOING=1: to see everything an engine still lacks in one run).
      if (!process.env.BERTH_E2E_KEEP_GOING) break
    }
  }
} catch (e) {
  failed++
  console.log(`FAIL setup: ${e.stack ?? e}`)
} finally {
  await browser?.close()
  await stack.stop()
}
console.log(failed ? `e2e: ${failed} failed` : `e2e: all passed; screenshots in ${out}`)
process.exit(failed ? 1 : 0)

/** A running container to act on, and an image in the registry that the engine lacks. */
async function prepareEngine(ctx) {
  const base = await stack.importBusybox()
  await stack.docker('run', '-d', '--name', 'e2e-web', base, 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; echo "warn $i" >&2; sleep 2; done')
  // A distinct 4 MB layer, so the pull really downloads and shows progress.
  ctx.pullRef = `${stack.registry}/e2e/app:1`
  if (stack.engineKind === 'dockerd') {
    await stack.docker('run', '--name', 'e2e-blob', base, 'sh', '-c', 'head -c 4000000 /dev/urandom > /blob')
    await stack.docker('commit', 'e2e-blob', ctx.pullRef)
    await stack.docker('rm', 'e2e-blob')
    await stack.docker('push', ctx.pullRef)
    await stack.docker('rmi', ctx.pullRef)
  } else {
    // Berth's engine has no commit/push: the image is written as an OCI layout and copied.
    const root = join(stack.dir, 'app-root')
    mkdirSync(root)
    writeFileSync(join(root, 'blob'), randomBytes(4000000))
    await pushDirAsImage(stack.dir, root, ctx.pullRef)
  }
}
