import * as si from 'systeminformation'
import { snapshotByteLength } from '@shared/diagnostics/snapshot'
import { collectSnapshot } from '../src/main/diagnostics/service'

/*
 * Full diagnostics snapshot against systeminformation's getAllData(), median of RUNS each, one process.
 *
 * getAllData() always pings 8.8.8.8 (its getDynamicData() calls inetLatency() with no host, whatever
 * the arguments), and traffic here may go to loopback only. So the comparison runs getAllData's own
 * parts: getStaticData() followed by every call getDynamicData() makes, in the same order and
 * concurrency, with inetLatency aimed at the hub's host on loopback instead of 8.8.8.8.
 * The hub URL points at a closed loopback port unless --hub=URL is given: both sides pay the same.
 */

const RUNS = 5
const hubUrl = process.argv.find((arg) => arg.startsWith('--hub='))?.slice(6) ?? 'http://127.0.0.1:9'
const hubHost = new URL(hubUrl).hostname

async function getAllDataOnLoopback(): Promise<void> {
  await si.getStaticData()
  const iface = await si.networkInterfaceDefault()
  await Promise.all([
    si.cpuCurrentSpeed(),
    si.users(),
    si.processes(),
    si.currentLoad(),
    si.cpuTemperature(),
    si.networkStats(iface),
    si.networkConnections(),
    si.mem(),
    si.battery(),
    si.services(''),
    si.fsSize(),
    si.fsStats(),
    si.disksIO(),
    si.wifiNetworks(),
    si.inetLatency(hubHost),
  ])
  si.time()
}

let peakRss = process.memoryUsage().rss
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5)

async function measure(task: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now()
    await task()
    times.push(performance.now() - started)
  }
  return times
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
const round = (value: number): number => Math.round(value * 10) / 10

let bytes = 0
// The snapshot goes first so it does not profit from caches warmed by getAllData.
const snapshotTimes = await measure(async () => {
  bytes = snapshotByteLength(await collectSnapshot({ si, hubUrl }))
})
const snapshotPeakRssMb = peakRss / 2 ** 20
const getAllDataTimes = await measure(getAllDataOnLoopback)
clearInterval(sampler)
peakRss = Math.max(peakRss, process.memoryUsage().rss)

const snapshotMs = median(snapshotTimes)
const getAllDataMs = median(getAllDataTimes)
console.log(`snapshot runs (ms):    ${snapshotTimes.map(round).join(', ')}`)
console.log(
  `getAllData runs (ms):  ${getAllDataTimes.map(round).join(', ')}  (static + dynamic parts, inetLatency on ${hubHost})`,
)
console.log(
  JSON.stringify({
    snapshotMs: round(snapshotMs),
    getAllDataMs: round(getAllDataMs),
    ratio: Math.round((snapshotMs / getAllDataMs) * 1000) / 1000,
    peakRssMb: round(peakRss / 2 ** 20),
    snapshotPeakRssMb: round(snapshotPeakRssMb),
    snapshotBytes: bytes,
    runs: RUNS,
    compared: 'collectSnapshot vs getStaticData + getDynamicData parts (inetLatency on the hub host, not 8.8.8.8)',
  }),
)
process.exit(0)
