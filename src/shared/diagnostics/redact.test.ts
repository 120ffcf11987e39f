import { describe, expect, it } from 'vitest'
import { fixtureSnapshot, withData } from './fixtures'
import { redactSnapshot, redactText, SERIAL_MASK, USER_MASK } from './redact'

describe('redactText', () => {
  it.each([
    ['/home/anna/Documents/report.docx', '/home/[user]/Documents/report.docx'],
    ['/Users/anna.meier/Library', '/Users/[user]/Library'],
    ['C:\\Users\\amei\\AppData\\Local', 'C:\\Users\\[user]\\AppData\\Local'],
    ['d:/users/amei/Desktop', 'd:/users/[user]/Desktop'],
    ['/run/media/anna/USB STICK', '/run/media/[user]/USB STICK'],
    ['/media/anna', '/media/[user]'],
  ])('masks the profile name in %s', (input, expected) => {
    expect(redactText(input)).toBe(expected)
  })

  it('leaves shared profiles and ordinary paths alone', () => {
    expect(redactText('C:\\Users\\Public\\Desktop')).toBe('C:\\Users\\Public\\Desktop')
    expect(redactText('/Users/Shared/Adobe')).toBe('/Users/Shared/Adobe')
    expect(redactText('/var/lib/home/x')).toBe('/var/lib/home/x')
  })

  it('masks known names only as whole path segments', () => {
    expect(redactText('/srv/anna/data', ['anna'])).toBe('/srv/[user]/data')
    expect(redactText('anna', ['anna'])).toBe('[user]')
    expect(redactText('/srv/annabel/data', ['anna'])).toBe('/srv/annabel/data')
  })
})

describe('redactSnapshot', () => {
  const snapshot = withData(fixtureSnapshot(), 'hardware', 'fileSystems', [
    {
      fs: '/dev/sdb1',
      type: 'vfat',
      mount: '/media/anna/STICK',
      sizeBytes: 1,
      usedBytes: 0,
      availableBytes: 1,
      usePercent: 0,
    },
  ])

  it('masks user names and serial numbers by default and says so', () => {
    const redacted = redactSnapshot(snapshot)
    expect(redacted.masked).toEqual({ userNames: true, serials: true })
    expect(redacted.groups.os.users.data?.[0]?.user).toBe(USER_MASK)
    expect(redacted.groups.os.processes.data?.topCpu.every((p) => p.user === USER_MASK)).toBe(true)
    expect(redacted.groups.hardware.fileSystems.data?.[0]?.mount).toBe(`/media/${USER_MASK}/STICK`)
    expect(redacted.groups.hardware.system.data?.serial).toBe(SERIAL_MASK)
    expect(redacted.groups.hardware.system.data?.chassis.assetTag).toBe(SERIAL_MASK)
    expect(redacted.groups.hardware.disks.data?.[0]?.serial).toBe(SERIAL_MASK)
    expect(redacted.groups.peripherals.displays.data?.[1]?.serial).toBe(SERIAL_MASK)
    expect(JSON.stringify(redacted)).not.toMatch(/PF2ABCDE|S64KNX0R123456|"anna"|\/anna\//)
  })

  it('keeps unknown serials as null and leaves the input untouched', () => {
    const redacted = redactSnapshot(snapshot)
    expect(redacted.groups.peripherals.displays.data?.[0]?.serial).toBeNull()
    expect(snapshot.groups.hardware.system.data?.serial).toBe('PF2ABCDE')
  })

  it('keeps what the user allows', () => {
    const redacted = redactSnapshot(snapshot, { includeUserNames: true, includeSerials: true })
    expect(redacted).toEqual({ ...snapshot, masked: { userNames: false, serials: false } })
    const serialsOnly = redactSnapshot(snapshot, { includeSerials: true })
    expect(serialsOnly.groups.hardware.system.data?.serial).toBe('PF2ABCDE')
    expect(serialsOnly.groups.os.users.data?.[0]?.user).toBe(USER_MASK)
  })
})
