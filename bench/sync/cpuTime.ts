import { readdirSync, readFileSync } from 'node:fs'

/**
 * CPU seconds used by the processes of one sync step, read from /proc (Linux): HQ's Node process, the PostgreSQL
 * cluster's postmaster and its backends, and this process (the devices). On a machine shared with other work the
 * wall-clock rates swing with the load; the CPU each side spends per record does not, so it is what tells two
 * versions apart — and which side is busy.
 */
export interface CpuSample {
  hq: number
  postgres: number
  device: number
  /** Of hq and device: the part spent in the kernel for them (socket and file copies, fsync). */
  hqSystem: number
  deviceSystem: number
}

/** A sample with PostgreSQL's processes apart, so a backend that ends between two samples is not counted negative. */
export interface CpuReading {
  hq: number
  postgres: Map<number, number>
  device: number
  hqSystem: number
  deviceSystem: number
}

const TICK = 100 // USER_HZ on Linux

/** CPU seconds a process has used so far (0 once it is gone). */
export function procCpu(pid: number): number {
  const { user, system } = procCpuSplit(pid)
  return user + system
}

/** CPU seconds a process has used so far in its own code and in the kernel for it (0 once it is gone). */
export function procCpuSplit(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat (1-based); after "pid (comm) " they are 12 and 13.
    return { user: Number(fields[11]) / TICK, system: Number(fields[12]) / TICK }
  } catch {
    return { user: 0, system: 0 } // gone (a backend that ended), or not Linux
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return -1
  }
}

/** The postmaster listening on the port, found by its command line; null when there is none (DATABASE_URL). */
export function findPostmaster(port: number): number | null {
  for (const name of safeList('/proc')) {
    const pid = Number(name)
    if (!Number.isInteger(pid)) continue
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      const at = args.indexOf('-p')
      if (args[0]?.endsWith('postgres') && at >= 0 && args[at + 1] === String(port)) return pid
      const opts = args.find((a) => a.includes(`-p ${port} `))
      if (args[0]?.endsWith('postgres') && opts) return pid
    } catch {
      // ended meanwhile
    }
  }
  return null
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/**
 * A backend that ends between two samples takes its time with it (an undercount); the bench's HQ keeps its pooled
 * connections open through a step, so the backends doing the work are counted.
 */
export function sampleCpu(hqPid: number | undefined, postmaster: number | null): CpuReading {
  const postgres = new Map<number, number>()
  if (postmaster !== null) {
    postgres.set(postmaster, procCpu(postmaster))
    for (const name of safeList('/proc')) {
      const pid = Number(name)
      if (Number.isInteger(pid) && pid !== postmaster && parentOf(pid) === postmaster) postgres.set(pid, procCpu(pid))
    }
  }
  const own = process.cpuUsage()
  const hq = hqPid ? procCpuSplit(hqPid) : { user: 0, system: 0 }
  return {
    hq: hq.user + hq.system,
    hqSystem: hq.system,
    postgres,
    device: (own.user + own.system) / 1e6,
    deviceSystem: own.system / 1e6,
  }
}

export function cpuBetween(a: CpuReading, b: CpuReading): CpuSample {
  let postgres = 0
  for (const [pid, t] of b.postgres) postgres += Math.max(0, t - (a.postgres.get(pid) ?? 0))
  return {
    hq: b.hq - a.hq,
    postgres,
    device: b.device - a.device,
    hqSystem: b.hqSystem - a.hqSystem,
    deviceSystem: b.deviceSystem - a.deviceSystem,
  }
}
