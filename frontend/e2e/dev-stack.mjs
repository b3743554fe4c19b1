// Starts the e2e stack and keeps it up for manual checks: node e2e/dev-stack.mjs
import { resolve } from 'node:path'
import { Stack } from './services.mjs'

const stack = new Stack('fedev')
try {
  await stack.startEngine()
  await stack.importBusybox()
  const gw = await stack.startGateway(resolve(process.env.BERTH_GATEWAY_JAR), resolve(process.env.BERTH_WEBROOT_CP ?? 'dist/..'))
  console.log(`gateway ${gw} docker ${stack.dockerHost} dir ${stack.dir}`)
} catch (e) {
  console.error(e)
  await stack.stop()
  process.exit(1)
}
process.on('SIGTERM', async () => {
  await stack.stop()
  process.exit(0)
})
setInterval(() => {}, 1 << 30)
