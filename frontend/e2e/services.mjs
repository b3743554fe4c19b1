// Real processes for the browser tests: a Debian dockerd with its own roots and bridge, a
// local docker-registry on 127.0.0.1, and the Berth gateway jar serving the built UI.
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

async function waitFor(what, probe, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs
  let last
  while (Date.now() < end) {
    try {
      if (await probe()) return
    } catch (e) {
      last = e
    }
    await sleep(250)
  }
  throw new Error(`${what} did not come up in ${timeoutMs / 1000}s${last ? ': ' + last.message : ''}`)
}

/** Tracks started processes and temp state so one stop() undoes everything. */
export class Stack {
  constructor(name = 'fe2e') {
    this.dir = mkdtempSync(`/tmp/${name}-`)
    this.procs = []
    this.beforeStop = [] // while processes still run (remove containers)
    this.afterStop = [] // once they are gone (delete bridges)
  }

  spawnLogged(name, cmd, args, opts = {}) {
    const log = openSync(join(this.dir, `${name}.log`), 'a')
    const p = spawn(cmd, args, { stdio: ['ignore', log, log], detached: true, ...opts })
    this.procs.push({ name, p })
    p.on('exit', (code) => (p.exitedWith = code ?? -1))
    return p
  }

  async docker(...args) {
    const { stdout } = await run('docker', ['-H', this.dockerHost, ...args], { maxBuffer: 64 << 20 })
    return stdout.trim()
  }

  /** dockerd on its own bridge; iptables left alone so other engines on this machine are unaffected. */
  async startDockerd() {
    const bridge = 'bfe' + Math.random().toString(36).slice(2, 8)
    const octet = 100 + Math.floor(Math.random() * 100)
    await run('ip', ['link', 'add', 'name', bridge, 'type', 'bridge'])
    this.afterStop.push(() => run('ip', ['link', 'del', bridge]).catch(() => {}))
    await run('ip', ['addr', 'add', `10.${octet}.77.1/24`, 'dev', bridge])
    await run('ip', ['link', 'set', bridge, 'up'])
    const d = join(this.dir, 'd')
    mkdirSync(d)
    this.dockerSock = join(d, 'd.sock')
    this.dockerHost = 'unix://' + this.dockerSock
    const dockerd = this.spawnLogged('dockerd', 'dockerd', [
      '--host', this.dockerHost, '--data-root', join(d, 'root'), '--exec-root', join(d, 'exec'),
      '--pidfile', join(d, 'd.pid'), '-b', bridge, '--iptables=false', '--ip-masq=false',
    ])
    this.dockerd = dockerd
    // containers first, so dockerd unmounts their layers before the temp root goes
    this.beforeStop.push(() => this.removeAllContainers())
    await waitFor('dockerd', async () => {
      if (dockerd.exitedWith !== undefined) throw new Error('dockerd exited; see ' + join(this.dir, 'dockerd.log'))
      await this.docker('version', '--format', '{{.Server.Version}}')
      return true
    })
  }

  /**
   * The engine under test: BERTH_E2E_ENGINE=dockerd (default, Debian's reference) or berth
   * (Berth's host-engine jar, BERTH_ENGINE_JAR or ../host-engine/target/host-engine.jar).
   */
  startEngine() {
    const kind = process.env.BERTH_E2E_ENGINE ?? 'dockerd'
    this.engineKind = kind
    if (kind === 'dockerd') return this.startDockerd()
    if (kind === 'berth') return this.startBerthEngine(process.env.BERTH_ENGINE_JAR ?? '../host-engine/target/host-engine.jar')
    throw new Error(`BERTH_E2E_ENGINE must be dockerd or berth, not ${kind}`)
  }

  /** Berth's engine with temp roots, started the way the gateway's tests start it. */
  async startBerthEngine(jar) {
    if (!existsSync(jar)) throw new Error(`Berth engine jar not found: ${jar} (build host-engine first)`)
    const d = join(this.dir, 'd')
    mkdirSync(d)
    this.dockerSock = join(d, 'd.sock')
    this.dockerHost = 'unix://' + this.dockerSock
    // Its own default bridge and subnets, so it never meets another engine on this machine.
    const net = 10 + Math.floor(Math.random() * 240)
    const bridge = 'bfb' + Math.random().toString(36).slice(2, 8)
    const engine = this.spawnLogged('engine', 'java', [
      '-Xmx256m', '-jar', resolve(jar), '--host', this.dockerHost, '--data-root', join(d, 'root'), '--exec-root', join(d, 'exec'),
      '--pidfile', join(d, 'd.pid'), '--bridge', bridge, '--bip', `10.87.${net}.1/24`,
      '--default-address-pool', `base=10.${40 + (net % 40)}.0.0/16,size=24`,
    ])
    this.beforeStop.push(() => this.removeAllContainers())
    this.afterStop.push(() => run('ip', ['link', 'del', bridge]).catch(() => {}))
    await waitFor('Berth engine', async () => {
      if (engine.exitedWith !== undefined) throw new Error('the engine exited; see ' + join(this.dir, 'engine.log'))
      await this.docker('version', '--format', '{{.Server.Version}}')
      return true
    })
  }

