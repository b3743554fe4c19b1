// Pushes a one-layer image (a directory's files) to a registry without an engine: an OCI
// layout written here, copied by skopeo. Used where the engine under test has no commit/push.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'

const run = promisify(execFile)
const sha = (buf) => 'sha256:' + createHash('sha256').update(buf).digest('hex')

export async function pushDirAsImage(workDir, rootDir, ref) {
  const layout = join(workDir, 'oci')
  const blobs = join(layout, 'blobs', 'sha256')
  mkdirSync(blobs, { recursive: true })
  const put = (buf) => {
    const digest = sha(buf)
    writeFileSync(join(blobs, digest.slice(7)), buf)
    return { digest, size: buf.length }
  }
  const tarPath = join(workDir, 'layer.tar')
  await run('tar', ['-C', rootDir, '-cf', tarPath, '.'])
  const tar = readFileSync(tarPath)
  const layer = put(gzipSync(tar))
  const config = put(Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux',
    config: { Cmd: ['sh'], Env: ['PATH=/bin'] },
    rootfs: { type: 'layers', diff_ids: [sha(tar)] },
  })))
  const manifest = put(Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
  })))
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(join(layout, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': '1' } }],
  }))
  await run('skopeo', ['--insecure-policy', 'copy', '--dest-tls-verify=false', `oci:${layout}:1`, `docker://${ref}`])
}
