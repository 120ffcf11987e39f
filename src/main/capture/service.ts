import type { CaptureSource } from '@shared/api/contract'
import type { DisplayGeometry } from '../input/geometry'

/** The parts of Electron's desktopCapturer and screen that capture needs; injected so tests run in Node. */
export interface CaptureDeps {
  getSources(options: {
    types: Array<'screen'>
    thumbnailSize: { width: number; height: number }
  }): Promise<Array<{ id: string; name: string; display_id: string; thumbnail: { toDataURL(): string } }>>
  getAllDisplays(): Array<DisplayGeometry & { id: number }>
  getPrimaryDisplay(): { id: number }
}

/** Answers `getDisplayMedia`: the video to grant, or null to refuse. */
export interface DisplayMediaAnswer {
  video: { id: string; name: string }
}

export interface CaptureService {
  sources(): Promise<CaptureSource[]>
  choose(sourceId: string): Promise<CaptureSource>
  /** Decides a `getDisplayMedia` request of the Get Help page. */
  answerDisplayMedia(): Promise<DisplayMediaAnswer | null>
  /** The geometry of the display being shared, for input to land on; null while none is picked among several. */
  sharedDisplay(): DisplayGeometry | null
}

const thumbnailSize = { width: 320, height: 200 }

/**
 * Lets the user pick which screen Get Help shares, and answers the page's `getDisplayMedia` with
 * exactly that screen. The chosen display is remembered by id so input maps onto its current
 * geometry, even after a resolution change.
 */
export function createCaptureService(deps: CaptureDeps): CaptureService {
  let chosen: { source: CaptureSource; displayId: string | null } | null = null

  const list = async (withThumbnails: boolean): Promise<CaptureSource[]> => {
    const sources = await deps.getSources({
      types: ['screen'],
      thumbnailSize: withThumbnails ? thumbnailSize : { width: 0, height: 0 },
    })
    const displays = deps.getAllDisplays()
    const primaryId = deps.getPrimaryDisplay().id
    return sources.map((source) => {
      // Some Linux setups leave display_id empty; with a single screen the match is still certain.
      const display =
        displays.find((d) => String(d.id) === source.display_id) ??
        (sources.length === 1 && displays.length === 1 ? displays[0] : undefined)
      const fallback = displays.find((d) => d.id === primaryId) ?? displays[0]
      const geometry = display ?? fallback
      return {
        id: source.id,
        name: source.name,
        displayId: display ? String(display.id) : null,
        bounds: geometry?.bounds ?? { x: 0, y: 0, width: 1, height: 1 },
        scaleFactor: geometry?.scaleFactor ?? 1,
        primary: display?.id === primaryId,
        thumbnail: withThumbnails ? source.thumbnail.toDataURL() : '',
      }
    })
  }

  const remember = (source: CaptureSource) => {
    chosen = { source, displayId: source.displayId }
    return source
  }

  return {
    sources: () => list(true),
    async choose(sourceId) {
      const source = (await list(false)).find((s) => s.id === sourceId)
      if (!source) throw new Error(`no screen "${sourceId}" to share; it may have been disconnected`)
      return remember(source)
    },
    async answerDisplayMedia() {
      const sources = await list(false)
      const pick = chosen ? sources.find((s) => s.id === chosen!.source.id) : sources.length === 1 ? sources[0] : null
      if (!pick) return null
      remember(pick)
      return { video: { id: pick.id, name: pick.name } }
    },
    sharedDisplay() {
      const displays = deps.getAllDisplays()
      // With a single screen there is nothing to pick: that screen is the one shared.
      const only = displays.length === 1 ? displays[0] : undefined
      const display =
        chosen === null || chosen.displayId === null ? only : displays.find((d) => String(d.id) === chosen!.displayId)
      return display ? { bounds: display.bounds, scaleFactor: display.scaleFactor } : null
    },
  }
}