  async removeAllContainers() {
    try {
      const ids = await this.docker('ps', '-aq')
      if (ids) await run('docker', ['-H', this.dockerHost, 'rm', '-f', ...ids.split('\n')], { maxBuffer: 64 << 20 })
    } catch {
      // the engine is already gone
    }
  }

  /** A busybox image made from the host's busybox-static: no registry download needed. */
  async importBusybox(tag = 'berth-e2e/busybox:1') {
    const root = join(this.dir, 'rootfs')
    mkdirSync(join(root, 'bin'), { recursive: true })
    mkdirSync(join(root, 'tmp'))
    mkdirSync(join(root, 'etc'))
    await run('cp', ['/bin/busybox', join(root, 'bin', 'busybox')])
    const { stdout } = await run(join(root, 'bin', 'busybox'), ['--list'])
    for (const applet of stdout.split('\n').filter(Boolean)) {
      if (applet !== 'busybox' && !existsSync(join(root, 'bin', applet))) symlinkSync('busybox', join(root, 'bin', applet))
    }
    const tar = join(this.dir, 'rootfs.tar')
    await run('tar', ['-C', root, '-cf', tar, '.'])
    await this.docker('import', '-c', 'CMD ["sh"]', '-c', 'ENV PATH=/bin', tar, tag)
    return tag
  }

  /** Debian's docker-registry on 127.0.0.1 (Docker treats loopback registries as plain HTTP). */
  async startRegistry() {
    const port = await freePort()
    const cfg = join(this.dir, 'registry.yml')
    writeFileSync(cfg, [
      'version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${join(this.dir, 'registry')}`,
      'http:', `  addr: 127.0.0.1:${port}`, '',
    ].join('\n'))
    this.spawnLogged('registry', 'docker-registry', ['serve', cfg])
    this.registry = `127.0.0.1:${port}`
    await waitFor('registry', async () => (await fetch(`http://${this.registry}/v2/`)).ok)
    return this.registry
  }

  /** The gateway jar, with the built UI (a directory or jar holding webroot/) first on its classpath. */
  async startGateway(gatewayJar, webrootClasspath, port) {
    if (!existsSync(gatewayJar)) throw new Error(`gateway jar not found: ${gatewayJar} (build backend first)`)
    port ??= await freePort()
    const data = join(this.dir, 'gw')
    mkdirSync(data, { recursive: true })
    this.gatewayProc = this.spawnLogged('gateway', 'java', [
      // the UI under test comes first, so it wins over one bundled in the jar
      '-Xmx256m', '-cp', `${webrootClasspath}:${gatewayJar}`, 'dev.berth.gateway.Main',
      '--listen-host', '127.0.0.1', '--listen-port', String(port), '--data-dir', data,
      '--hosts', `local=${this.dockerHost}`,
    ], { cwd: this.dir })
    this.restartGatewayArgs = [gatewayJar, webrootClasspath, port]
    this.gateway = `http://127.0.0.1:${port}`
    try {
      await waitFor('gateway', async () => {
        if (this.gatewayProc.exitedWith !== undefined) throw new Error(`exited with ${this.gatewayProc.exitedWith}`)
        return (await fetch(`${this.gateway}/api/status`)).ok
      }, 90000)
    } catch (e) {
      e.message += '\n' + this.logTail('gateway')
      throw e
    }
    return this.gateway
  }

  logTail(name, lines = 15) {
    return readFileSync(join(this.dir, `${name}.log`), 'utf8').trim().split('\n').slice(-lines).join('\n')
  }

  async stopGateway() {
    await this.terminate(this.gatewayProc)
  }

  /** Same port and data dir: sessions stay valid, as after a real restart. */
  restartGateway() {
    return this.startGateway(...this.restartGatewayArgs)
  }

  async terminate(p) {
    if (p.exitedWith !== undefined) return
    try {
      process.kill(-p.pid, 'SIGTERM')
    } catch {
      return // already gone
    }
    const end = Date.now() + 15000
    while (p.exitedWith === undefined && Date.now() < end) await sleep(100)
    if (p.exitedWith === undefined) process.kill(-p.pid, 'SIGKILL')
  }

  async stop() {
    for (const fn of this.beforeStop) await fn()
    for (const { p } of this.procs.reverse()) await this.terminate(p)
    for (const fn of this.afterStop) await fn()
    // dockerd can leave mounts under its root; unmount before deleting
    try {
      const { stdout } = await run('sh', ['-c', `grep -o ' ${this.dir}[^ ]*' /proc/mounts || true`])
      for (const m of stdout.split('\n').map((s) => s.trim()).filter(Boolean).reverse()) await run('umount', ['-l', m]).catch(() => {})
    } catch {
      // nothing mounted
    }
    if (!process.env.BERTH_E2E_KEEP) rmSync(this.dir, { recursive: true, force: true })
  }
}
