import type { ChildProcess } from 'node:child_process'

export const TEMPLATE_FILE: string
export function findNginx(env?: Record<string, string | undefined>): string | null

export type NginxOptions = {
  dir: string
  listen: { host?: string; port: number }
  upstreams: { host?: string; port: number }[]
  clientMaxBodySize: number
  maxFails?: number
  failTimeout?: string
  workerProcesses?: number
  accessLog?: boolean
  errorLog?: string
  user?: string
  template?: string
}
export function renderNginxConfig(options: NginxOptions): string
export function writeNginxConfig(options: NginxOptions): string
export function testNginxConfig(nginx: string, confFile: string, dir: string): { ok: boolean; output: string }
export function waitForPort(host: string, port: number, options?: { timeoutMs?: number; child?: ChildProcess }): Promise<void>
export function waitForHttp(url: string, options?: { timeoutMs?: number; child?: ChildProcess }): Promise<void>
export function stopProcess(child: ChildProcess | null | undefined, signal?: NodeJS.Signals, graceMs?: number): Promise<void>

export type ClusterInstance = { index: number; port: number; url: string; child: ChildProcess }
export type Cluster = {
  url: string
  dir: string
  instances: ClusterInstance[]
  nginx: ChildProcess
  kill(index: number, signal?: NodeJS.Signals): void
  stop(): Promise<void>
}
export function startCluster(options: {
  count: number
  basePort: number
  lbPort: number
  host?: string
  clientMaxBodySize: number
  command?: (port: number, index: number) => { cmd: string; args: string[]; env?: Record<string, string> }
  env?: Record<string, string | undefined>
  cwd?: string
  readyPath?: string
  readyTimeoutMs?: number
  dir?: string
  nginx?: string
  maxFails?: number
  failTimeout?: string
  workerProcesses?: number
  accessLog?: boolean
  log?: NodeJS.WritableStream | null
}): Promise<Cluster>
export function isBuildCurrent(root: string, sources: string[], buildDir?: string): boolean
