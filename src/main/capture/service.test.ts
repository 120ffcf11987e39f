import { describe, expect, it, vi } from 'vitest'
import { createDisplayMediaHandler } from './displayMedia'
import { createCaptureService, type CaptureDeps } from './service'

const left = { id: 11, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }
const right = { id: 22, bounds: { x: 1920, y: 0, width: 1280, height: 720 }, scaleFactor: 1.5 }

function deps(
  displays = [left, right],
  sources = [
    { id: 'screen:0:0', name: 'Screen 1', display_id: '11' },
    { id: 'screen:1:0', name: 'Screen 2', display_id: '22' },
  ],
) {
  const state = { displays, sources }
  const getSources = vi.fn(async (options: { thumbnailSize: { width: number } }) =>
    state.sources.map((s) => ({
      ...s,
      thumbnail: { toDataURL: () => (options.thumbnailSize.width ? `data:image/png;base64,${s.id}` : '') },
    })),
  )
  const captureDeps: CaptureDeps = {
    getSources,
    getAllDisplays: () => state.displays,
    getPrimaryDisplay: () => state.displays[0]!,
  }
  return { state, getSources, captureDeps }
}

const getHelpUrl = 'file:///app/out/renderer/gethelp.html'
const isGetHelp = (url: string | null) => url === getHelpUrl
const topFrame = (url = getHelpUrl) => ({ url, parent: null })

describe('screen capture', () => {
  it('lists every screen with its display geometry and a small preview', async () => {
    const { captureDeps, getSources } = deps()
    const sources = await createCaptureService(captureDeps).sources()
    expect(sources).toEqual([
      {
        id: 'screen:0:0',
        name: 'Screen 1',
        displayId: '11',
        bounds: left.bounds,
        scaleFactor: 1,
        primary: true,
        thumbnail: 'data:image/png;base64,screen:0:0',
      },
      {
        id: 'screen:1:0',
        name: 'Screen 2',
        displayId: '22',
        bounds: right.bounds,
        scaleFactor: 1.5,
        primary: false,
        thumbnail: 'data:image/png;base64,screen:1:0',
      },
    ])
    expect(getSources).toHaveBeenCalledWith({ types: ['screen'], thumbnailSize: { width: 320, height: 200 } })
  })

  it('shares nothing, and maps no input, until the user picks one of several screens', async () => {
    const { captureDeps } = deps()
    const capture = createCaptureService(captureDeps)
    expect(await capture.answerDisplayMedia()).toBeNull()
    expect(capture.sharedDisplay()).toBeNull()
  })

  it('answers getDisplayMedia with the picked screen and maps input onto that display', async () => {
    const { captureDeps } = deps()
    const capture = createCaptureService(captureDeps)
    await capture.choose('screen:1:0')
    expect(await capture.answerDisplayMedia()).toEqual({ video: { id: 'screen:1:0', name: 'Screen 2' } })
    expect(capture.sharedDisplay()).toEqual({ bounds: right.bounds, scaleFactor: 1.5 })
  })

  it('switches monitors: a new pick answers the next request and moves input with it', async () => {
    const { captureDeps } = deps()
    const capture = createCaptureService(captureDeps)
    await capture.choose('screen:1:0')
    await capture.choose('screen:0:0')
    expect(await capture.answerDisplayMedia()).toEqual({ video: { id: 'screen:0:0', name: 'Screen 1' } })
    expect(capture.sharedDisplay()).toEqual({ bounds: left.bounds, scaleFactor: 1 })
  })

  it('follows a resolution change of the shared display, and stops mapping when it is unplugged', async () => {
    const { captureDeps, state } = deps()
    const capture = createCaptureService(captureDeps)
    await capture.choose('screen:1:0')
    state.displays = [left, { ...right, bounds: { ...right.bounds, width: 1024, height: 768 } }]
    expect(capture.sharedDisplay()?.bounds).toEqual({ x: 1920, y: 0, width: 1024, height: 768 })
    state.displays = [left]
    expect(capture.sharedDisplay()).toBeNull()
  })

  it('refuses a source that is not a screen on this machine', async () => {
    const { captureDeps } = deps()
    const capture = createCaptureService(captureDeps)
    await expect(capture.choose('window:123:0')).rejects.toThrow('no screen "window:123:0" to share')
    expect(capture.sharedDisplay()).toBeNull()
  })

  it('shares the only screen without asking, even when the platform gives no display id', async () => {
    const { captureDeps } = deps([left], [{ id: 'screen:0:0', name: 'Entire Screen', display_id: '' }])
    const capture = createCaptureService(captureDeps)
    expect(capture.sharedDisplay()).toEqual({ bounds: left.bounds, scaleFactor: 1 })
    expect(await capture.answerDisplayMedia()).toEqual({ video: { id: 'screen:0:0', name: 'Entire Screen' } })
    expect(capture.sharedDisplay()).toEqual({ bounds: left.bounds, scaleFactor: 1 })
  })
})

describe('getDisplayMedia handler', () => {
  async function answer(request: Parameters<ReturnType<typeof createDisplayMediaHandler>>[0]) {
    const { captureDeps } = deps()
    const capture = createCaptureService(captureDeps)
    await capture.choose('screen:0:0')
    const callback = vi.fn()
    createDisplayMediaHandler(capture, isGetHelp)(request, callback)
    await vi.waitFor(() => expect(callback).toHaveBeenCalledOnce())
    return callback.mock.calls[0]![0]
  }

  it('grants the picked screen to the Get Help page', async () => {
    expect(await answer({ frame: topFrame(), videoRequested: true })).toEqual({
      video: { id: 'screen:0:0', name: 'Screen 1' },
    })
  })

  it('refuses other pages, sub-frames, vanished frames and audio-only requests', async () => {
    expect(await answer({ frame: topFrame('file:///app/out/renderer/console.html'), videoRequested: true })).toBeNull()
    expect(await answer({ frame: { url: getHelpUrl, parent: {} }, videoRequested: true })).toBeNull()
    expect(await answer({ frame: null, videoRequested: true })).toBeNull()
    expect(await answer({ frame: topFrame(), videoRequested: false })).toBeNull()
  })
})
